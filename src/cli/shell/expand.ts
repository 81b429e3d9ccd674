import type { List, ParamPart, Word, WordPart } from './ast';
import { ArithmeticError, evaluateArithmetic } from '../../engine/apps/arith';
import { braceExpand } from './brace';
import { parseScript } from './parser';
import { hasGlob } from './glob';
import { changeCase, removePrefix, removeSuffix, replace, substring } from './param-ops';

/** What word expansion needs from the shell: variables, `$(...)` and the home directory. */
export interface ExpandHost {
  /** Value of a variable or special parameter (`?`, `$`, `#`), undefined when unset. */
  lookup(name: string): string | undefined;
  /** `${NAME:=word}` assigns as it expands. */
  assign(name: string, value: string): void;
  /** Run a `$(...)` body and return its standard output. */
  substitute(body: List): string;
  home(): string;
  /** Longest string one word may expand to; runaway growth (`A=$A$A`) stops here. */
  maxLength: number;
  /** `set -u`: expanding an unset variable is an error. */
  nounset?: boolean;
  /** The paths a glob pattern matches (pathname expansion); absent where there are no files. */
  glob?(pattern: string): string[];
  /** `<(LIST)`: run LIST, keep what it printed in a file, and return the file's path. */
  processSubstitution?(body: List): string;
  /** `$1`, `$2`, ...: what a quoted `"$@"` makes one field each of. */
  positional?(): readonly string[];
}

/** An expansion bash refuses at run time (`bad substitution`), reported with exit status 1. */
export class ExpansionError extends Error {
  constructor(
    message: string,
    /** `set -u`'s unbound variable ends the shell (a script), not just the command; status 127. */
    readonly fatal = false,
  ) {
    super(message);
    this.name = 'ExpansionError';
  }
}

/**
 * Field splitting of an unquoted expansion on IFS: runs of IFS whitespace separate (and are
 * dropped at the ends); each other IFS character separates on its own, so `a,,b` with IFS=,
 * has an empty field between (`field`). An empty IFS splits nothing.
 */
function ifsPieces(value: string, ifs: string): { text: string; field: boolean }[] {
  if (ifs === '') return [{ text: value, field: false }];
  const white = (c: string | undefined) => c !== undefined && ifs.includes(c) && ' \t\n'.includes(c);
  const other = (c: string | undefined) => c !== undefined && ifs.includes(c) && !' \t\n'.includes(c);
  const pieces: { text: string; field: boolean }[] = [];
  let text = '';
  for (let i = 0; i < value.length; ) {
    if (!white(value[i]) && !other(value[i])) {
      text += value[i++];
      continue;
    }
    while (white(value[i])) i++;
    const hard = other(value[i]);
    if (hard) i++;
    while (white(value[i])) i++;
    pieces.push({ text, field: hard });
    text = '';
  }
  pieces.push({ text, field: false });
  return pieces;
}

/**
 * Expand command words into fields: tilde, parameter and command substitution, field splitting
 * of unquoted results on blanks, then pathname expansion of fields with unquoted wildcards. An
 * unquoted empty expansion vanishes; `""` stays.
 */
export function expandWords(words: readonly Word[], host: ExpandHost): string[] {
  return words.flatMap((word) => braceExpand(word).flatMap((each) => expandFields(each, host)));
}

/** Expand one word without field splitting: assignment values, redirect targets, heredoc bodies. */
export function expandWord(word: Word, host: ExpandHost): string {
  const text = withTilde(word.parts, host)
    .map((part) => partValue(part, host))
    .join('');
  return bounded(text, host);
}

/**
 * Expand a redirect's target: split and globbed like an argument, but it must come to exactly
 * one word (`> *.yaml` with two matches, or `> $f` with `f='a b'`, is bash's ambiguous redirect).
 */
export function expandRedirectWord(word: Word, host: ExpandHost): string {
  const fields = expandFields(word, host);
  if (fields.length !== 1) throw new ExpansionError(`bash: ${word.raw}: ambiguous redirect`);
  return fields[0]!;
}

/** Expand a `case` pattern: as one word, with its quoted characters escaped so they match literally. */
export function expandPattern(word: Word, host: ExpandHost): string {
  return patternOf(withTilde(word.parts, host), host);
}

