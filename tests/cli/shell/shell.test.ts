import { isIncomplete } from '../../../src/cli/shell/parser';
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../../src/cli/types';
import { makeShell, sh } from './helpers';

describe('quoting and expansion', () => {
  it.each([
    ["echo 'single $HOME'", 'single $HOME\n'],
    ['echo "double $HOME"', 'double /root\n'],
    ['echo "braces ${HOME}x"', 'braces /rootx\n'],
    ['echo unquoted $HOME', 'unquoted /root\n'],
    ['echo "escaped \\$HOME \\"q\\" \\\\"', 'escaped $HOME "q" \\\n'],
    ['echo a\\ b', 'a b\n'],
    ['echo ~ ~/x "~"', '/root /root/x ~\n'],
    ['echo "${UNSET:-default}" ${#HOME}', 'default 5\n'],
    ['echo "$UNSET" | wc -c', '1\n'],
    ['X="a   b"; echo $X; echo "$X"', 'a b\na   b\n'],
    ['E=; echo x $E y', 'x y\n'],
    ['echo ""x"" \'\'', 'x \n'],
    ['echo $(echo inner | tr a-z A-Z) "$(printf_missing 2>/dev/null)"', 'INNER \n'],
    ['echo "a$(echo b)c"', 'abc\n'],
    ['echo $0 $$', 'bash 4242\n'],
    ['echo cost: $5', 'cost:\n'],
    ['echo price \\$5 $', 'price $5 $\n'],
  ])('%s', (source, expected) => {
    expect(sh(source).out).toBe(expected);
  });

  it('reports a bad substitution without running the command', () => {
    expect(sh('echo ${a b}')).toEqual({ out: 'bash: ${a b}: bad substitution\n', code: 1 });
  });
});

describe('variables', () => {
  it('keeps assignments between runs, and passes only exported ones to commands', () => {
    const { shell } = makeShell();
    shell.run('LOCAL=1; export GLOBAL=2');
    expect(shell.run('echo $LOCAL $GLOBAL').stdout).toBe('1 2\n');
    expect(shell.run('env | grep -E "LOCAL|GLOBAL"').stdout).toBe('GLOBAL=2\n');
  });

  it('gives prefix assignments to one command only', () => {
    const { shell } = makeShell();
    expect(shell.run('NS=kube-system env | grep NS=').stdout).toBe('NS=kube-system\n');
    expect(shell.run('echo "[$NS]"').stdout).toBe('[]\n');
  });

  it('unsets variables', () => {
    expect(sh('A=1; unset A; echo "[$A]"').out).toBe('[]\n');
  });

  it('rejects invalid identifiers in export', () => {
    expect(sh('export 1x=2')).toEqual({ out: "bash: export: `1x=2': not a valid identifier\n", code: 1 });
  });

  it('passes the initial environment, exported', () => {
    const { shell } = makeShell({ env: { KUBECONFIG: '/root/.kube/config' } });
    expect(shell.run('env | grep KUBE').stdout).toBe('KUBECONFIG=/root/.kube/config\n');
  });
});

describe('pipelines and lists', () => {
  it('pipes stdout into the next command', () => {
    expect(sh('echo a b | wc -w')).toEqual({ out: '2\n', code: 0 });
  });

  it('does not pipe stderr', () => {
    expect(sh('ls /nope | wc -l').out).toBe("ls: cannot access '/nope': No such file or directory\n0\n");
  });

  it('takes the exit status of the last command, inverted by !', () => {
    expect(sh('false | true').code).toBe(0);
    expect(sh('true | false').code).toBe(1);
    expect(sh('! true').code).toBe(1);
  });

  it('runs && and || by the previous status', () => {
    expect(sh('false || echo recovered').out).toBe('recovered\n');
    expect(sh('true && echo yes || echo no').out).toBe('yes\n');
    expect(sh('false && echo yes || echo no').out).toBe('no\n');
    expect(sh('false; echo $?; true; echo $?').out).toBe('1\n0\n');
  });

  it('runs pipeline stages in subshells', () => {
    expect(sh('cd /tmp | true; pwd; exit 3 | true; echo still here').out).toBe('/root\nstill here\n');
  });
});

