import { describe, expect, it } from 'vitest';
import { expandHistory, type ExpansionMemory } from '../../../src/cli/shell/history-expansion';

/** The line bash would run for `input` after `history`, or its error; each case checked in bash 5.2. */
function bang(input: string, history: string[], memory: ExpansionMemory = {}): string {
  const r = expandHistory(input, history, { memory });
  return r.ok ? r.line : r.error;
}

describe('history expansion: events', () => {
  const history = ['echo one', 'kubectl get pods -n kube-system', 'echo two'];

  it('!! is the previous command, !n the nth, !-n the nth before this one', () => {
    expect(bang('!!', history)).toBe('echo two');
    expect(bang('sudo !! | cat', history)).toBe('sudo echo two | cat');
    expect(bang('!1', history)).toBe('echo one');
    expect(bang('!-2', history)).toBe('kubectl get pods -n kube-system');
  });

  it('!n counts entries that history no longer holds', () => {
    expect(expandHistory('!5', ['a', 'b'], { base: 3 })).toMatchObject({ ok: true, line: 'b' });
  });

  it('!prefix and !?text? find the newest match; a prefix ends at - and similar', () => {
    expect(bang('!kub', history)).toBe('kubectl get pods -n kube-system');
    expect(bang('!ech', history)).toBe('echo two');
    expect(bang('!?one?', history)).toBe('echo one');
    expect(bang('!?pods', history)).toBe('kubectl get pods -n kube-system');
    expect(bang('!kube-x', ['echo kube-x'])).toBe('bash: !kube: event not found');
  });

  it('reports an event that is not there, as bash does', () => {
    expect(bang('!!', [])).toBe('bash: !!: event not found');
    expect(bang('!$', [])).toBe('bash: !: event not found');
    expect(bang('echo !nosuch', history)).toBe('bash: !nosuch: event not found');
    expect(bang('!99', history)).toBe('bash: !99: event not found');
    expect(bang('!-99', history)).toBe('bash: !-99: event not found');
    expect(bang('!?zz?', history)).toBe('bash: !?zz?: event not found');
  });

  it('!# is the line typed so far', () => {
    expect(bang('echo !#', history)).toBe('echo echo ');
  });
});

describe('history expansion: words', () => {
  it('!$ is the last word, !^ the first argument, !* all arguments', () => {
    const history = ["echo 'a b' \"c d\" e\\ f g>h"];
    expect(bang('echo !$', history)).toBe('echo h');
    expect(bang('echo !^', history)).toBe("echo 'a b'");
    expect(bang('echo !*', history)).toBe('echo \'a b\' "c d" e\\ f g > h');
    expect(bang('echo !!:2-3 !:0', history)).toBe('echo "c d" e\\ f echo');
    expect(bang('kubectl get ns !$', ['kubectl get pods -n kube-system'])).toBe('kubectl get ns kube-system');
  });

  it('takes ranges with and without the colon', () => {
    const history = ['echo a a echo'];
    expect(bang('echo !!:1-2', history)).toBe('echo a a');
    expect(bang('echo !ech-x', history)).toBe('echo echo a ax');
    expect(bang('echo !!:2*', history)).toBe('echo a echo');
    expect(bang('echo !!$', history)).toBe('echo echo');
    expect(bang('echo !-1:$', history)).toBe('echo echo');
  });

  it('* of a one-word command is empty; a word past the end is an error', () => {
    expect(bang('echo !* x', ['ls'])).toBe('echo  x');
    expect(bang('echo !!:5', ['echo 0ne'])).toBe('bash: :5: bad word specifier');
    expect(bang('echo !!:2*', ['echo 0ne'])).toBe('bash: :2*: bad word specifier');
  });
});

describe('history expansion: modifiers and substitution', () => {
  it('takes the head, tail, root and extension of a path', () => {
    const history = ['echo /a/b/c.yaml x.tar.gz'];
    expect(bang('echo !$:h !$:t !$:r !$:e', history)).toBe('echo x.tar.gz x.tar.gz x.tar .gz');
    expect(bang('echo !^:h !^:t !^:r', history)).toBe('echo /a/b c.yaml /a/b/c');
  });

  it('substitutes with :s, :gs and ^old^new, and says when that fails', () => {
    expect(bang('!!:s/one/ONE/', ['echo one two one'])).toBe('echo ONE two one');
    expect(bang('!!:gs/o/0/', ['echo ONE two one'])).toBe('ech0 ONE tw0 0ne');
    expect(bang('^one^three^ four', ['echo one two'])).toBe('echo three two four');
    expect(bang('^two^2', ['echo three two four'])).toBe('echo three 2 four');
    expect(bang('^zzz^y', ['echo x'])).toBe('bash: :s^zzz^y: substitution failed');
    expect(bang('echo !!:s/q/r/', ['echo x'])).toBe('bash: :s/q/r/: substitution failed');
    expect(bang('^a^b', [])).toBe('bash: !!: event not found');
    expect(bang('echo !!:z', ['echo x'])).toBe('bash: z: unrecognized history modifier');
  });

  it(':& repeats the last substitution', () => {
    const memory: ExpansionMemory = {};
    bang('!!:s/a/b/', ['echo a'], memory);
    expect(bang('!!:&', ['echo a a'], memory)).toBe('echo b a');
  });

  it(':p only prints the command', () => {
    expect(expandHistory('!!:p', ['ls -l'])).toEqual({ ok: true, line: 'ls -l', expanded: true, printOnly: true });
  });
});

describe('history expansion: what stays as typed', () => {
  const history = ['echo x'];

  it('leaves single quotes, backslashes and comments alone, but expands in double quotes', () => {
    expect(bang("echo \\!! '!!' \"!!\"", history)).toBe("echo \\!! '!!' \"echo x\"");
    expect(bang('echo hi # !!', history)).toBe('echo hi # !!');
    expect(bang('echo hi#!!', history)).toBe('echo hi#echo x');
  });

  it('leaves a ! before a blank, =, ( or the end, and $!, ${!x} and [!x]', () => {
    for (const line of ['echo "a!" b!= c!', 'kubectl get pods --field-selector=status.phase!=Running', 'echo ! x', 'echo $! ${!HOME*} [!a]*', 'ls !(x)']) {
      expect(expandHistory(line, history)).toEqual({ ok: true, line, expanded: false, printOnly: false });
    }
  });

  it('says when nothing was expanded', () => {
    expect(expandHistory('echo a', [])).toEqual({ ok: true, line: 'echo a', expanded: false, printOnly: false });
    expect(expandHistory('!!', history)).toEqual({ ok: true, line: 'echo x', expanded: true, printOnly: false });
  });
});
