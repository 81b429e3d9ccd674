/**
 * Setup fields the schema knows but the engine cannot honour (yet). A lab that asks for one is
 * refused with the reason, never run with the field silently ignored: a lab about a feature gate
 * the engine does not model would grade nonsense.
 */

/** Feature gates some engine component reads (ContainerCheckpoint: the kubelet's checkpoint API). */
export const MODELLED_FEATURE_GATES = ['ContainerCheckpoint'];

interface SetupFields {
  featureGates?: Record<string, boolean>;
}

export interface Unsupported {
  path: (string | number)[];
  message: string;
}

export function unsupportedSetupFields(setup: SetupFields): Unsupported[] {
  return Object.keys(setup.featureGates ?? {})
    .filter((gate) => !MODELLED_FEATURE_GATES.includes(gate))
    .map((gate) => ({ path: ['featureGates', gate], message: `not modelled by this engine, so it cannot be set (modelled gates: ${MODELLED_FEATURE_GATES.join(', ')})` }));
}