describe('redirects', () => {
  it('writes, appends and reads files', () => {
    const { shell, host } = makeShell();
    shell.run('echo one > f; echo two >> f; wc -l < f > count');
    expect(host.fs.read('/root/f')).toBe('one\ntwo\n');
    expect(host.fs.read('/root/count')).toBe('2\n');
  });

  it('orders 2>&1 relative to > as bash does', () => {
    const { shell, host } = makeShell();
    const r = shell.run('ls /nope > out 2>&1; ls /nope 2>&1 > out2');
    expect(host.fs.read('out')).toBe("ls: cannot access '/nope': No such file or directory\n");
    expect(r.stdout).toBe("ls: cannot access '/nope': No such file or directory\n");
    expect(host.fs.read('out2')).toBe('');
  });

  it('sends output to stderr with >&2 and discards it with /dev/null', () => {
    const r = makeShell().shell.run('echo to-err >&2; echo gone > /dev/null; ls /nope 2>/dev/null');
    expect(r).toMatchObject({ stdout: '', stderr: 'to-err\n', exitCode: 2 });
  });

  it('fails like bash when the directory is missing', () => {
    expect(sh('echo hi > /nope/x')).toEqual({ out: 'bash: /nope/x: No such file or directory\n', code: 1 });
    expect(sh('cat < missing')).toEqual({ out: 'bash: missing: No such file or directory\n', code: 1 });
    expect(sh('echo hi > /tmp')).toEqual({ out: 'bash: /tmp: Is a directory\n', code: 1 });
  });

  it('creates the file even when the command fails', () => {
    const { shell, host } = makeShell();
    shell.run('nosuch > created');
    expect(host.fs.read('created')).toBe('');
  });
});

describe('heredocs', () => {
  it('writes a file with cat > f <<EOF, expanding variables', () => {
    const { shell } = makeShell();
    const r = shell.run('NAME=web\ncat > pod.yaml <<EOF\nkind: Pod\nmetadata:\n  name: $NAME\nEOF\ncat pod.yaml');
    expect(r.stdout).toBe('kind: Pod\nmetadata:\n  name: web\n');
  });

  it('keeps the body literal with a quoted delimiter', () => {
    expect(sh("cat <<'EOF'\n$HOME \\$x\nEOF").out).toBe('$HOME \\$x\n');
  });

  it('strips leading tabs with <<-', () => {
    expect(sh('cat <<-EOF\n\t\tindented\n\tEOF\necho after').out).toBe('indented\nafter\n');
  });

  it('feeds grep', () => {
    const r = sh('cat > pods.txt <<EOF\nweb-1 Running\nweb-2 Pending\ndb-1 Running\nEOF\ngrep -c Running pods.txt; grep -n Pending pods.txt');
    expect(r.out).toBe('2\n2:web-2 Pending\n');
  });

  it('reads a here-string', () => {
    expect(sh('X="a b"; wc -w <<< "$X"').out).toBe('2\n');
  });

  it('warns about a missing terminator and uses the rest of the script', () => {
    expect(sh('cat <<EOF\nbody')).toEqual({
      out: "bash: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')\nbody\n",
      code: 0,
    });
  });
});

describe('shell builtins', () => {
  it('changes directory, with cd - and errors', () => {
    expect(sh('cd /tmp && pwd && cd - && cd && pwd').out).toBe('/tmp\n/root\n/root\n');
    expect(sh('cd /nope')).toEqual({ out: 'bash: cd: /nope: No such file or directory\n', code: 1 });
    expect(sh('touch f; cd f').out).toBe('bash: cd: f: Not a directory\n');
  });

  it('updates PWD and OLDPWD', () => {
    expect(sh('cd /tmp; echo $PWD $OLDPWD').out).toBe('/tmp /root\n');
  });

  it('stops the script at exit with its status', () => {
    const r = makeShell().shell.run('echo before; exit 3; echo after');
    expect(r).toEqual({ stdout: 'before\n', stderr: '', exitCode: 3, exited: true });
    expect(sh('false; exit').code).toBe(1);
    expect(sh('exit abc')).toEqual({ out: 'bash: exit: abc: numeric argument required\n', code: 2 });
  });

  it('ends only the substitution when exit runs inside $(...)', () => {
    expect(sh('echo "[$(echo a; exit 4; echo b)]"; echo $?').out).toBe('[a]\n0\n');
    expect(sh('X=$(exit 4); echo $?').out).toBe('4\n');
  });

  it('lists history, and expands !! when asked to', () => {
    const { shell } = makeShell({ historyExpansion: true });
    shell.run('echo one');
    shell.run('echo two');
    expect(shell.run('history').stdout).toBe('    1  echo one\n    2  echo two\n    3  history\n');
    expect(shell.history).toEqual(['echo one', 'echo two', 'history']);
    // bash shows the expanded command on stderr, then runs it.
    expect(shell.run('!! | tail -1')).toMatchObject({ stderr: 'history | tail -1\n', stdout: '    4  history | tail -1\n' });
    shell.run('history -c', { history: false });
    expect(shell.history).toEqual([]);
  });

  it('tells where commands are', () => {
    const { shell } = makeShell({}, { kubectl: () => ok() });
    expect(shell.run('which kubectl ls').stdout).toBe('/usr/local/bin/kubectl\n/usr/bin/ls\n');
    expect(shell.run('which cd').exitCode).toBe(1);
    expect(shell.run('type cd').stdout).toBe('cd is a shell builtin\n');
  });

  it('lists registered commands with their help lines', () => {
    const { shell } = makeShell({ help: { kubectl: 'talk to the cluster' } }, { kubectl: () => ok() });
    shell.register('etcdctl', () => ok(), 'read etcd');
    const help = shell.run('help').stdout;
    expect(help).toMatch(/^ {2}kubectl +talk to the cluster$/m);
    expect(help).toMatch(/^ {2}etcdctl +read etcd$/m);
    expect(help).toMatch(/^ {2}grep +print lines matching a pattern/m);
    expect(shell.run('help kubectl').stdout).toBe('kubectl - talk to the cluster\n');
  });
});

