import { type Command, ok } from '../../types';

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\',
};

/**
 * `echo [-neE] [arg...]`: print the arguments separated by spaces. Like bash's builtin, only
 * leading arguments made purely of `n`, `e`, `E` letters are options; `-e` interprets escapes.
 */
export const echo: Command = ({ argv }) => {
  const args = [...argv];
  let newline = true;
  let escapes = false;
  while (args.length > 0 && /^-[neE]+$/.test(args[0]!)) {
    for (const flag of args.shift()!.slice(1)) {
      if (flag === 'n') newline = false;
      else escapes = flag === 'e';
    }
  }
  let text = args.join(' ');
  if (escapes) {
    const { value, stopped } = interpretEscapes(text);
    text = value;
    if (stopped) return ok(text);
  }
  return ok(newline ? `${text}\n` : text);
};

/** `echo -e` escapes: `\n`, `\t`, `\\`, `\0NNN` octal, `\xHH` hex; `\c` stops all output. */
export function interpretEscapes(text: string): { value: string; stopped: boolean } {
  let value = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const next = text[i + 1];
    if (ch !== '\\' || next === undefined) {
      value += ch;
      continue;
    }
    if (next === 'c') return { value, stopped: true };
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      value += simple;
      i++;
    } else if (next === '0' || next === 'x') {
      const m = (next === '0' ? /^[0-7]{0,3}/ : /^[0-9a-fA-F]{1,2}/).exec(text.slice(i + 2))![0];
      if (next === 'x' && m === '') {
        value += '\\x';
      } else value += String.fromCharCode(parseInt(m || '0', next === '0' ? 8 : 16));
      i += 1 + m.length;
    } else value += ch;
  }
  return { value, stopped: false };
}
