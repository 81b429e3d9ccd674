import { describe, expect, it } from 'vitest';
import type { ForLoop, SimpleCommand } from '../../../src/cli/shell/ast';
import { isIncomplete, parseScript } from '../../../src/cli/shell/parser';

describe('parseScript', () => {
  it('splits a script into top-level lines of and-or lists of pipelines', () => {
    const { lines, error } = parseScript('a | b && c || d; e\nf');
    expect(error).toBeUndefined();
    expect(lines).toHaveLength(2);
    const [first] = lines[0]!;
    expect(first!.first.commands).toHaveLength(2);
    expect(first!.rest.map((r) => r.op)).toEqual(['&&', '||']);
    expect(lines[0]).toHaveLength(2);
  });

  it('separates prefix assignments from words', () => {
    const cmd = parseScript('A=1 B="x y" cmd C=2').lines[0]![0]!.first.commands[0] as SimpleCommand;
    expect(cmd.assignments.map((a) => a.name)).toEqual(['A', 'B']);
    expect(cmd.words.map((w) => w.raw)).toEqual(['cmd', 'C=2']);
  });

  it('reads redirects with descriptor numbers', () => {
    const cmd = parseScript('cmd >out 2>&1 <in 2>>log').lines[0]![0]!.first.commands[0] as SimpleCommand;
    expect(cmd.redirects.map((r) => [r.kind, r.fd])).toEqual([['file', 1], ['dup', 2], ['file', 0], ['file', 2]]);
  });

  it('ignores comments and joins continued lines', () => {
    const { lines } = parseScript('echo a \\\n  b # c d\n# only a comment');
    expect(lines).toHaveLength(1);
    expect((lines[0]![0]!.first.commands[0] as SimpleCommand).words.map((w) => w.raw)).toEqual(['echo', 'a', 'b']);
  });

  it.each([
    ['| foo', '|'],
    ['echo a | | b', '|'],
    ['&& x', '&&'],
    ['echo >', 'newline'],
    ['echo a ;; b', ';;'],
    ['echo )', ')'],
    ['; ls', ';'],
  ])('reports a syntax error in %j near %j', (source, token) => {
    expect(parseScript(source).error).toBe(`bash: syntax error near unexpected token \`${token}'`);
  });

  it('keeps the lines before a syntax error, so they still run', () => {
    const { lines, error } = parseScript('echo ok\necho (');
    expect(lines).toHaveLength(1);
    expect(error).toMatch(/unexpected token/);
  });

  it('reports an unterminated quote the way bash -c does', () => {
    expect(parseScript('echo "abc').error).toBe("bash: unexpected EOF while looking for matching `\"'");
    expect(parseScript('ls |').error).toBe('bash: syntax error: unexpected end of file');
  });
});

describe('isIncomplete', () => {
  it.each([
    'echo "open',
    "echo 'open",
    'cat <<EOF\nno terminator yet',
    'cat <<EOF',
    'ls |',
    'true &&',
    'false ||',
    'echo a \\',
    'echo $(date',
    'echo ${HOME',
    'cat <<-EOF\n\tbody\n',
  ])('%j needs another line', (source) => {
    expect(isIncomplete(source)).toBe(true);
  });

  it.each([
    'echo done',
    '',
    'cat <<EOF\nbody\nEOF',
    'cat <<-EOF\n\tbody\n\tEOF',
    'ls | wc -l',
    '| broken',
    'echo "multi\nline"',
    'echo a \\\nb',
  ])('%j is complete', (source) => {
    expect(isIncomplete(source)).toBe(false);
  });

  it('parses a for loop over words, with its body up to done, across lines', () => {
    const loop = parseScript('for i in a "b c" $(seq 2); do echo $i; echo x; done | sort').lines[0]![0]!.first.commands[0] as ForLoop;
    expect(loop).toMatchObject({ kind: 'for', name: 'i' });
    expect(loop.words.map((w) => w.raw)).toEqual(['a', '"b c"', '$(seq 2)']);
    expect(loop.body).toHaveLength(2);
    expect(isIncomplete('for i in 1 2; do')).toBe(true);
    expect(isIncomplete('for i in 1 2; do\n  echo $i')).toBe(true);
    expect(isIncomplete('for i in 1 2; do\n  echo $i\ndone')).toBe(false);
    expect(parseScript('for 1x in a; do echo; done').error).toBe("bash: `1x': not a valid identifier");
    expect(parseScript('for i in a; do done').error).toBe("bash: syntax error near unexpected token `done'");
    expect(parseScript('case x in esac').error).toBeUndefined();
    expect(parseScript('select x in a; do echo; done').error).toBe('bash: select: select is not supported in this terminal (if, case, for, while, until, functions, [[ ]], { } and ( ) are)');
  });

  it('parses while/until loops and if clauses, reading more input until done or fi', () => {
    expect(isIncomplete('while true; do')).toBe(true);
    expect(isIncomplete('while ! kubectl get pod web\ndo sleep 1')).toBe(true);
    expect(isIncomplete('while ! kubectl get pod web\ndo sleep 1\ndone')).toBe(false);
    expect(isIncomplete('if [ -f x ]; then')).toBe(true);
    expect(isIncomplete('if [ -f x ]; then echo y; else')).toBe(true);
    expect(isIncomplete('if [ -f x ]; then echo y; elif true; then echo z; else echo n; fi')).toBe(false);
    expect(parseScript('if true; then fi').error).toBe("bash: syntax error near unexpected token `fi'");
    expect(parseScript('while; do echo; done').error).toBe("bash: syntax error near unexpected token `;'");
    expect(parseScript('then echo').error).toBe("bash: syntax error near unexpected token `then'");
    // Redirects after `done` apply to the whole loop, as in bash.
    expect(parseScript('until false; do echo; done > out').error).toBeUndefined();
  });
});