describe('commands', () => {
  it('passes argv without the command name, stdin and the environment', () => {
    const seen: unknown[] = [];
    const { shell } = makeShell({}, { kubectl: ({ argv, stdin, env }) => (seen.push({ argv, stdin, ns: env.NS }), ok('done\n')) });
    expect(shell.run('echo manifest | NS=x kubectl apply -f -').stdout).toBe('done\n');
    expect(seen).toEqual([{ argv: ['apply', '-f', '-'], stdin: 'manifest\n', ns: 'x' }]);
  });

  it('reports unknown commands with status 127', () => {
    expect(sh('kubctl get pods')).toEqual({ out: 'bash: kubctl: command not found\n', code: 127 });
    expect(sh('./run.sh')).toEqual({ out: 'bash: ./run.sh: No such file or directory\n', code: 127 });
  });

  it('turns a crashing command into an error, not an exception', () => {
    const { shell } = makeShell({}, {
      boom: () => {
        throw new Error('kaput');
      },
    });
    expect(shell.run('boom; echo next')).toMatchObject({ stdout: 'next\n', stderr: 'boom: internal error: kaput\n' });
  });

  it('lets registered commands override builtins', () => {
    const { shell } = makeShell({}, { date: () => fail('no clock\n') });
    expect(shell.run('date').stderr).toBe('no clock\n');
  });
});

describe('output order', () => {
  it('interleaves stdout and stderr per command, stdout first', () => {
    const { shell } = makeShell({}, { both: () => ({ stdout: 'out\n', stderr: 'err\n', exitCode: 0 }) });
    expect(shell.runInterleaved('both; echo x >&2; both 2>&1 >/dev/null').output).toBe('out\nerr\nx\nerr\n');
  });
});

