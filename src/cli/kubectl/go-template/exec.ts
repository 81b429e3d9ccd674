/**
 * Executes a parsed template over JSON data as text/template does over the map kubectl decodes
 * the object into (apimachinery's json: whole numbers int64, so `{{eq .spec.replicas 3}}` holds
 * and `{{printf "%f" .spec.replicas}}` is Go's `%!f(int64=3)`). A missing key prints as
 * "<no value>" (missingkey=default) and is nil once passed to a function.
 */
import { base64DecodeText, base64ErrorOffset } from '../../../engine/sim/base64';
import { parseTemplate, TemplateError, type Arg, type Pipe, type TemplateNode } from './parse';
import { goPrint, goPrintf, goSprint, MISSING } from './fmt';

type Value = unknown;

/** `{{break}}` and `{{continue}}`, unwinding to their range. */
class Control extends Error {
  constructor(readonly kind: 'break' | 'continue') {
    super(kind);
  }
}

/** Runs `template` over a JSON object as kubectl's printer does; throws TemplateError with text/template's messages. */
export function executeGoTemplate(template: string, data: Value): string {
  return runTemplate(parseTemplate(template), decodeForTemplate(data));
}

/** The object as apimachinery's json decodes it for the template printer: whole numbers are int64 (bigint). */
export function decodeForTemplate(value: Value): Value {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(decodeForTemplate);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, decodeForTemplate(v)]));
  return value;
}

/** Runs parsed nodes over `data`. */
export function runTemplate(nodes: TemplateNode[], data: Value): string {
  const out: string[] = [];
  try {
    new Executor(out).list(nodes, data, [new Map([['$', data]])]);
  } catch (e) {
    // What the template wrote before it failed still reaches stdout.
    if (e instanceof TemplateError) e.partial = out.join('');
    throw e;
  }
  return out.join('');
}

type Scope = Map<string, Value>[];
type Block = Extract<TemplateNode, { list: TemplateNode[] }>;

class Executor {
  constructor(private readonly out: string[]) {}

  list(nodes: TemplateNode[], dot: Value, scopes: Scope): void {
    for (const node of nodes) this.node(node, dot, scopes);
  }

  private node(node: TemplateNode, dot: Value, scopes: Scope): void {
    switch (node.kind) {
      case 'text':
        this.out.push(node.text);
        return;
      case 'action': {
        const value = this.pipe(node.pipe, dot, scopes);
        if (node.pipe.decl.length === 0) this.out.push(goSprint(value));
        return;
      }
      case 'break':
      case 'continue':
        throw new Control(node.kind);
      case 'if':
      case 'with': {
        const inner: Scope = [...scopes, new Map<string, Value>()];
        const value = this.pipe(node.pipe, dot, inner);
        if (truth(value)) this.list(node.list, node.kind === 'with' ? value : dot, inner);
        else if (node.otherwise) this.list(node.otherwise, dot, [...scopes, new Map<string, Value>()]);
        return;
      }
      case 'range':
        this.range(node, dot, scopes);
    }
  }

  private range(node: Block, dot: Value, scopes: Scope): void {
    const decl = node.pipe.decl;
    const value = this.pipe({ ...node.pipe, decl: [] }, dot, scopes);
    const entries: [Value, Value][] = Array.isArray(value)
      ? value.map((v, i) => [BigInt(i), v])
      : isMap(value)
        ? Object.keys(value).sort().map((k) => [k, value[k]])
        : typeof value === 'bigint'
          ? Array.from({ length: Math.max(0, Number(value)) }, (_, i) => [BigInt(i), BigInt(i)])
          : [];
    if (value !== MISSING && value !== null && value !== undefined && !Array.isArray(value) && !isMap(value) && typeof value !== 'bigint') {
      throw new TemplateError(`template: output:${node.pipe.line}:${col(node.pipe)}: executing "output" at <${node.pipe.source}>: range can't iterate over ${goSprint(value)}`);
    }
    if (entries.length === 0) {
      if (node.otherwise) this.list(node.otherwise, dot, [...scopes, new Map<string, Value>()]);
      return;
    }
    for (const [key, element] of entries) {
      const vars = new Map<string, Value>();
      if (decl.length === 1) vars.set(decl[0]!, element);
      if (decl.length === 2) vars.set(decl[0]!, key).set(decl[1]!, element);
      try {
        this.list(node.list, element, [...scopes, vars]);
      } catch (e) {
        if (!(e instanceof Control)) throw e;
        if (e.kind === 'break') break;
      }
    }
  }

