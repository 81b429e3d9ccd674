/**
 * Command-line flags the way cobra/pflag parse them for kubectl: long flags (`--namespace=ns`,
 * `--namespace ns`), shorthands (`-n ns`, `-nns`, `-it`), flags anywhere among the arguments
 * (interspersed), `--` ending flag parsing, and pflag's error texts.
 */

/**
 * `array` is pflag's StringSlice (repeatable, commas split); `list` is StringArray (repeatable,
 * kept whole); `duration` is a Go time.Duration (`30s`, `1h5m`), kept as typed once it parses.
 */
export type FlagType = 'bool' | 'string' | 'array' | 'list' | 'int' | 'duration';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  /** pflag's deprecation notice: the flag still works, and using it prints `Flag --x has been deprecated, <this>`. */
  deprecated?: string;
  /** pflag's NoOptDefVal: the value of `--flag` given without `=value` (it then takes no argument). */
  noOptDefault?: string;
}

export interface ParsedFlags {
  /** Positional arguments before `--`. */
  args: string[];
  /** Arguments after `--` (exec and run commands). */
  dashArgs: string[];
  /** Whether `--` appeared at all. */
  sawDash: boolean;
  values: Map<string, string[]>;
  /** Every flag given, in order, with its value as typed (what --record writes into change-cause). */
  given: [name: string, value: string][];
}

/** A flag-parsing failure; the message is pflag's, without kubectl's "error: " prefix. */
export class FlagError extends Error {}

/** Flags every kubectl command accepts (cobra's persistent flags on the root command). */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'help', short: 'h', type: 'bool' },
  { name: 'request-timeout', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'v', short: 'v', type: 'string' },
];

/** Parse `argv` against the flags a command declares plus the global ones. */
export function parseFlags(argv: string[], specs: FlagSpec[]): ParsedFlags {
  const all = [...GLOBAL_FLAGS, ...specs];
  const byName = new Map(all.map((s) => [s.name, s]));
  const byShort = new Map(all.filter((s) => s.short).map((s) => [s.short!, s]));
  const out: ParsedFlags = { args: [], dashArgs: [], sawDash: false, values: new Map(), given: [] };
  const set = (spec: FlagSpec, value: string) => {
    if (spec.type === 'int' && !/^-?\d+$/.test(value)) {
      throw new FlagError(`invalid argument "${value}" for "${spec.short ? `-${spec.short}, ` : ''}--${spec.name}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`);
    }
    if (spec.type === 'bool' && !['true', 'false', '1', '0', 't', 'f', 'TRUE', 'FALSE', 'True', 'False'].includes(value)) {
      throw new FlagError(`invalid argument "${value}" for "${spec.short ? `-${spec.short}, ` : ''}--${spec.name}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`);
    }
    const badDuration = spec.type === 'duration' ? goDurationError(value) : undefined;
    if (badDuration) throw new FlagError(`invalid argument "${value}" for "${spec.short ? `-${spec.short}, ` : ''}--${spec.name}" flag: ${badDuration}`);
    out.given.push([spec.name, value]);
    const list = out.values.get(spec.name) ?? [];
    // Array flags accumulate (-f a -f b, and -f a,b as pflag's StringSlice, for which an empty
    // value adds nothing); others keep the last.
    if (spec.type === 'array') list.push(...(value === '' ? [] : value.split(',')));
    else if (spec.type === 'list') list.push(value);
    else list.splice(0, list.length, value);
    out.values.set(spec.name, list);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.sawDash = true;
      out.dashArgs = argv.slice(i + 1);
      break;
    }
    if (arg.startsWith('--')) {
      i = parseLong(arg, argv, i, byName, set);
    } else if (arg.startsWith('-') && arg.length > 1) {
      i = parseShorts(arg, argv, i, byShort, set);
    } else {
      out.args.push(arg);
    }
  }
  return out;
}

type Setter = (spec: FlagSpec, value: string) => void;

function parseLong(arg: string, argv: string[], i: number, byName: Map<string, FlagSpec>, set: Setter): number {
  const eq = arg.indexOf('=');
  const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
  const spec = byName.get(name);
  if (!spec) throw new FlagError(`unknown flag: --${name}`);
  if (eq >= 0) {
    set(spec, arg.slice(eq + 1));
    return i;
  }
  if (spec.type === 'bool' || spec.noOptDefault !== undefined) {
    set(spec, spec.noOptDefault ?? 'true');
    return i;
  }
  if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: --${name}`);
  set(spec, argv[i + 1]!);
  return i + 1;
}

function parseShorts(arg: string, argv: string[], i: number, byShort: Map<string, FlagSpec>, set: Setter): number {
  // `-it`: a run of boolean shorthands; the first non-boolean one takes the rest (or the next arg).
  for (let j = 1; j < arg.length; j++) {
    const ch = arg[j]!;
    const spec = byShort.get(ch);
    if (!spec) throw new FlagError(`unknown shorthand flag: '${ch}' in ${arg}`);
    if (spec.type === 'bool') {
      if (arg[j + 1] === '=') {
        set(spec, arg.slice(j + 2));
        return i;
      }
      set(spec, 'true');
      continue;
    }
    const rest = arg.slice(j + 1);
    if (rest !== '') {
      set(spec, rest.startsWith('=') ? rest.slice(1) : rest);
      return i;
    }
    if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: '${ch}' in -${ch}`);
    set(spec, argv[i + 1]!);
    return i + 1;
  }
  return i;
}

/** Typed access to parsed flags. */
export class Flags {
  constructor(readonly parsed: ParsedFlags) {}

  get args(): string[] {
    return this.parsed.args;
  }

  has(name: string): boolean {
    return this.parsed.values.has(name);
  }

  string(name: string): string | undefined {
    return this.parsed.values.get(name)?.at(-1);
  }

  bool(name: string, fallback = false): boolean {
    const v = this.string(name);
    if (v === undefined) return fallback;
    return ['true', '1', 't', 'TRUE', 'True'].includes(v);
  }

  int(name: string): number | undefined {
    const v = this.string(name);
    return v === undefined ? undefined : Number(v);
  }

  array(name: string): string[] {
    return this.parsed.values.get(name) ?? [];
  }
}

/** time.ParseDuration's complaint about `text`, or undefined when Go accepts it. */
export function goDurationError(text: string): string | undefined {
  if (/^[-+]?0$/.test(text)) return undefined;
  const body = text.replace(/^[-+]/, '');
  if (!/^(\d+(\.\d*)?|\.\d+)/.test(body)) return `time: invalid duration "${text}"`;
  for (let rest = body; rest; ) {
    const m = /^(\d+(?:\.\d*)?|\.\d+)([^\d.]*)/.exec(rest);
    if (!m) return `time: invalid duration "${text}"`;
    if (m[2] === '') return `time: missing unit in duration "${text}"`;
    if (!['ns', 'us', 'µs', 'μs', 'ms', 's', 'm', 'h'].includes(m[2]!)) return `time: unknown unit "${m[2]}" in duration "${text}"`;
    rest = rest.slice(m[0].length);
  }
  return undefined;
}
