/**
 * Setup fields the schema knows but the engine cannot honour yet. A lab that asks for one is
 * refused with the reason, never run with the field silently ignored: a lab on checkpointing
 * that quietly runs without a checkpoint API would grade nonsense.
 */

interface SetupFields {
  featureGates?: Record<string, boolean>;
  containerRuntime?: { name: string; checkpoint?: boolean };
  traffic?: unknown[];
}

export interface Unsupported {
  path: string[];
  message: string;
}

export function unsupportedSetupFields(setup: SetupFields): Unsupported[] {
  const out: Unsupported[] = [];
  const gates = Object.keys(setup.featureGates ?? {});
  if (gates.length > 0) {
    out.push({ path: ['featureGates'], message: `not supported by this engine yet: no feature gate is modelled (asked for ${gates.join(', ')})` });
  }
  const runtime = setup.containerRuntime;
  if (runtime?.name === 'cri-o') out.push({ path: ['containerRuntime', 'name'], message: 'not supported by this engine yet: only containerd is simulated' });
  if (runtime?.checkpoint !== undefined) {
    out.push({ path: ['containerRuntime', 'checkpoint'], message: 'not supported by this engine yet: the kubelet checkpoint API is not simulated' });
  }
  if (setup.traffic !== undefined) {
    out.push({ path: ['traffic'], message: 'not supported by this engine yet: there is no traffic generator to run background load' });
  }
  return out;
}
