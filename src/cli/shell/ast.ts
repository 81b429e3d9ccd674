/**
 * The syntax tree of the shell language subset clusterlab understands: simple commands with
 * assignments and redirects, pipelines, `&&`/`||` lists, `;`/newline sequences, heredocs,
 * `$(...)` command substitution, `for`, `while` and `until` loops, `if` and `case` clauses, and
 * `{ }` and `( )` groups, and `[[ ]]` conditionals (cond.ts).
 */
import type { CondCommand } from './cond';

/** One piece of a word; `quoted` parts are exempt from field splitting and tilde expansion. */
export type WordPart =
  | { kind: 'lit'; text: string; quoted: boolean }
  | ParamPart
  | { kind: 'cmdsub'; body: List; quoted: boolean }
  /** `<(LIST)`: a path (`/dev/fd/63`) to read what LIST prints. */
  | { kind: 'procsub'; body: List; quoted: boolean }
  /** `$(( expr ))`: the expression as written, `$NAME`s expanded when it is evaluated. */
  | { kind: 'arith'; expr: string; quoted: boolean }
  /** A `${...}` the shell cannot expand; running it reports `bad substitution`. */
  | { kind: 'bad'; text: string; quoted: boolean };

/** `$NAME`, `${NAME}`, `${#NAME}`, `${NAME:-word}` and friends. */
export interface ParamPart {
  kind: 'param';
  name: string;
  quoted: boolean;
  /**
   * `#` is the length operator; the others take `arg` as their word: the default or message
   * (`:-` ... `?`), a pattern (`#` `##` `%` `%%`, the `/` forms, whose `replacement` follows the
   * second slash), `offset[:length]` (`:`), or nothing for the case changes (`^^` ...).
   */
  op?: ParamOp;
  arg?: WordPart[];
  replacement?: WordPart[];
}

export type ParamOp = '#' | ':-' | '-' | ':=' | '=' | ':+' | '+' | ':?' | '?' | 'prefix' | 'prefix-longest' | '%' | '%%' | '/' | '//' | '/#' | '/%' | ':' | '^' | '^^' | ',' | ',,';

/** A shell word as written: its parts, and the source text for messages. */
export interface Word {
  parts: WordPart[];
  raw: string;
}

export type Redirect =
  /** `<`, `>`, `>>`, `&>`, `&>>` (fd -1 means stdout and stderr together). */
  | { kind: 'file'; fd: number; mode: 'read' | 'write' | 'append'; target: Word }
  /** `2>&1`, `>&2`, `<&0`: make `fd` a copy of another descriptor. */
  | { kind: 'dup'; fd: number; target: Word }
  /** `<<EOF`, `<<-EOF`, `<<<word`: standard input from text in the script. */
  | { kind: 'heredoc'; fd: number; body: Word };

export interface Assignment {
  name: string;
  value: Word;
}

export interface SimpleCommand {
  assignments: Assignment[];
  words: Word[];
  redirects: Redirect[];
}

/** `for NAME in WORDS; do LIST; done`: the body runs once per word, with NAME set to it. */
export interface ForLoop {
  kind: 'for';
  name: string;
  words: Word[];
  body: List;
}

/** `while LIST; do LIST; done` (or `until`, which loops while the condition fails). */
export interface WhileLoop {
  kind: 'while';
  until: boolean;
  condition: List;
  body: List;
}

/** `if LIST; then LIST; [elif LIST; then LIST;]... [else LIST;] fi`. */
export interface IfClause {
  kind: 'if';
  branches: { condition: List; body: List }[];
  otherwise?: List;
}

/**
 * `{ LIST; }` runs the list in this shell; `( LIST )` in a subshell, whose variables, working
 * directory and `exit` stay inside it. Redirects after the closing brace apply to the whole list.
 */
export interface Group {
  kind: 'group';
  subshell: boolean;
  body: List;
  redirects: Redirect[];
}

/**
 * `case WORD in PATTERN[|PATTERN]) LIST ;; ... esac`: the first item with a matching pattern runs.
 * An item ended by `;&` falls through into the next body; by `;;&`, the next patterns are tested.
 */
export interface CaseClause {
  kind: 'case';
  word: Word;
  items: { patterns: Word[]; body: List; end: ';;' | ';&' | ';;&' }[];
}

/** What a pipeline stage can be; a compound command may carry redirects for all of it (`done < file`). */
/** `(( EXPR ))`: arithmetic as a command, status 0 when the value is not zero. */
export interface ArithCommand {
  kind: 'arith';
  expr: string;
}

/**
 * `name() { LIST; }` (or `function name`): running it defines `name`; calling `name ARGS` runs
 * `body` with ARGS as the positional parameters.
 */
export interface FunctionDef {
  kind: 'function';
  name: string;
  body: CompoundCommand;
}

export type CompoundCommand = ((ForLoop | WhileLoop | IfClause | CaseClause | CondCommand | ArithCommand) & { redirects?: Redirect[] }) | Group;

export type ShellCommand = SimpleCommand | CompoundCommand | FunctionDef;

export interface Pipeline {
  /** `! cmd` inverts the exit status. */
  negated: boolean;
  commands: ShellCommand[];
}

/** `a && b || c`: pipelines joined by conditional operators, evaluated left to right. */
export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
}

/** A sequence of and-or lists separated by `;`, `&` or newlines. */
export type List = AndOr[];
