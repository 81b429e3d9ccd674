import { spawnSync } from 'node:child_process';
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

describe('npx clusterlab shell', () => {
  test('reads commands from standard input and exits with exit', () => {
    const r = clusterlab(['shell', '--seed', '1'], 'sim advance 5s\nexit 4\n');
    expect(r.stdout).toContain("clusterlab: a 3-node Kubernetes 1.34 cluster (seed 1). Type 'help', or 'exit' to leave.");
    // In the shell the clock also follows the wall clock, so a few ms may have passed already.
    expect(r.stdout).toMatch(/now 5\.\d{3}s/);
    expect(r.status).toBe(4);
  });
});
