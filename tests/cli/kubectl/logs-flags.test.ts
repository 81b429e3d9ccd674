import { describe, expect, test } from 'vitest';
import { DEFAULT_COMPONENTS } from '../../../src/engine/components';
import { bench } from './harness';

/** Two nginx pods that started at 00:00:0x and have written their start-up lines (19 each). */
function twoPods() {
  const b = bench({ components: DEFAULT_COMPONENTS });
  b.k('create deployment web --image=nginx:1.27 --replicas=2');
  b.k('rollout status deployment/web');
  b.cluster.advance(20_000);
  return b;
}

describe('kubectl logs flags', () => {
  test('-l reads every selected pod, ten lines each unless --tail says; --prefix names pod and container', () => {
    const b = twoPods();
    const pods = b.k('get pods -o name').stdout.trim().split('\n').map((p) => p.slice('pod/'.length));
    const all = b.k('logs -l app=web').stdout.trim().split('\n');
    expect(all).toHaveLength(20);
    const last = b.k('logs -l app=web --tail=1 --prefix').stdout;
    expect(last).toBe(pods.map((p) => `[pod/${p}/nginx] ${/\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d/.exec(last)![0]} [notice] 1#1: start worker process 32\n`).join(''));
    expect(b.k('logs -l app=nope')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
    expect(b.k(`logs ${pods[0]} -l app=web`).stderr).toBe("error: only one of -l or POD/TYPE/NAME may be specified\nSee 'kubectl logs -h' for help and examples\n");
  });

  test('--since and --since-time keep only newer lines; bad values fail as pflag and Validate() say, before any lookup', () => {
    const b = twoPods();
    const pod = b.k('get pods -o name').stdout.split('\n')[0]!;
    expect(b.k(`logs ${pod} --since=1h`).stdout.split('\n')).toHaveLength(20);
    expect(b.k(`logs ${pod} --since=5s`)).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(b.k(`logs ${pod} --since-time=2026-01-01T00:00:00Z`).stdout.split('\n')).toHaveLength(20);
    expect(b.k(`logs ${pod} --since=5`).stderr).toBe('error: invalid argument "5" for "--since" flag: time: missing unit in duration "5"\nSee \'kubectl logs --help\' for usage.\n');
    expect(b.k('logs nope --since=1x').stderr).toBe('error: invalid argument "1x" for "--since" flag: time: unknown unit "x" in duration "1x"\nSee \'kubectl logs --help\' for usage.\n');
    expect(b.k('logs nope --since=5s --since-time=2026-01-01T00:00:00Z').stderr).toBe('error: at most one of `sinceTime` or `sinceSeconds` may be specified\n');
  });

  test('--all-containers reads init containers first, without the defaulted-container notice', () => {
    const b = bench({ components: DEFAULT_COMPONENTS });
    b.file('p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n  - name: init\n    image: busybox:1.36\n    command: [echo, ready]\n  containers:\n  - name: main\n    image: busybox:1.36\n    command: [sh, -c, "echo main; sleep 3600"]\n');
    b.k('apply -f p.yaml');
    b.k('wait --for=condition=Ready pod/p');
    expect(b.k('logs p --all-containers --prefix')).toEqual({ stdout: '[pod/p/init] ready\n[pod/p/main] main\n', stderr: '', exitCode: 0 });
  });
});
