/**
 * Kubernetes resource quantities (`500m`, `1.5`, `128Mi`, `1G`, `2e3`) parsed once, at the edge,
 * into the integers the scheduler compares: millicores for cpu and bytes (or counts) otherwise.
 * Like resource.Quantity, fractions round up: `0.5m` of cpu is 1 millicore.
 */

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

/**
 * The value of a quantity as a float, or undefined when the text is not a quantity.
 * @example parseQuantity('128Mi') === 134217728; parseQuantity('250m') === 0.25
 */
export function parseQuantity(text: string | number | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'number') return text;
  // A cluster states a handful of distinct quantities, thousands of times over (every pod's).
  if (PARSED.has(text)) return PARSED.get(text);
  if (PARSED.size >= PARSED_MAX) PARSED.clear();
  const value = parseText(text);
  PARSED.set(text, value);
  return value;
}

const PARSED = new Map<string, number | undefined>();
const PARSED_MAX = 1024;

function parseText(text: string): number | undefined {
  const m = QUANTITY.exec(text.trim());
  if (!m) return undefined;
  const value = Number(m[1]);
  if (m[3] !== undefined) return value * 10 ** Number(m[3]);
  const suffix = m[2] ?? '';
  return value * (BINARY[suffix] ?? DECIMAL[suffix] ?? 1);
}

/** CPU in millicores, rounded up (`100m` → 100, `1.5` → 1500); 0 when absent or malformed. */
export function cpuMillis(text: string | number | undefined): number {
  const value = parseQuantity(text);
  return value === undefined ? 0 : Math.ceil(Math.round(value * 1e9) / 1e6);
}

/** Memory, storage or counts as an integer, rounded up (`128Mi` → 134217728); 0 when absent. */
export function integerValue(text: string | number | undefined): number {
  const value = parseQuantity(text);
  return value === undefined ? 0 : Math.ceil(value - 1e-9);
}