function patternOf(parts: readonly WordPart[], host: ExpandHost): string {
  return bounded(parts.map((part) => (part.quoted ? escapeGlob(partValue(part, host)) : partValue(part, host))).join(''), host);
}

const escapeGlob = (text: string) => text.replace(/[\\*?[\]]/g, '\\$&');

/** A quoted `"$@"` with nothing else in its word but the quotes: no field at all when there are no parameters. */
const isQuotedAt = (part: WordPart) => part.kind === 'param' && part.name === '@' && part.quoted && !part.op;
const onlyQuotedAt = (word: Word) => word.parts.some(isQuotedAt) && word.parts.every((p) => isQuotedAt(p) || (p.kind === 'lit' && p.quoted && p.text === ''));

function expandFields(word: Word, host: ExpandHost): string[] {
  if (host.positional && host.positional().length === 0 && onlyQuotedAt(word)) return [];
  const fields: string[] = [];
  let current = '';
  // The same text as a glob pattern: quoted characters escaped, so they only match themselves.
  let pattern = '';
  let started = false;
  const finish = (): void => {
    if (started) {
      const matches = host.glob && hasGlob(pattern) ? host.glob(pattern) : [];
      if (matches.length > 0) fields.push(...matches);
      else fields.push(bounded(current, host));
    }
    current = '';
    pattern = '';
    started = false;
  };
  for (const part of withTilde(word.parts, host)) {
    if (isQuotedAt(part) && host.positional) {
      // "$@": one field per parameter (the first joins what came before, the last what follows),
      // and none at all when there are none.
      host.positional().forEach((param, i) => {
        if (i > 0) finish();
        current += param;
        pattern += escapeGlob(param);
        started = true;
      });
      continue;
    }
    const value = partValue(part, host);
    if (part.kind === 'lit' || part.quoted) {
      current += value;
      pattern += part.quoted ? escapeGlob(value) : value;
      started ||= part.quoted || value !== '';
      continue;
    }
    if (value === '') continue;
    ifsPieces(value, host.lookup('IFS') ?? ' \t\n').forEach(({ text, field }, i) => {
      if (i > 0) finish();
      current += text;
      pattern += text;
      started ||= text !== '' || field;
    });
  }
  finish();
  return fields;
}

/** `~` and `~/...` at the start of an unquoted word name the home directory. */
function withTilde(parts: readonly WordPart[], host: ExpandHost): readonly WordPart[] {
  const first = parts[0];
  if (first?.kind !== 'lit' || first.quoted || !/^~(\/|$)/.test(first.text)) return parts;
  // The home directory is literal; what follows it in the word still globs (`~/*.yaml`).
  const rest = first.text.slice(1);
  return [{ kind: 'lit', text: host.home(), quoted: true }, ...(rest ? [{ ...first, text: rest }] : []), ...parts.slice(1)];
}

function partValue(part: WordPart, host: ExpandHost): string {
  switch (part.kind) {
    case 'lit':
      return part.text;
    case 'param':
      return bounded(paramValue(part, host), host);
    case 'procsub':
      if (!host.processSubstitution) throw new ExpansionError('bash: process substitution is not available here');
      return host.processSubstitution(part.body);
    case 'cmdsub':
      // Command substitution drops every trailing newline of the output.
      return bounded(host.substitute(part.body).replace(/\n+$/, ''), host);
    case 'arith':
      return String(arithmetic(part.expr, host));
    case 'bad':
      throw new ExpansionError(`bash: ${part.text}: bad substitution`);
  }
}

/** The operators that say what an unset variable gives, so `set -u` lets them through. */
const WITH_DEFAULT: ReadonlySet<string> = new Set([':-', '-', ':=', '=', ':+', '+', ':?', '?']);

