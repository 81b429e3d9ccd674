/**
 * Shell arithmetic, `$(( ... ))`, as bash evaluates it: integers only, C precedence (unary
 * `- + ! ~`, `++ --`, `**`, `* / %`, `+ -`, shifts, comparisons, equality, `& ^ |`, `&& ||`, `?:`,
 * `= += -= ...`, `,`), names read as variables (unset or empty is 0) and `BASE#DIGITS` literals.
 * Errors carry bash's wording: `1/0: division by 0 (error token is "0")`.
 */
export class ArithmeticError extends Error {}

type Token = { kind: 'num'; value: number } | { kind: 'name'; name: string } | { kind: 'op'; op: string };

const OPS = ['<<=', '>>=', '**', '+=', '-=', '*=', '/=', '%=', '&=', '^=', '|=', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+', '-', '*', '/', '%', '<', '>', '&', '^', '|', '!', '~', '(', ')', '?', ':', '=', ','];
const ASSIGNMENTS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '^=', '|=']);
/** Binary operators by precedence, loosest first (the ternary sits above all of them). */
const LEVELS = [['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '<=', '>', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];

function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < expr.length; ) {
    const rest = expr.slice(i);
    const space = /^\s+/.exec(rest)?.[0];
    // bash reads a number with every letter and digit that follows it: `1a` and `08` are one bad number.
    const num = /^\d[0-9A-Za-z_]*/.exec(rest)?.[0];
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest)?.[0];
    const op = OPS.find((o) => rest.startsWith(o));
    if (space) {
      i += space.length;
      continue;
    }
    const based = /^(\d+)#([0-9A-Za-z@_]+)/.exec(rest);
    if (based) {
      tokens.push({ kind: 'num', value: basedLiteral(based[0], Number(based[1]), based[2]!) });
      i += based[0].length;
      continue;
    }
    // `++`/`--` next to a name are increments; elsewhere (`1--1`) two signs.
    const step = /^(\+\+|--)/.exec(rest)?.[0];
    if (step && (tokens.at(-1)?.kind === 'name' || /^(\+\+|--)\s*[A-Za-z_]/.test(rest))) {
      tokens.push({ kind: 'op', op: step });
      i += 2;
      continue;
    }
    const token: Token | undefined = num ? { kind: 'num', value: integerLiteral(num) } : name ? { kind: 'name', name } : op ? { kind: 'op', op } : undefined;
    if (!token) throw new ArithmeticError(`${expr}: syntax error: invalid arithmetic operator (error token is "${rest}")`);
    tokens.push(token);
    i += (num ?? name ?? op)!.length;
  }
  return tokens;
}

/** C-style literals: `0x1f` hexadecimal, a leading 0 octal, else decimal; bash's error for a digit the base lacks. */
function integerLiteral(text: string): number {
  const [digits, radix] = /^0[xX]/.test(text) ? [text.slice(2), 16] : text.length > 1 && text.startsWith('0') ? [text.slice(1), 8] : [text, 10];
  const valid = radix === 16 ? /^[0-9a-fA-F]+$/ : radix === 8 ? /^[0-7]+$/ : /^\d+$/;
  if (!valid.test(digits)) throw new ArithmeticError(`${text}: value too great for base (error token is "${text}")`);
  return parseInt(digits, radix);
}

/** `16#ff`, `2#1010`, `36#z`: digits 0-9, a-z, A-Z, @, _ as bash counts them (a-z = A-Z up to base 36). */
function basedLiteral(text: string, base: number, digits: string): number {
  if (base < 2 || base > 64) throw new ArithmeticError(`${text}: invalid arithmetic base (error token is "${text}")`);
  let value = 0;
  for (const ch of digits) {
    const d = /\d/.test(ch) ? Number(ch) : /[a-z]/.test(ch) ? ch.charCodeAt(0) - 87 : /[A-Z]/.test(ch) ? ch.charCodeAt(0) - (base <= 36 ? 55 : 29) : ch === '@' ? 62 : 63;
    if (d >= base) throw new ArithmeticError(`${text}: value too great for base (error token is "${text}")`);
    value = value * base + d;
  }
  return value;
}

/** Evaluate; `assign` stores what `=`, `+=`, `++` and friends change (without it they are errors). */
export function evaluateArithmetic(expr: string, lookup: (name: string) => string | undefined, assign?: (name: string, value: string) => void): number {
  return new Evaluator(expr, tokenize(expr), lookup, assign).run();
}

class Evaluator {
  #pos = 0;

  constructor(
    private readonly expr: string,
    private readonly tokens: Token[],
    private readonly lookup: (name: string) => string | undefined,
    private readonly assign?: (name: string, value: string) => void,
  ) {}

