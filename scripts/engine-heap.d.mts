/** The V8 flags a Node process running the simulated cluster starts with (see engine-heap.mjs). */
export const ENGINE_HEAP_FLAGS: readonly string[];
export function hasEngineHeapFlags(execArgv?: readonly string[], nodeOptions?: string): boolean;
