import { ArithmeticError, evaluateArithmetic } from './arith';
import { quotedWord, type ParamOp, type Word } from './sh-parse';

/** What expanding a container script's words needs: its variables, `$?`, and a way to run `$(...)`. */
export interface ExpandContext {
  /** A shell variable, else the process's environment; undefined when unset. */
  lookup(name: string): string | undefined;
  /** `$((i = i + 1))` assigns. */
  assign(name: string, value: string): void;
  /** Run a `$(...)` script and return its standard output. */
  substitute(script: string): string;
}

/** An expansion sh refuses (`$((1/0))`): a script stops there, with status 2. */
export class ShellExpansionError extends Error {}

/** Command words to fields: unquoted `$VAR` and `$(...)` are split on blanks; an empty unquoted expansion vanishes. */
export function expandFields(words: readonly Word[], ctx: ExpandContext): string[] {
  const fields: string[] = [];
  for (const word of words) {
    let current = '';
    let started = false;
    for (const part of word) {
      const value = partValue(part, ctx);
      if (!splits(part)) {
        current += value;
        started ||= typeof part !== 'string' || value !== '' || word.length === 1;
        continue;
      }
      const pieces = value.split(/[ \t\n]+/);
      pieces.forEach((piece, i) => {
        if (i > 0 && started) {
          fields.push(current);
          current = '';
          started = false;
        }
        current += piece;
        started ||= piece !== '';
      });
    }
    if (started) fields.push(current);
  }
  return fields;
}

/** One word without field splitting: an assignment's value. */
export function expandValue(word: Word, ctx: ExpandContext): string {
  return word.map((part) => partValue(part, ctx)).join('');
}

function splits(part: Word[number]): boolean {
  return Array.isArray(part) ? part[1] === 1 : typeof part === 'object' && 'split' in part && part.split === 1;
}

function partValue(part: Word[number], ctx: ExpandContext): string {
  if (typeof part === 'string') return part;
  if (Array.isArray(part)) return ctx.lookup(part[0]) ?? '';
  if ('arith' in part) return String(arithmetic(part.arith, ctx));
  if ('param' in part) return paramOp(part, ctx);
  // Command substitution drops every trailing newline.
  return ctx.substitute(part.sub).replace(/\n+$/, '');
}

/** `${#x}`, `${x:-word}` and the other default forms; `word` expands as a double-quoted string. */
function paramOp(part: ParamOp, ctx: ExpandContext): string {
  const value = ctx.lookup(part.param);
  if (part.op === '#') return String((value ?? '').length);
  // With a colon, empty counts as unset.
  const unset = value === undefined || (part.op.startsWith(':') && value === '');
  const word = () => expandValue(quotedWord(part.word ?? ''), ctx);
  switch (part.op.replace(':', '')) {
    case '-':
      return unset ? word() : value;
    case '=': {
      if (!unset) return value;
      const assigned = word();
      ctx.assign(part.param, assigned);
      return assigned;
    }
    default:
      return unset ? '' : word();
  }
}

function arithmetic(expr: string, ctx: ExpandContext): number {
  const text = expr.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*|[?#$0-9])\}?/g, (_m, name: string) => ctx.lookup(name) ?? '');
  try {
    return evaluateArithmetic(text.trim(), (name) => ctx.lookup(name), (name, value) => ctx.assign(name, value));
  } catch (e) {
    // busybox ash's words for the two ways arithmetic fails.
    if (e instanceof ArithmeticError) throw new ShellExpansionError(e.message.includes('division by 0') ? 'sh: divide by zero' : 'sh: arithmetic syntax error');
    throw e;
  }
}
