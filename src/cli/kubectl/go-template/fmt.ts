/**
 * Go's fmt for the values of an object as kubectl decodes it for templates (apimachinery's json:
 * whole numbers int64, here bigint; others float64; string, bool, nil, []interface{},
 * map[string]interface{}): Sprint's %v, Sprint/Sprintln spacing, and the Printf verbs templates
 * use, including Go's complaints about a wrong verb (`%!d(string=a)`) or a missing argument.
 */

/** A map key that is not there: text/template prints it as "<no value>". */
export const MISSING: unique symbol = Symbol('no value');

/** %v of a float64 (strconv's 'g' with the shortest digits): an exponent from 1e6 up and below 1e-4, so 1000000 is 1e+06. */
export function goFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const exp = Math.floor(Math.log10(Math.abs(f)));
  // Shortest 'g' switches to %e when the exponent is below -4 or at least 6.
  if (exp < -4 || exp >= 6) {
    const [mantissa, e] = f.toExponential().split('e') as [string, string];
    const n = Number(e);
    return `${mantissa}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  return String(f);
}

/** fmt.Sprint of one value (%v). */
export function goSprint(v: unknown): string {
  if (v === MISSING) return '<no value>';
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return goFloat(v);
  if (typeof v === 'bigint') return String(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[${entries.map(([k, x]) => `${k}:${goSprint(x)}`).join(' ')}]`;
}

/**
 * %#v of an unstructured value, as kubectl's printers dump the object they were given:
 * `map[string]interface {}{"a":1, "b":[]interface {}{"x"}}` (keys sorted), `interface {}(nil)`.
 * Whole numbers are int64 there, as apimachinery decodes them.
 */
export function goSyntax(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloat(v);
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSyntax).join(', ')}}`;
  const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[string]interface {}{${entries.map(([k, x]) => `${JSON.stringify(k)}:${goSyntax(x)}`).join(', ')}}`;
}

/** Sprint adds a space between operands when neither is a string; Sprintln between all, and a newline. */
export function goPrint(args: unknown[], line: boolean): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && (line || (typeof a !== 'string' && typeof args[i - 1] !== 'string'))) out += ' ';
    out += goSprint(a);
  });
  return line ? `${out}\n` : out;
}

const goTypeName = (v: unknown): string =>
  v === null || v === undefined || v === MISSING ? '<nil>' : typeof v === 'number' ? 'float64' : typeof v === 'bigint' ? 'int64' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';

/** Go's %!verb(type=value) for an operand the verb does not fit. */
const bad = (verb: string, v: unknown) => (v === null || v === undefined || v === MISSING ? `%!${verb}(<nil>)` : `%!${verb}(${goTypeName(v)}=${goSprint(v)})`);

const PAD = (s: string, width: number | undefined, left: boolean, zero: boolean) => {
  if (width === undefined || s.length >= width) return s;
  if (left) return s.padEnd(width);
  if (zero) {
    const sign = /^[-+]/.test(s) ? s[0]! : '';
    return sign + s.slice(sign.length).padStart(width - sign.length, '0');
  }
  return s.padStart(width);
};