  run(): number {
    if (this.tokens.length === 0) return 0;
    const value = this.comma();
    if (this.#pos < this.tokens.length) throw new ArithmeticError(`${this.expr}: syntax error in expression (error token is "${this.remaining()}")`);
    return value;
  }

  private comma(): number {
    let value = this.assignment();
    while (this.accept(',')) value = this.assignment();
    return value;
  }

  /** `NAME op= EXPR`, right to left; anything else is a conditional expression. */
  private assignment(): number {
    const target = this.tokens[this.#pos];
    const next = this.tokens[this.#pos + 1];
    if (target?.kind !== 'name' || next?.kind !== 'op' || !ASSIGNMENTS.has(next.op)) return this.ternary();
    this.#pos += 2;
    const right = this.assignment();
    const value = next.op === '=' ? right : this.apply(next.op.slice(0, -1), this.variable(target.name), right);
    return this.store(target.name, value);
  }

  private store(name: string, value: number): number {
    if (!this.assign) throw this.syntax('attempted assignment to non-variable', name);
    this.assign(name, String(value));
    return value;
  }

  private ternary(): number {
    const condition = this.binary(0);
    if (!this.accept('?')) return condition;
    const yes = this.ternary();
    if (!this.accept(':')) throw this.syntax("expected `:' for conditional expression");
    const no = this.ternary();
    return condition !== 0 ? yes : no;
  }

  private binary(level: number): number {
    if (level === LEVELS.length) return this.power();
    let left = this.binary(level + 1);
    for (let op = this.peekOp(); op && LEVELS[level]!.includes(op); op = this.peekOp()) {
      this.#pos++;
      left = this.apply(op, left, this.binary(level + 1));
    }
    return left;
  }

  /** `**` binds tighter than `*` and groups to the right. */
  private power(): number {
    const base = this.unary();
    if (!this.accept('**')) return base;
    const exponent = this.power();
    if (exponent < 0) throw this.syntax('exponent less than 0', String(exponent));
    return Math.trunc(base ** exponent);
  }

  private unary(): number {
    const op = this.peekOp();
    if (op === '++' || op === '--') {
      this.#pos++;
      const t = this.tokens[this.#pos++];
      if (t?.kind !== 'name') throw this.syntax('operand expected');
      return this.store(t.name, this.variable(t.name) + (op === '++' ? 1 : -1));
    }
    if (op === '-' || op === '+' || op === '!' || op === '~') {
      this.#pos++;
      const value = this.unary();
      return op === '-' ? -value : op === '+' ? value : op === '!' ? Number(value === 0) : ~value;
    }
    return this.primary();
  }

  private primary(): number {
    const t = this.tokens[this.#pos++];
    if (!t) {
      const last = this.tokens[this.tokens.length - 1];
      throw this.syntax('operand expected', last?.kind === 'op' ? last.op : '');
    }
    if (t.kind === 'num') return t.value;
    if (t.kind === 'name') {
      const step = this.peekOp();
      if (step !== '++' && step !== '--') return this.variable(t.name);
      this.#pos++;
      const before = this.variable(t.name);
      this.store(t.name, before + (step === '++' ? 1 : -1));
      return before;
    }
    if (t.op === '(') {
      const value = this.comma();
      if (!this.accept(')')) throw this.syntax("missing `)'");
      return value;
    }
    this.#pos--;
    throw this.syntax('operand expected');
  }

  private variable(name: string): number {
    const value = (this.lookup(name) ?? '').trim();
    if (value === '') return 0;
    if (/^-?\d+$/.test(value)) return Number(value);
    return evaluateArithmetic(value, this.lookup, this.assign);
  }

  private apply(op: string, a: number, b: number): number {
    if ((op === '/' || op === '%') && b === 0) throw new ArithmeticError(`${this.expr}: division by 0 (error token is "${this.remaining(-1)}")`);
    const results: Record<string, () => number> = {
      '+': () => a + b, '-': () => a - b, '*': () => a * b, '/': () => Math.trunc(a / b), '%': () => a % b,
      '<<': () => a << b, '>>': () => a >> b, '<': () => Number(a < b), '<=': () => Number(a <= b), '>': () => Number(a > b), '>=': () => Number(a >= b),
      '==': () => Number(a === b), '!=': () => Number(a !== b), '&': () => a & b, '^': () => a ^ b, '|': () => a | b,
      '&&': () => Number(a !== 0 && b !== 0), '||': () => Number(a !== 0 || b !== 0),
    };
    return results[op]!();
  }

  private peekOp(): string | undefined {
    const t = this.tokens[this.#pos];
    return t?.kind === 'op' ? t.op : undefined;
  }

  private accept(op: string): boolean {
    if (this.peekOp() !== op) return false;
    this.#pos++;
    return true;
  }

  /** The source from the current token on, as bash quotes it in `(error token is "...")`. */
  private remaining(offset = 0): string {
    return this.tokens.slice(this.#pos + offset).map((t) => (t.kind === 'num' ? String(t.value) : t.kind === 'name' ? t.name : t.op)).join(' ');
  }

  private syntax(message: string, token = this.remaining()): ArithmeticError {
    return new ArithmeticError(`${this.expr}: syntax error: ${message} (error token is "${token}")`);
  }
}
