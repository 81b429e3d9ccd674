import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const bin = fileURLToPath(new URL('../../../bin/clusterlab.mjs', import.meta.url));

function clusterlab(args: string[], input = ''): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', timeout: 60_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('npx clusterlab run', () => {
  test('prints each input as "$ input" then its output, and exits with the last status', () => {
    const script = 'kubectl create deployment web --image=nginx:1.27 --replicas=2\nsim advance 30s\nkubectl get deploy web\nnope\n';
    const r = clusterlab(['run', '-', '--seed', '3'], script);
    expect(r.stdout).toBe(
      [
        '$ kubectl create deployment web --image=nginx:1.27 --replicas=2',
        'deployment.apps/web created',
        '$ sim advance 30s',
        'now 30.000s',
        '$ kubectl get deploy web',
        'NAME   READY   UP-TO-DATE   AVAILABLE   AGE',
        'web    2/2     2            2           30s',
        '$ nope',
        'bash: nope: command not found',
        '',
      ].join('\n'),
    );
    expect(r.status).toBe(127);
  });

  test('a heredoc spanning several lines is one input', () => {
    const r = clusterlab(['run', '-'], 'cat <<EOF | wc -l\na\nb\nEOF\n');
    expect(r.stdout).toBe('$ cat <<EOF | wc -l\na\nb\nEOF\n2\n');
    expect(r.status).toBe(0);
  });

  test('bad usage explains itself', () => {
    expect(clusterlab(['run']).stderr).toBe('clusterlab: run needs a script file, or - for standard input\n');
    expect(clusterlab(['fly']).status).toBe(2);
  });
});

describe('the heap a simulated cluster gets', () => {
  /**
   * What each Node process the command ran in reports about itself (a --require'd probe):
   * its V8 flags and its heap limit, one line per thread. execve keeps the pid.
   */
  function processesOf(args: string[]): { pid: string; flags: string; heapLimitMb: number }[] {
    const dir = mkdtempSync(join(tmpdir(), 'clusterlab-heap-'));
    const probe = join(dir, 'probe.cjs');
    const out = join(dir, 'processes.txt');
    writeFileSync(probe, "require('fs').appendFileSync(process.env.PROBE_OUT, [process.pid, process.execArgv.join(' '), require('v8').getHeapStatistics().heap_size_limit].join('|') + '\\n');\n");
    try {
      const r = spawnSync(process.execPath, [bin, ...args], { input: 'exit\n', encoding: 'utf8', timeout: 60_000, env: { ...process.env, PROBE_OUT: out, NODE_OPTIONS: `--require ${probe}` } });
      // The whole result, so that a failure shows what the command said.
      const usage = args[0] === 'fly';
      expect({ status: r.status, signal: r.signal, stderr: usage ? '' : r.stderr }).toEqual({ status: usage ? 2 : 0, signal: null, stderr: '' });
      return readFileSync(out, 'utf8').trim().split('\n').map((line) => {
        const [pid = '', flags = '', limit = '0'] = line.split('|');
        return { pid, flags, heapLimitMb: Number(limit) / 1048576 };
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test.each([['shell'], ['run', '-']])('clusterlab %s replaces itself with a Node sized for the engine: a 16 MB young generation, a 512 MB old one', (...args) => {
    const processes = processesOf(args);
    // The first line is the process as started; after it, the one it became (its main thread
    // and, in any order, the TypeScript loader's thread, which reports no flags of its own).
    expect(processes[0]!.flags).toBe('');
    expect(processes.slice(1).find((p) => p.flags !== '')).toMatchObject({ flags: '--max-semi-space-size=16 --max-old-space-size=512' });
    expect(processes.slice(1).every((p) => p.heapLimitMb < 600)).toBe(true);
    // Replaced, not wrapped: no parent Node process stays behind holding its own heap.
    expect(new Set(processes.map((p) => p.pid)).size).toBe(1);
  });

  test('other commands keep the heap they were started with', () => {
    const processes = processesOf(['fly']);
    expect(processes).toHaveLength(1);
    expect(processes[0]!.flags).toBe('');
  });
});

describe('npx clusterlab shell', () => {
  test('reads commands from standard input and exits with exit', () => {
    const r = clusterlab(['shell', '--seed', '1'], 'sim advance 5s\nexit 4\n');
    expect(r.stdout).toContain("clusterlab: a 3-node Kubernetes 1.34 cluster (seed 1). Type 'help', or 'exit' to leave.");
    // In the shell the clock also follows the wall clock, so a few ms may have passed already.
    expect(r.stdout).toMatch(/now 5\.\d{3}s/);
    expect(r.status).toBe(4);
  });

  test('expands history references as bash does: the expanded line is shown, then run', () => {
    const r = clusterlab(['shell', '--seed', '1'], 'echo one two\n!!\necho !$\necho !nosuch\nexit\n');
    const lines = r.stdout.split('\n').map((l) => l.replace(/^root@workstation:~# /, ''));
    expect(lines.filter((l) => /^(echo|one|two|bash)/.test(l))).toEqual(['one two', 'echo one two', 'one two', 'echo two', 'two', 'bash: !nosuch: event not found']);
  });
});

/**
 * The shell on a real terminal (a pseudo-terminal from util-linux `script`): `kubectl get -w`
 * keeps printing as virtual time follows the wall clock until Ctrl-C, then the prompt is back.
 * The test waits for output to appear, never for a fixed time.
 */
describe('npx clusterlab shell on a terminal', () => {
  test('kubectl get pods -w streams changes until Ctrl-C', async () => {
    const child = spawn('script', ['-qfec', `${process.execPath} ${bin} shell --seed 1`, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    const waiters: { pattern: RegExp; resolve: () => void }[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString('utf8');
      for (const w of waiters.splice(0)) if (w.pattern.test(screen)) w.resolve();
      else waiters.push(w);
    });
    // A guard, not a timing: a wait that never ends fails with what the terminal showed.
    const waitFor = (pattern: RegExp) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(screen)) return resolve();
        const guard = setTimeout(() => reject(new Error(`${pattern} never appeared; the terminal shows:\n${JSON.stringify(screen)}`)), 20_000);
        waiters.push({ pattern, resolve: () => (clearTimeout(guard), resolve()) });
      });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const type = (text: string) => child.stdin.write(text);
    // readline draws the prompt, then moves the cursor after it.
    const PROMPT = /root@workstation:~# (\x1b\[\d+G)?$/;
    await waitFor(PROMPT);
    // Ten virtual seconds per wall second: the pods start in well under a second of waiting.
    type('sim speed 10\r');
    await waitFor(/speed 10x\r?\n[^\n]*root@workstation:~# (\x1b\[\d+G)?$/);
    type('kubectl create deployment web --image=nginx:1.27 --replicas=2\r');
    await waitFor(/deployment.apps\/web created\r?\n[^\n]*root@workstation:~# (\x1b\[\d+G)?$/);
    const before = screen.length;
    type('kubectl get pods -w\r');
    // The pods are listed while still starting; their later states arrive as rows of their own.
    await waitFor(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\r?\nweb-[a-z0-9]+-[a-z0-9]{5}\s+0\/1\s+(Pending|ContainerCreating)/);
    await waitFor(/web-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running/);
    expect(screen.slice(before)).not.toMatch(PROMPT);
    type('\x03');
    await waitFor(/\^C\r?\n[^\n]*root@workstation:~# (\x1b\[\d+G)?$/);
    type('kubectl rollout status deployment/web\r');
    await waitFor(/deployment "web" successfully rolled out/);
    type('exit 3\r');
    expect(await exited).toBe(3);
  }, 60_000);
});
