import { busyboxColumns, lsColumns } from '../../../src/cli/shell/builtins/ls-columns';
import { describe, expect, it } from 'vitest';
import { makeShell, sh } from './helpers';

/** A shell whose /root/pods.txt holds a small table, written with a heredoc. */
function withPods(): ReturnType<typeof makeShell> {
  const s = makeShell();
  s.shell.run('cat > pods.txt <<EOF\nweb-1 Running 3\nweb-2 Pending 10\ndb-1 Running 1\nWeb-3 Failed 2\nEOF');
  return s;
}

describe('echo', () => {
  it.each([
    ['echo a  b', 'a b\n'],
    ['echo -n a', 'a'],
    ['echo -e "a\\tb\\x41\\0101"', 'a\tbAA\n'],
    ['echo -ne "x\\n"', 'x\n'],
    ['echo "a\\nb"', 'a\\nb\n'],
    ['echo -e "stop\\chere"', 'stop'],
    ['echo -x', '-x\n'],
    ['echo', '\n'],
  ])('%s', (source, expected) => expect(sh(source).out).toBe(expected));
});

describe('printf', () => {
  it.each([
    ["printf '%s\\n' a b", 'a\nb\n'],
    ["printf '%-5s|%3d|%05.1f\\n' ab 7 3.14159", 'ab   |  7|003.1\n'],
    ["printf '%s=%s;' k1 v1 k2", 'k1=v1;k2=;'],
    ["printf 'no newline'", 'no newline'],
    ["printf '%x %o %%\\n' 255 8", 'ff 10 %\n'],
  ])('%s', (source, expected) => expect(sh(source).out).toBe(expected));
});

describe('cat', () => {
  it('concatenates files and stdin', () => {
    expect(sh('echo a > x; echo b | cat x - x').out).toBe('a\nb\na\n');
  });

  it('reports missing files and directories, still printing the rest', () => {
    // A command's result comes back whole, so the terminal shows its stdout, then its stderr.
    expect(sh('echo a > x; cat nope x /tmp')).toEqual({
      out: 'a\ncat: nope: No such file or directory\ncat: /tmp: Is a directory\n',
      code: 1,
    });
  });

  it('numbers lines with -n', () => {
    expect(sh('cat -n <<EOF\na\n\nb\nEOF').out).toBe('     1\ta\n     2\t\n     3\tb\n');
  });
});

describe('ls', () => {
  it('prints one name per line, hiding dotfiles unless -a', () => {
    expect(sh('touch b a .hidden; mkdir d; ls').out).toBe('a\nb\nd\n');
    expect(sh('touch .hidden; ls -a').out).toBe('.\n..\n.hidden\n');
    expect(sh('touch .hidden; ls -A').out).toBe('.hidden\n');
  });

  it('lists several operands with headings, files first', () => {
    expect(sh('mkdir d e; touch d/x f; ls d e f').out).toBe('f\n\nd:\nx\n\ne:\n');
  });

  it('prints a long listing', () => {
    expect(sh('echo hello > f; mkdir d; ls -l').out).toBe(
      'total 8\ndrwxr-xr-x 2 root root 4096 Jan  1 00:00 d\n-rw-r--r-- 1 root root    6 Jan  1 00:00 f\n',
    );
  });

  it('shows checkpoint archives and private keys with mode 0600, as runtimes and kubeadm write them', () => {
    const listing = sh('mkdir -p /var/lib/kubelet/checkpoints /etc/kubernetes/pki; echo x > /var/lib/kubelet/checkpoints/checkpoint-a.tar; echo k > /etc/kubernetes/pki/ca.key; echo c > /etc/kubernetes/pki/ca.crt; ls -l /var/lib/kubelet/checkpoints /etc/kubernetes/pki').out;
    expect(listing).toMatch(/^-rw------- 1 root root 2 Jan  1 00:00 checkpoint-a\.tar$/m);
    expect(listing).toMatch(/^-rw------- 1 root root 2 Jan  1 00:00 ca\.key$/m);
    expect(listing).toMatch(/^-rw-r--r-- 1 root root 2 Jan  1 00:00 ca\.crt$/m);
  });

  it('fails with status 2 on a missing path', () => {
    expect(sh('ls /nope')).toEqual({ out: "ls: cannot access '/nope': No such file or directory\n", code: 2 });
  });
});