  private pipe(pipe: Pipe, dot: Value, scopes: Scope): Value {
    let value: Value = undefined;
    pipe.cmds.forEach((cmd, i) => {
      value = this.command(cmd, dot, scopes, pipe, i === 0 ? undefined : { value });
    });
    for (const name of pipe.decl) {
      const target = pipe.assign ? (scopes.findLast((s) => s.has(name)) ?? scopes.at(-1)!) : scopes.at(-1)!;
      target.set(name, value);
    }
    return value;
  }

  private command(cmd: Arg[], dot: Value, scopes: Scope, pipe: Pipe, piped: { value: Value } | undefined): Value {
    const [head, ...rest] = cmd;
    if (head!.kind === 'func') {
      const args = rest.map((a) => this.arg(a, dot, scopes, pipe));
      if (piped) args.push(piped.value);
      // A missing key is "no value" when printed, but a nil interface once passed to a function.
      return this.call(head!.name, args.map((a) => (a === MISSING ? null : a)), pipe);
    }
    if (rest.length > 0 || piped) throw this.error(pipe, `can't give argument to non-function ${goSprint(this.arg(head!, dot, scopes, pipe))}`);
    return this.arg(head!, dot, scopes, pipe);
  }

  private arg(arg: Arg, dot: Value, scopes: Scope, pipe: Pipe): Value {
    switch (arg.kind) {
      case 'dot':
        return dot;
      case 'field':
        return this.chain(arg.receiver ? this.arg(arg.receiver, dot, scopes, pipe) : dot, arg.chain, pipe, 1 + arg.chain[0]!.length);
      case 'var': {
        const scope = scopes.findLast((s) => s.has(arg.name));
        if (!scope) throw new TemplateError(`template: output:${pipe.line}: undefined variable "${arg.name}"`);
        return this.chain(scope.get(arg.name), arg.chain, pipe, arg.name.length);
      }
      case 'pipe':
        return this.pipe(arg.pipe, dot, scopes);
      case 'func':
        return this.call(arg.name, [], pipe);
      default:
        return arg.value;
    }
  }

  /**
   * Field access: a map key (missing: no value), never a field of a scalar. Go reports a failure
   * at the chain's position plus its first element's length (`offset`), the FieldNode's quirk.
   */
  private chain(value: Value, chain: string[], pipe: Pipe, offset: number): Value {
    let v = value;
    for (const name of chain) {
      if (v === MISSING || v === undefined) return MISSING;
      if (v === null) throw this.error(pipe, `nil pointer evaluating interface {}.${name}`, offset);
      // Values inside the decoded object are interface{}s, whatever they hold.
      if (!isMap(v)) throw this.error(pipe, `can't evaluate field ${name} in type interface {}`, offset);
      v = Object.hasOwn(v, name) ? v[name] : MISSING;
    }
    return v;
  }