describe('syntax errors', () => {
  it('print like bash and exit 2', () => {
    expect(sh('echo a | | b')).toEqual({ out: "bash: syntax error near unexpected token `|'\n", code: 2 });
  });

  it('stop the script at the bad line, after the lines before it ran', () => {
    expect(sh('echo first\necho ) \necho never').out).toBe("first\nbash: syntax error near unexpected token `)'\n");
  });

  it('say when a shell keyword is not supported', () => {
    const message = 'select is not supported in this terminal (if, case, for, while, until, functions, [[ ]], { } and ( ) are)';
    expect(sh('select x in a b; do echo; done')).toEqual({ out: `bash: select: ${message}\n`, code: 2 });
    expect(sh('greet() { echo hi; }; greet').out).toBe('hi\n');
    expect(sh('echo for done').out).toBe('for done\n');
  });

  it('runs while and until loops and if clauses, with test and [ ] as conditions', () => {
    expect(sh('n=x; while [ ${#n} -lt 3 ]; do echo ${#n}; n=${n}x; done').out).toBe('1\n2\n');
    expect(sh('i=x; until [ "$i" = xxx ]; do i=${i}x; done; echo $i').out).toBe('xxx\n');
    expect(sh('while false; do echo never; done; echo $?').out).toBe('0\n');
    expect(sh('if [ -z "" ]; then echo empty; else echo full; fi')).toEqual({ out: 'empty\n', code: 0 });
    expect(sh('if false; then echo a; elif test 3 -ge 2; then echo b; else echo c; fi').out).toBe('b\n');
    expect(sh('if false; then echo a; fi; echo $?').out).toBe('0\n');
    expect(sh('echo hi > f; if [ -f f ] && [ ! -d f ] && test -s f; then echo file; fi').out).toBe('file\n');
    expect(sh('[ 1 -lt 2 -a b != c ] && echo both').out).toBe('both\n');
    // A runaway loop ends at the command limit rather than hanging the terminal.
    expect(sh('while true; do :; done').out).toMatch(/command limit reached/);
  });

  it('expands $(( )) arithmetic as bash does, variables by name or by $', () => {
    expect(sh('echo $((1+2*3)) $(( (1+2)*3 )) $((7/2)) $((7%3)) $((2**10)) $((-3+1)) $((1<2 && 3>4)) $((5>3 ? 10 : 20))').out).toBe('7 9 3 1 1024 -2 0 10\n');
    expect(sh('n=4; echo $((n+1)) $(($n*2)) $((${n}-1)) $((unset+1)) $((010 + 0x10))').out).toBe('5 8 3 1 24\n');
    expect(sh('i=0; while [ $i -lt 3 ]; do echo "turn $i"; i=$((i+1)); done').out).toBe('turn 0\nturn 1\nturn 2\n');
    expect(sh('echo $((1/0))')).toEqual({ out: 'bash: 1/0: division by 0 (error token is "0")\n', code: 1 });
    expect(sh('echo $((1+))').out).toBe('bash: 1+: syntax error: operand expected (error token is "+")\n');
    expect(isIncomplete('echo $((1+')).toBe(true);
  });

  it('test and [ fail like bash on malformed expressions', () => {
    expect(sh('[ 1 -lt 2')).toEqual({ out: "bash: [: missing `]'\n", code: 2 });
    expect(sh('[ abc -gt 1 ]')).toEqual({ out: 'bash: [: abc: integer expression expected\n', code: 2 });
    expect(sh('test a b')).toEqual({ out: 'bash: test: a: unary operator expected\n', code: 2 });
    expect(sh('[ a b c ]')).toEqual({ out: 'bash: [: b: binary operator expected\n', code: 2 });
    expect(sh('[ ]; echo $?; [ x ]; echo $?').out).toBe('1\n0\n');
  });

  it('runs for loops: words split and expanded, the variable set each turn, output piped on', () => {
    expect(sh('for i in 1 2 3; do echo "n=$i"; done')).toEqual({ out: 'n=1\nn=2\nn=3\n', code: 0 });
    expect(sh('for f in $(echo a b) "c d"; do echo "[$f]"; done | sort -r').out).toBe('[c d]\n[b]\n[a]\n');
    expect(sh('for i in; do echo never; done; echo $?').out).toBe('0\n');
    expect(sh('for i in 1 2; do false; done; echo $?; echo $i').out).toBe('1\n2\n');
  });

  it('bounds a runaway for loop by the command budget', () => {
    const { shell } = makeShell({ limits: { maxCommands: 5 } });
    const r = shell.run('for i in 1 2 3 4 5 6 7 8 9; do echo $i; done');
    // Each turn and each echo count against the five: two turns get to print.
    expect(r.stdout).toBe('1\n2\n');
    expect(r.stderr).toBe('bash: command limit reached (5 commands per run); stopping\n');
  });
});

describe('limits', () => {
  it('stops after the command budget', () => {
    const { shell } = makeShell({ limits: { maxCommands: 3 } });
    const r = shell.run('echo 1; echo 2; echo 3; echo 4; echo 5');
    expect(r.stdout).toBe('1\n2\n3\n');
    expect(r.stderr).toBe('bash: command limit reached (3 commands per run); stopping\n');
  });

  it('truncates output and says so', () => {
    const { shell } = makeShell({ limits: { maxOutput: 10 } }, { flood: () => ok('x'.repeat(1000)) });
    const r = shell.run('flood; echo never');
    expect(r.stdout).toBe('x'.repeat(10));
    expect(r.stderr).toMatch(/output limit reached \(10 characters\)/);
  });

  it('bounds runaway variable growth', () => {
    const { shell } = makeShell({ limits: { maxOutput: 1000 } });
    const r = shell.run('A=xxxxxxxxxx; ' + 'A=$A$A; '.repeat(10) + 'echo ${#A}');
    expect(r.stderr).toMatch(/expansion too large/);
  });

  it('has the documented defaults', () => {
    const { shell } = makeShell({}, { flood: () => ok('y'.repeat(2 * 1024 * 1024)) });
    expect(shell.run('flood').stdout).toHaveLength(1024 * 1024);
  });
});