/** fmt.Sprintf with the verbs v s q d f e g t x c and %%, flags `-+ 0`, width and precision. */
export function goPrintf(format: string, args: unknown[]): string {
  let out = '';
  let next = 0;
  const spec = /%([-+# 0]*)(\d+)?(?:\.(\d*))?([a-zA-Z%!])/y;
  for (let i = 0; i < format.length; ) {
    if (format[i] !== '%') {
      const j = format.indexOf('%', i);
      out += format.slice(i, j < 0 ? undefined : j);
      i = j < 0 ? format.length : j;
      continue;
    }
    spec.lastIndex = i;
    const m = spec.exec(format);
    if (!m) {
      out += '%!(NOVERB)';
      break;
    }
    i = spec.lastIndex;
    const [, flags = '', widthText, precText, verb = ''] = m;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (verb === '!') {
      out += next < args.length ? bad('!', args[next++]) : '%!!(NOVERB)';
      continue;
    }
    if (next >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const value = args[next++];
    const width = widthText === undefined ? undefined : Number(widthText);
    const precision = precText === undefined ? undefined : Number(precText || '0');
    out += PAD(formatOne(verb, value, flags, precision), width, flags.includes('-'), flags.includes('0') && verb !== 's');
  }
  if (next < args.length) out += `%!(EXTRA ${args.slice(next).map((a) => `${goTypeName(a)}=${goSprint(a)}`).join(', ')})`;
  return out;
}

function formatOne(verb: string, v: unknown, flags: string, precision: number | undefined): string {
  const plus = flags.includes('+');
  const sign = (negative: boolean) => (negative ? '-' : plus ? '+' : flags.includes(' ') ? ' ' : '');
  switch (verb) {
    case 'v':
      if (typeof v === 'number' && precision !== undefined) return sign(v < 0) + String(Number(Math.abs(v).toPrecision(precision || 1)));
      return typeof v === 'bigint' || typeof v === 'number' ? sign(v < 0) + goSprint(typeof v === 'bigint' ? (v < 0n ? -v : v) : Math.abs(v)) : goSprint(v);
    case 'T':
      return goTypeName(v);
    case 's':
    case 'q':
      if (typeof v === 'string') {
        const text = precision === undefined ? v : v.slice(0, precision);
        return verb === 'q' ? JSON.stringify(text) : text;
      }
      // A collection applies the verb to each element: `[a %!s(int64=1)]`.
      if (Array.isArray(v)) return `[${v.map((x) => formatOne(verb, x, flags, undefined)).join(' ')}]`;
      if (typeof v === 'object' && v !== null) {
        const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `map[${entries.map(([k, x]) => `${verb === 'q' ? JSON.stringify(k) : k}:${formatOne(verb, x, flags, undefined)}`).join(' ')}]`;
      }
      return bad(verb, v);
    case 't':
      return typeof v === 'boolean' ? String(v) : bad(verb, v);
    case 'd':
    case 'b':
    case 'o':
    case 'c':
    case 'x':
    case 'X':
      if (typeof v === 'bigint') {
        if (verb === 'c') return String.fromCodePoint(Number(v));
        const magnitude = v < 0n ? -v : v;
        const radix = verb === 'd' ? 10 : verb === 'b' ? 2 : verb === 'o' ? 8 : 16;
        let digits = magnitude.toString(radix);
        if (verb === 'X') digits = digits.toUpperCase();
        const prefix = flags.includes('#') ? (verb === 'x' ? '0x' : verb === 'X' ? '0X' : verb === 'o' ? '0' : '') : '';
        return sign(v < 0n) + prefix + digits;
      }
      if (typeof v === 'string' && (verb === 'x' || verb === 'X')) {
        const bytes = [...new TextEncoder().encode(v)].map((b) => b.toString(16).padStart(2, '0'));
        const hex = bytes.join(flags.includes(' ') ? ' ' : '');
        return verb === 'X' ? hex.toUpperCase() : hex;
      }
      if (Array.isArray(v)) return `[${v.map((x) => formatOne(verb, x, flags, undefined)).join(' ')}]`;
      return bad(verb, v);
    case 'f':
    case 'F':
    case 'e':
    case 'g':
      if (typeof v !== 'number') return bad(verb, v);
      if (verb === 'g') return sign(v < 0) + (precision === undefined ? goFloat(Math.abs(v)) : String(Number(Math.abs(v).toPrecision(precision || 1))));
      if (verb === 'e') return sign(v < 0) + Math.abs(v).toExponential(precision ?? 6).replace(/e([-+])(\d)$/, 'e$10$2');
      return sign(v < 0) + fixed(Math.abs(v), precision ?? 6);
    default:
      return bad(verb, v);
  }
}

/** %f: Go rounds an exact tie to even (`%.0f` of 2.5 is 2), where toFixed rounds it up. */
function fixed(v: number, precision: number): string {
  const scaled = v * 10 ** precision;
  if (Number.isFinite(scaled) && scaled - Math.floor(scaled) === 0.5 && Number.isSafeInteger(Math.floor(scaled))) {
    const floor = Math.floor(scaled);
    const even = floor % 2 === 0 ? floor : floor + 1;
    return (even / 10 ** precision).toFixed(precision);
  }
  return v.toFixed(precision);
}
