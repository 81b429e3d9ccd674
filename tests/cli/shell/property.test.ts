import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIncomplete, parseScript } from '../../../src/cli/shell/parser';
import { makeShell } from './helpers';

/** Fragments that exercise every corner of the grammar, valid or not. */
const ALPHABET = [
  'echo', 'cat', 'grep', 'wc', 'sort', 'head', 'x', 'f', '-n', '-l', '1', ' ', ' ', '\t', '\n', '|', '||', '&&', '&', ';', ';;',
  '>', '>>', '<', '2>', '2>&1', '>&2', '<<', '<<-', '<<<', 'EOF', "'", '"', '\\', '$', '$X', '${X}', '${X:-d}', '${', '}', '$(', '(',
  ')', '$?', '#', '~', '=', 'X=1', '!', '*', 'exit', 'cd', 'sleep', '/dev/null', '/nope/', 'for', 'unknowncmd',
];

describe('robustness', () => {
  it('never throws from parse or run on arbitrary token soup; errors are returned', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 40 }), (tokens) => {
        const source = tokens.join('');
        expect(typeof isIncomplete(source)).toBe('boolean');
        parseScript(source);
        const { shell } = makeShell({ limits: { maxCommands: 50 } });
        const r = shell.run(source);
        expect(Number.isInteger(r.exitCode)).toBe(true);
        expect(r.exitCode).toBeGreaterThanOrEqual(0);
        expect(r.exitCode).toBeLessThan(256);
      }),
      { numRuns: 2000, seed: 42 },
    );
  });

  it('never throws on arbitrary strings either', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (source) => {
        isIncomplete(source);
        makeShell({ limits: { maxCommands: 50 } }).shell.run(source);
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});