  private call(name: string, args: Value[], pipe: Pipe): Value {
    switch (name) {
      case 'and':
        return args.find((a) => !truth(a)) ?? args.at(-1);
      case 'or':
        return args.find((a) => truth(a)) ?? args.at(-1);
      case 'not':
        return !truth(args[0]);
      case 'len':
        if (typeof args[0] === 'string') return BigInt(new TextEncoder().encode(args[0]).length);
        if (Array.isArray(args[0])) return BigInt(args[0].length);
        if (isMap(args[0])) return BigInt(Object.keys(args[0]).length);
        throw this.error(pipe, `error calling len: len of type ${goType(args[0])}`);
      case 'index':
        return args.slice(1).reduce<Value>((v, k) => this.index(v, k, pipe), args[0]);
      case 'base64decode': {
        const text = typeof args[0] === 'string' ? args[0] : '';
        const offset = base64ErrorOffset(text);
        if (offset !== undefined) throw this.error(pipe, `error calling base64decode: base64 decode failed: illegal base64 data at input byte ${offset}`);
        return base64DecodeText(text);
      }
      case 'exists': {
        let v = args[0];
        for (const k of args.slice(1)) {
          if (!isMap(v) || typeof k !== 'string' || !Object.hasOwn(v, k)) return false;
          v = v[k];
        }
        return true;
      }
      case 'print':
        return goPrint(args, false);
      case 'println':
        return goPrint(args, true);
      case 'printf':
        if (typeof args[0] !== 'string') throw this.error(pipe, `error calling printf: wrong type for value; expected string; got ${goType(args[0])}`);
        return goPrintf(args[0], args.slice(1));
      case 'eq':
        return args.slice(1).some((b) => equal(args[0], b, pipe));
      case 'ne':
        return !equal(args[0], args[1], pipe);
      case 'lt':
        return compare(args[0], args[1], pipe, name) < 0;
      case 'le':
        return compare(args[0], args[1], pipe, name) <= 0;
      case 'gt':
        return compare(args[0], args[1], pipe, name) > 0;
      case 'ge':
        return compare(args[0], args[1], pipe, name) >= 0;
      default:
        throw this.error(pipe, `function "${name}" not supported in this simulated kubectl`);
    }
  }

  /** index: a list by an int (in range), a map by a string key (missing: nil), a string by byte. */
  private index(v: Value, k: Value, pipe: Pipe): Value {
    if (Array.isArray(v) || typeof v === 'string') {
      if (typeof k !== 'bigint') throw this.error(pipe, `error calling index: cannot index slice/array with type ${goType(k)}`);
      if (k < 0n || k >= BigInt(v.length)) throw this.error(pipe, `error calling index: index out of range: ${k}`);
      return typeof v === 'string' ? BigInt(new TextEncoder().encode(v)[Number(k)]!) : v[Number(k)];
    }
    if (isMap(v)) {
      if (typeof k !== 'string') throw this.error(pipe, `error calling index: value has type ${goType(k)}; should be string`);
      return Object.hasOwn(v, k) ? v[k] : null;
    }
    if (v === null || v === undefined) throw this.error(pipe, 'error calling index: index of untyped nil');
    throw this.error(pipe, `error calling index: can't index item of type ${goType(v)}`);
  }

  private error(pipe: Pipe, message: string, offset = 0): TemplateError {
    return new TemplateError(`template: output:${pipe.line}:${col(pipe) + offset}: executing "output" at <${pipe.source}>: ${message}`);
  }
}

const col = (pipe: Pipe) => pipe.col;

/** eq: nil equals only nil; otherwise the same basic kinds (int, float, string, bool). */
function equal(a: Value, b: Value, pipe: Pipe): boolean {
  if (a === null || b === null) return a === b;
  return compare(a, b, pipe, 'eq') === 0;
}

/** eq/lt/...: same basic kinds only; a float64 against an int is Go's errBadComparison. */
function compare(a: Value, b: Value, pipe: Pipe, fn: string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean' && (fn === 'eq' || fn === 'ne')) return a === b ? 0 : 1;
  throw new TemplateError(`template: output:${pipe.line}:${col(pipe)}: executing "output" at <${pipe.source}>: error calling ${fn}: incompatible types for comparison`);
}

function isMap(v: Value): v is Record<string, Value> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function goType(v: Value): string {
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'bigint') return 'int64';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return '[]interface {}';
  return 'interface {}';
}

/** text/template's truth: false, 0, "", empty collections, nil and no value are false. */
function truth(v: Value): boolean {
  if (v === MISSING || v === null || v === undefined || v === false || v === 0 || v === 0n || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isMap(v)) return Object.keys(v).length > 0;
  return true;
}
