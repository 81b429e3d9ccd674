/** An engine invariant: a failure is a bug in the simulator, never a learner's mistake. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`clusterlab invariant violated: ${message}`);
}
