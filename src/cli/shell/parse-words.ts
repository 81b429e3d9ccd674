import type { Assignment, Word } from './ast';
import { ShellSyntaxError, type Token } from './lexer';

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;

/** An unquoted word spelled `text`: how keywords look to the parser. */
export function isWord(t: Token, text: string): boolean {
  return t.type === 'word' && t.word.raw === text;
}

export function isOp(t: Token, op: string): t is Token & { type: 'op'; op: string } {
  return t.type === 'op' && t.op === op;
}

export function unexpected(t: Token): ShellSyntaxError {
  const text = t.type === 'op' ? t.op : t.type === 'word' ? t.word.raw : 'newline';
  return new ShellSyntaxError(`bash: syntax error near unexpected token \`${text}'`);
}

export function unsupported(keyword: string): ShellSyntaxError {
  return new ShellSyntaxError(`bash: ${keyword}: select is not supported in this terminal (if, case, for, while, until, functions, [[ ]], { } and ( ) are)`);
}

/** `NAME=value` at the start of a command is an assignment, not a word. */
export function toAssignment(word: Word): Assignment | undefined {
  const first = word.parts[0];
  if (first?.kind !== 'lit' || first.quoted) return undefined;
  const m = ASSIGNMENT.exec(first.text);
  if (!m) return undefined;
  const rest = first.text.slice(m[0].length);
  const parts = [...(rest ? [{ ...first, text: rest }] : []), ...word.parts.slice(1)];
  return { name: m[1]!, value: { parts, raw: word.raw.slice(m[0].length) } };
}
