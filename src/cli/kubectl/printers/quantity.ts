/**
 * Resource quantities (`100m`, `0.5`, `128Mi`, `1Gi`, `500M`) with apimachinery's canonical
 * string form, as `kubectl describe` prints requests, limits, capacity and allocated totals.
 *
 * A quantity is held exactly as an integer number of nano-units, plus the format it was written
 * in: binary suffixes (Ki, Mi...) print back in binary when the value is a whole multiple of 1024;
 * everything else prints with decimal SI suffixes.
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value in units of 10^-9, exactly. */
  nanos: bigint;
  format: QuantityFormat;
}

const NANO = 1_000_000_000n;

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

const QUANTITY_RE = /^([+-]?)(\d*)(?:\.(\d*))?(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|[numkMGTPE])?$/;

/** The zero quantity, as a missing map entry reads in Go. */
export const zeroQuantity = (): Quantity => ({ nanos: 0n, format: 'DecimalSI' });

/** Parses a quantity string; throws on syntax Kubernetes would reject. */
export function parseQuantity(text: string | number): Quantity {
  const str = String(text).trim();
  const match = QUANTITY_RE.exec(str);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) throw new Error(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
  const [, sign, whole, frac = '', suffix = ''] = match;
  // Fraction digits beyond nano precision round up, as apimachinery rounds up on parse.
  const digits = BigInt(`${whole || '0'}${frac.padEnd(9, '0').slice(0, 9)}`);
  const roundUp = /[1-9]/.test(frac.slice(9)) ? 1n : 0n;
  let nanos = digits + roundUp;
  let format: QuantityFormat = 'DecimalSI';
  const binary = BINARY_SUFFIXES[suffix];
  if (binary !== undefined) {
    nanos *= 2n ** BigInt(binary);
    format = 'BinarySI';
  } else {
    const decimal = DECIMAL_SUFFIXES[suffix];
    const exponent = decimal ?? Number(suffix.slice(1));
    if (decimal === undefined) format = 'DecimalExponent';
    nanos = exponent >= 0 ? nanos * 10n ** BigInt(exponent) : ceilDiv(nanos, 10n ** BigInt(-exponent));
  }
  return { nanos: sign === '-' ? -nanos : nanos, format };
}

const ceilDiv = (a: bigint, b: bigint): bigint => (a % b === 0n ? a / b : a / b + (a > 0n ? 1n : 0n));

/** Sum of two quantities; the result keeps the first non-zero operand's format, as Quantity.Add does. */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

/** Quantity.MilliValue: the value in thousandths, rounded up. */
export const milliValue = (q: Quantity): number => Number(ceilDiv(q.nanos, 1_000_000n));

/** Quantity.Value: the value in whole units, rounded up. */
export const unitValue = (q: Quantity): number => Number(ceilDiv(q.nanos, NANO));

/** Quantity.String(): the canonical form, e.g. `1500m`, `1Gi`, `1536Mi`, `500M`, `0`. */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  const abs = q.nanos < 0n ? -q.nanos : q.nanos;
  const sign = q.nanos < 0n ? '-' : '';
  const useBinary = q.format === 'BinarySI' && abs >= 1024n * NANO && abs % NANO === 0n;
  if (useBinary) return sign + formatBinary(abs / NANO);
  return sign + formatDecimal(abs, q.format === 'DecimalExponent');
}

function formatBinary(units: bigint): string {
  let amount = units;
  let exponent = 0;
  while (amount % 1024n === 0n && exponent < 60) {
    amount /= 1024n;
    exponent += 10;
  }
  const suffix = Object.keys(BINARY_SUFFIXES).find((k) => BINARY_SUFFIXES[k] === exponent) ?? '';
  return `${amount}${suffix}`;
}

function formatDecimal(nanos: bigint, exponentForm: boolean): string {
  // Strip factors of ten, then step back down so the exponent is a multiple of three.
  let amount = nanos;
  let exponent = -9;
  while (amount % 10n === 0n) {
    amount /= 10n;
    exponent++;
  }
  const rem = ((exponent % 3) + 3) % 3;
  amount *= 10n ** BigInt(rem);
  exponent -= rem;
  if (exponentForm) return exponent === 0 ? `${amount}` : `${amount}e${exponent}`;
  if (exponent > 18) {
    amount *= 10n ** BigInt(exponent - 18);
    exponent = 18;
  }
  const suffix = Object.keys(DECIMAL_SUFFIXES).find((k) => DECIMAL_SUFFIXES[k] === exponent) ?? '';
  return `${amount}${suffix}`;
}

/** Parses an optional quantity string, reading a missing one as zero. */
export const quantityOrZero = (text: string | number | undefined): Quantity =>
  text === undefined ? zeroQuantity() : parseQuantity(text);