describe('grep', () => {
  it('selects lines over a file created with a heredoc', () => {
    const { shell } = withPods();
    expect(shell.run('grep Running pods.txt').stdout).toBe('web-1 Running 3\ndb-1 Running 1\n');
    expect(shell.run('grep -i web pods.txt | wc -l').stdout).toBe('3\n');
    expect(shell.run('grep -v Running pods.txt').stdout).toBe('web-2 Pending 10\nWeb-3 Failed 2\n');
    expect(shell.run('grep -c Running pods.txt').stdout).toBe('2\n');
    expect(shell.run('grep -n Pending pods.txt').stdout).toBe('2:web-2 Pending 10\n');
  });

  it('supports basic and extended regular expressions', () => {
    const { shell } = withPods();
    expect(shell.run("grep -E 'Pending|Failed' pods.txt").stdout).toBe('web-2 Pending 10\nWeb-3 Failed 2\n');
    expect(shell.run("grep 'Pending|Failed' pods.txt").exitCode).toBe(1);
    expect(shell.run("grep 'Pending\\|Failed' pods.txt").stdout).toBe('web-2 Pending 10\nWeb-3 Failed 2\n');
    expect(shell.run("grep '^[[:lower:]]*-[0-9] R' pods.txt").stdout).toBe('web-1 Running 3\ndb-1 Running 1\n');
    expect(shell.run("grep -o '[0-9]*$' pods.txt").stdout).toBe('3\n10\n1\n2\n');
  });

  it('matches whole words with -w', () => {
    expect(sh('echo "web web-1 webby" | grep -ow web').out).toBe('web\nweb\n');
    expect(sh('echo webby | grep -w web').code).toBe(1);
  });

  it('prefixes file names when searching several files', () => {
    expect(sh('echo a > x; echo a > y; grep a x y').out).toBe('x:a\ny:a\n');
  });

  it('exits 1 when nothing matched and 2 on errors', () => {
    expect(sh('echo a | grep b')).toEqual({ out: '', code: 1 });
    expect(sh('grep a nope')).toEqual({ out: 'grep: nope: No such file or directory\n', code: 2 });
    expect(sh("echo a | grep -E '(a'")).toEqual({ out: 'grep: Unmatched ( or \\(\n', code: 2 });
    expect(sh("echo a | grep '['")).toEqual({ out: 'grep: Unmatched [, [^, [:, [., or [=\n', code: 2 });
    expect(sh('grep').code).toBe(2);
  });

  it('stays quiet with -q', () => {
    expect(sh('echo a | grep -q a')).toEqual({ out: '', code: 0 });
  });
});

describe('head and tail', () => {
  it.each([
    ['head -n 2', '1\n2\n'],
    ['head -2', '1\n2\n'],
    ['head -n -3', '1\n2\n'],
    ['tail -n 2', '4\n5\n'],
    ['tail -1', '5\n'],
    ['tail -n +4', '4\n5\n'],
    ['head -c 3', '1\n2'],
  ])('%s', (cmd, expected) => {
    expect(sh(`cat <<EOF | ${cmd}\n1\n2\n3\n4\n5\nEOF`).out).toBe(expected);
  });

  it('prints headers for several files', () => {
    expect(sh('echo a > x; echo b > y; head -n 1 x y').out).toBe('==> x <==\na\n\n==> y <==\nb\n');
  });

  it('rejects a bad count', () => {
    expect(sh('head -n x')).toEqual({ out: "head: invalid number of lines: 'x'\n", code: 1 });
  });
});

describe('wc', () => {
  it('prints a bare number for one count of stdin', () => {
    expect(sh('echo a b | wc -w').out).toBe('2\n');
    expect(sh('echo a b | wc -l').out).toBe('1\n');
  });

  it('pads all three counts to 7 columns for stdin', () => {
    expect(sh('echo a b | wc').out).toBe('      1       2       4\n');
  });

  it('aligns counts to the total size width with file names and a total', () => {
    const { shell } = withPods();
    expect(shell.run('wc -l pods.txt').stdout).toBe('4 pods.txt\n');
    expect(shell.run('wc pods.txt').stdout).toBe(' 4 12 63 pods.txt\n');
    expect(shell.run('echo x > y; wc -l pods.txt y').stdout).toBe(' 4 pods.txt\n 1 y\n 5 total\n');
  });
});