function paramValue(part: ParamPart, host: ExpandHost): string {
  const value = host.lookup(part.name);
  // `set -u`: a plain or length expansion of an unset variable fails; the operators with a default do not.
  if (value === undefined && host.nounset && !(part.op && WITH_DEFAULT.has(part.op)) && part.name !== '@' && part.name !== '*') {
    throw new ExpansionError(`bash: ${part.name}: unbound variable`, true);
  }
  const arg = (): string => (part.arg ?? []).map((p) => partValue(p, host)).join('');
  switch (part.op) {
    case undefined:
      return value ?? '';
    case '#':
      return String((value ?? '').length);
    case ':-':
      return value ? value : arg();
    case '-':
      return value ?? arg();
    case ':+':
      return value ? arg() : '';
    case '+':
      return value === undefined ? '' : arg();
    case ':=':
    case '=': {
      if (value !== undefined && (part.op === '=' || value !== '')) return value;
      const assigned = arg();
      host.assign(part.name, assigned);
      return assigned;
    }
    case ':?':
    case '?':
      if (value !== undefined && (part.op === '?' || value !== '')) return value;
      throw new ExpansionError(`bash: ${part.name}: ${arg() || 'parameter null or not set'}`);
    default:
      return patternOp(part, value ?? '', host);
  }
}

/** The operators with a pattern, a range or a case change (param-ops.ts). */
function patternOp(part: ParamPart, value: string, host: ExpandHost): string {
  const pattern = (): string => patternOf(part.arg ?? [], host);
  switch (part.op) {
    case 'prefix':
    case 'prefix-longest':
      return removePrefix(value, pattern(), part.op === 'prefix-longest');
    case '%':
    case '%%':
      return removeSuffix(value, pattern(), part.op === '%%');
    case '/':
    case '//':
    case '/#':
    case '/%':
      return replace(value, pattern(), (part.replacement ?? []).map((p) => partValue(p, host)).join(''), part.op);
    case ':':
      try {
        return substring(value, (part.arg ?? []).map((p) => partValue(p, host)).join(''), (name) => host.lookup(name));
      } catch (e) {
        if (e instanceof ArithmeticError) throw new ExpansionError(`bash: ${e.message}`);
        throw e;
      }
    case '^':
    case '^^':
    case ',':
    case ',,':
      return changeCase(value, part.op);
    default:
      return value;
  }
}

/** `(( EXPR ))` as a command: its status, 0 when the value is not zero; errors as `bash: ((: ...`. */
export function arithmeticStatus(expr: string, host: ExpandHost): number {
  try {
    return arithmetic(expr, host) !== 0 ? 0 : 1;
  } catch (e) {
    if (e instanceof ExpansionError) throw new ExpansionError(e.message.replace(/^bash: /, 'bash: ((: '));
    throw e;
  }
}

/** `$(( ))`: `$(cmd)`, `$NAME` and `${NAME}` are substituted first, then the expression evaluated. */
function arithmetic(expr: string, host: ExpandHost): number {
  const text = withCommandOutput(expr, host).replace(/\$\{([A-Za-z_][A-Za-z0-9_]*|\d+)\}|\$([A-Za-z_][A-Za-z0-9_]*|[0-9?#$])/g, (_m, braced: string | undefined, bare: string | undefined) => host.lookup(braced ?? bare!) ?? '');
  try {
    return evaluateArithmetic(text.trim(), (name) => host.lookup(name), (name, value) => host.assign(name, value));
  } catch (e) {
    if (e instanceof ArithmeticError) throw new ExpansionError(`bash: ${e.message}`);
    throw e;
  }
}

/** `$(cmd)` inside `$(( ))` is replaced by its output first, as bash expands it before evaluating. */
function withCommandOutput(expr: string, host: ExpandHost): string {
  let out = '';
  for (let i = 0; i < expr.length; i++) {
    if (expr[i] !== '$' || expr[i + 1] !== '(' || expr[i + 2] === '(') {
      out += expr[i];
      continue;
    }
    let depth = 0;
    let end = i + 1;
    for (; end < expr.length; end++) {
      if (expr[end] === '(') depth++;
      else if (expr[end] === ')' && --depth === 0) break;
    }
    const body = parseScript(expr.slice(i + 2, end));
    out += body.lines.map((line) => host.substitute(line)).join('').replace(/\n+$/, '');
    i = end;
  }
  return out;
}

function bounded(text: string, host: ExpandHost): string {
  if (text.length > host.maxLength) throw new ExpansionError('bash: expansion too large: limit reached');
  return text;
}
