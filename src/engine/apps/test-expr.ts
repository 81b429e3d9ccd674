/**
 * The expression of `test EXPR` and `[ EXPR ]`, as bash's builtin and busybox's applet evaluate
 * it: string tests (-z, -n, =, ==, !=, <, >), integer comparisons (-eq, -ne, -lt, -le, -gt, -ge),
 * file tests (-e, -f, -d, -s, -r, -w, -x) against whatever files the caller has, `!`, `( )` and
 * the binary -a/-o. Shared by the workstation's shell and the containers' sh.
 */

/** A malformed expression; the caller prefixes its shell's name (`bash: [: `, `sh: [: `). */
export class TestError extends Error {}

/** What file tests need to know. */
export interface FileProbe {
  exists(path: string): boolean;
  isDir(path: string): boolean;
  /** Bytes in a file (0 for a directory). */
  size(path: string): number;
}

/** True or false, or a TestError for an expression that cannot be evaluated (status 2). */
export function evaluateTest(args: string[], files: FileProbe): boolean {
  return new Evaluator(files).expression(args);
}

const UNARY_FILE = new Set(['-e', '-f', '-d', '-s', '-r', '-w', '-x', '-a']);
/** The integer comparisons, shared with `[[ ]]` (cond.ts). */
export const INTEGER_OPS: Record<string, (a: number, b: number) => boolean> = {
  '-eq': (a, b) => a === b,
  '-ne': (a, b) => a !== b,
  '-lt': (a, b) => a < b,
  '-le': (a, b) => a <= b,
  '-gt': (a, b) => a > b,
  '-ge': (a, b) => a >= b,
};
const STRING_OPS: Record<string, (a: string, b: string) => boolean> = {
  '=': (a, b) => a === b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '<': (a, b) => a < b,
  '>': (a, b) => a > b,
};

/** POSIX's rules by argument count first (so `[ -n ]` and `[ = ]` mean what bash says), then -a/-o. */
class Evaluator {
  constructor(private readonly files: FileProbe) {}

  expression(args: string[]): boolean {
    // -o binds looser than -a; both only between complete expressions.
    const or = args.lastIndexOf('-o');
    if (or > 0 && or < args.length - 1) return this.expression(args.slice(0, or)) || this.expression(args.slice(or + 1));
    const and = args.lastIndexOf('-a');
    if (and > 0 && and < args.length - 1 && args.length > 3) return this.expression(args.slice(0, and)) && this.expression(args.slice(and + 1));
    return this.simple(args);
  }

  private simple(args: string[]): boolean {
    switch (args.length) {
      case 0:
        return false;
      case 1:
        return args[0] !== '';
      case 2:
        if (args[0] === '!') return !this.simple(args.slice(1));
        return this.unary(args[0]!, args[1]!);
      case 3:
        if (args[1]! in STRING_OPS || args[1]! in INTEGER_OPS) return this.binary(args[0]!, args[1]!, args[2]!);
        if (args[0] === '!') return !this.simple(args.slice(1));
        if (args[0] === '(' && args[2] === ')') return this.simple([args[1]!]);
        throw new TestError(`${args[1]}: binary operator expected`);
      default:
        if (args[0] === '!') return !this.expression(args.slice(1));
        throw new TestError('too many arguments');
    }
  }

  private unary(op: string, operand: string): boolean {
    if (op === '-z') return operand === '';
    if (op === '-n') return operand !== '';
    if (UNARY_FILE.has(op)) return this.file(op, operand);
    throw new TestError(`${op}: unary operator expected`);
  }

  private file(op: string, path: string): boolean {
    const { files } = this;
    if (path === '' || !files.exists(path)) return false;
    if (op === '-d') return files.isDir(path);
    if (op === '-f') return !files.isDir(path);
    if (op === '-s') return !files.isDir(path) && files.size(path) > 0;
    return true;
  }

  private binary(left: string, op: string, right: string): boolean {
    const strings = STRING_OPS[op];
    if (strings) return strings(left, right);
    return INTEGER_OPS[op]!(integer(left), integer(right));
  }
}

function integer(text: string): number {
  if (!/^\s*[-+]?\d+\s*$/.test(text)) throw new TestError(`${text}: integer expression expected`);
  return Number(text);
}