describe('sort and uniq', () => {
  it('sorts by code point, numerically, reversed, uniquely and by key', () => {
    const { shell } = withPods();
    expect(shell.run('sort pods.txt | head -1').stdout).toBe('Web-3 Failed 2\n');
    expect(shell.run('sort -k3 -n pods.txt | cut -d" " -f1').stdout).toBe('db-1\nWeb-3\nweb-1\nweb-2\n');
    expect(shell.run('sort -k 3,3nr pods.txt | head -1').stdout).toBe('web-2 Pending 10\n');
    expect(shell.run('cut -d" " -f2 pods.txt | sort -u').stdout).toBe('Failed\nPending\nRunning\n');
    expect(shell.run('cut -d" " -f2 pods.txt | sort -r | head -1').stdout).toBe('Running\n');
  });

  it('counts adjacent duplicates with uniq -c', () => {
    const { shell } = withPods();
    expect(shell.run('cut -d" " -f2 pods.txt | sort | uniq -c').stdout).toBe('      1 Failed\n      1 Pending\n      2 Running\n');
  });
});

describe('cut and tr', () => {
  it('cuts fields and characters', () => {
    expect(sh('echo a:b:c:d | cut -d: -f1,3').out).toBe('a:c\n');
    expect(sh('echo a:b:c:d | cut -d: -f3-').out).toBe('c:d\n');
    expect(sh('echo no-delimiter | cut -d: -f2').out).toBe('no-delimiter\n');
    expect(sh('echo abcdef | cut -c2-4').out).toBe('bcd\n');
    expect(sh('cut -d: x').out).toMatch(/^cut: you must specify a list of bytes, characters, or fields/);
  });

  it('translates, deletes and squeezes', () => {
    expect(sh('echo hello | tr a-z A-Z').out).toBe('HELLO\n');
    expect(sh("echo hello | tr '[:lower:]' '[:upper:]'").out).toBe('HELLO\n');
    expect(sh('echo hello | tr -d l').out).toBe('heo\n');
    expect(sh("echo 'a   b' | tr -s ' '").out).toBe('a b\n');
    expect(sh("echo a b | tr ' ' '\\n'").out).toBe('a\nb\n');
  });
});

describe('sleep and date', () => {
  it('advances the virtual clock of the host', () => {
    const { shell, host } = makeShell();
    expect(shell.run('sleep 5; sleep 1.5 2m; sleep 0.5s').exitCode).toBe(0);
    expect(host.advanced).toEqual([5000, 121_500, 500]);
    expect(shell.run('date').stdout).toBe('Thu Jan  1 00:02:07 UTC 2026\n');
  });

  it('prints the virtual date, with +FORMAT', () => {
    expect(sh('sleep 5; date').out).toBe('Thu Jan  1 00:00:05 UTC 2026\n');
    expect(sh('date +%Y-%m-%dT%H:%M:%SZ').out).toBe('2026-01-01T00:00:00Z\n');
  });

  it('rejects a bad interval', () => {
    expect(sh('sleep x')).toEqual({ out: "sleep: invalid time interval 'x'\nTry 'sleep --help' for more information.\n", code: 1 });
    expect(sh('sleep').out).toMatch(/^sleep: missing operand/);
  });
});

