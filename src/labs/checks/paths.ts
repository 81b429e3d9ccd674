/** Read `spec.containers[0].image` or `metadata.labels.app` out of an object. */
export function readPath(obj: unknown, path: string): unknown {
  let value = obj;
  for (const part of path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** JSON text of a value for messages (`"node-2"`, `3`, `<none>` when absent). */
export function show(value: unknown): string {
  return value === undefined ? '<none>' : JSON.stringify(value);
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