describe('file commands', () => {
  it('creates directories, with -p for parents', () => {
    expect(sh('mkdir a/b')).toEqual({ out: "mkdir: cannot create directory 'a/b': No such file or directory\n", code: 1 });
    expect(sh('mkdir -p a/b && mkdir -p a/b && ls a').out).toBe('b\n');
    expect(sh('mkdir a; mkdir a').out).toBe("mkdir: cannot create directory 'a': File exists\n");
  });

  it('removes files, and directories only with -r', () => {
    expect(sh('mkdir d; rm d').out).toBe("rm: cannot remove 'd': Is a directory\n");
    expect(sh('mkdir d; touch d/f; rm -r d; ls').out).toBe('');
    expect(sh('rm nope')).toEqual({ out: "rm: cannot remove 'nope': No such file or directory\n", code: 1 });
    expect(sh('rm -f nope')).toEqual({ out: '', code: 0 });
  });

  it('touches files without clobbering them', () => {
    expect(sh('echo keep > f; touch f g; cat f g').out).toBe('keep\n');
    expect(sh('touch /nope/f').out).toBe("touch: cannot touch '/nope/f': No such file or directory\n");
  });
});

describe('small commands', () => {
  it('true, false, clear and env', () => {
    expect(sh('true').code).toBe(0);
    expect(sh('false').code).toBe(1);
    expect(sh('clear').out).toBe('\x1b[H\x1b[2J');
    expect(sh('env | grep ^HOME=').out).toBe('HOME=/root\n');
  });

  it('unknown options print the coreutils usage hint', () => {
    expect(sh('wc -z')).toEqual({ out: "wc: invalid option -- 'z'\nTry 'wc --help' for more information.\n", code: 1 });
  });
});

describe('grep context', () => {
  it('-A, -B, -C print context lines with - and separate groups with -- (as GNU grep 3.8)', () => {
    const { shell, host } = makeShell();
    host.fs.write('/root/g.txt', 'a\nb match\nc\nd\ne\nf match\ng\n');
    host.fs.chdir('/root');
    expect(shell.run('grep -A1 match g.txt').stdout).toBe('b match\nc\n--\nf match\ng\n');
    expect(shell.run('grep -B1 -n match g.txt').stdout).toBe('1-a\n2:b match\n--\n5-e\n6:f match\n');
    expect(shell.run('grep -C2 match g.txt').stdout).toBe('a\nb match\nc\nd\ne\nf match\ng\n');
  });
});

describe('ls column layouts on a terminal', () => {
  const pki = ['apiserver-etcd-client.crt', 'apiserver-etcd-client.key', 'apiserver-kubelet-client.crt', 'apiserver-kubelet-client.key', 'apiserver.crt', 'apiserver.key', 'ca.crt', 'ca.key', 'etcd', 'front-proxy-ca.crt', 'front-proxy-ca.key', 'front-proxy-client.crt', 'front-proxy-client.key', 'sa.key', 'sa.pub'];

  it('GNU: down the columns, each as wide as its longest name plus two, the most that stay under the width', () => {
    expect(lsColumns(pki, 80)).toBe(
      [
        'apiserver-etcd-client.crt     apiserver.key       front-proxy-ca.key',
        'apiserver-etcd-client.key     ca.crt              front-proxy-client.crt',
        'apiserver-kubelet-client.crt  ca.key              front-proxy-client.key',
        'apiserver-kubelet-client.key  etcd                sa.key',
        'apiserver.crt                 front-proxy-ca.crt  sa.pub',
        '',
      ].join('\n'),
    );
    // 81 characters on one line do not fit in 80.
    expect(lsColumns(['etcd.yaml', 'kube-apiserver.yaml', 'kube-controller-manager.yaml', 'kube-scheduler.yaml'], 80)).toBe('etcd.yaml            kube-controller-manager.yaml\nkube-apiserver.yaml  kube-scheduler.yaml\n');
    expect(lsColumns(['etcd.yaml', 'kube-apiserver.yaml', 'kube-controller-manager.yaml', 'kube-scheduler.yaml'], 82)).toBe('etcd.yaml  kube-apiserver.yaml  kube-controller-manager.yaml  kube-scheduler.yaml\n');
    expect(lsColumns(['a'], 80)).toBe('a\n');
  });

  it('busybox: equal columns of the longest name plus two', () => {
    expect(busyboxColumns(['bin', 'dev', 'etc', 'home', 'lib', 'lib64', 'proc', 'root', 'sys', 'tmp', 'usr', 'var'], 80)).toBe('bin    etc    lib    proc   sys    usr\ndev    home   lib64  root   tmp    var\n');
    expect(busyboxColumns(['only'], 80)).toBe('only\n');
  });
});
