import { describe, expect, test } from 'vitest';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Container, Event, Pod } from 'kubernetes-types/core/v1';
import type { Session } from '../../../src/cli/session';
import { env, run, session } from './helpers';

type Strategy = NonNullable<Deployment['spec']>['strategy'];

function deploy(s: Session, replicas: number, strategy: Strategy, container: Container = { name: 'app', image: 'nginx:1.27' }): void {
  s.cluster.api.create<Deployment>('deployments', {
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas, strategy, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [container] } } },
  });
  run(s, 'kubectl rollout status deployment/web');
}

/** The ScalingReplicaSet events since the rollout began, with ReplicaSet names replaced by old/new. */
function scalingSteps(s: Session, oldRs: string): string[] {
  return s.cluster.api
    .list<Event>('events', 'default')
    .items.filter((e) => e.reason === 'ScalingReplicaSet')
    .sort((a, b) => Number(a.metadata?.resourceVersion) - Number(b.metadata?.resourceVersion))
    // After ten steps the event correlator folds the rest into one combined Event (its latest message).
    .map((e) => (e.message ?? '').replace(/^\(combined from similar events\): /, ''))
    // The old ReplicaSet's own creation (0 → replicas) happened before the rollout.
    .filter((m) => !(m.includes(oldRs) && m.startsWith('Scaled up')))
    .map((m) => m.replace(/^Scaled (up|down) replica set (\S+) from (\d+) to (\d+)$/, (_all, dir: string, rs: string, from: string, to: string) => `${rs === oldRs ? 'old' : 'new'} ${dir === 'up' ? '+' : '-'} ${from}→${to}`));
}

function rollout(replicas: number, strategy: Strategy): string[] {
  const s = session();
  deploy(s, replicas, strategy);
  const oldRs = s.cluster.api.list<ReplicaSet>('replicasets', 'default').items[0]!.metadata!.name!;
  expect(run(s, 'kubectl set image deployment/web app=nginx:1.28')).toBe('deployment.apps/web image updated\n');
  run(s, 'kubectl rollout status deployment/web');
  return scalingSteps(s, oldRs);
}

const rolling = (maxSurge: number | string, maxUnavailable: number | string): Strategy => ({ type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } });

describe('rolling update steps follow the upstream fenceposts', () => {
  test('1 replica, maxSurge 1, maxUnavailable 0: surge first, at most 2 pods', () => {
    expect(rollout(1, rolling(1, 0))).toEqual(['new + 0→1', 'old - 1→0']);
  });

  test('3 replicas, maxSurge 1, maxUnavailable 0: one new pod, wait for it, one old pod down', () => {
    expect(rollout(3, rolling(1, 0))).toEqual(['new + 0→1', 'old - 3→2', 'new + 1→2', 'old - 2→1', 'new + 2→3', 'old - 1→0']);
  });

  test('2 replicas, maxSurge 0, maxUnavailable 1: scale old down first, then new up', () => {
    expect(rollout(2, rolling(0, 1))).toEqual(['old - 2→1', 'new + 0→1', 'old - 1→0', 'new + 1→2']);
  });

  test('both fenceposts 0% resolve to maxUnavailable 1', () => {
    expect(rollout(2, rolling('0%', '1%'))).toEqual(['old - 2→1', 'new + 0→1', 'old - 1→0', 'new + 1→2']);
  });

  test('10 replicas, 25%/25%: the new ReplicaSet surges to 3 (13 pods), the old one drops to 8', () => {
    const steps = rollout(10, rolling('25%', '25%'));
    expect(steps.slice(0, 2)).toEqual(['new + 0→3', 'old - 10→8']);
    expect(steps.at(-1)).toMatch(/^old - \d+→0$/);
  });

  test('Recreate: all old pods go before any new one', () => {
    expect(rollout(3, { type: 'Recreate' })).toEqual(['old - 3→0', 'new + 0→3']);
  });
});

describe('terminating pods during a rollout', () => {
  test('10 pods ready in 2 s that take 20 s to stop: 10 running and 10 terminating at once', () => {
    const s = session();
    const app: Container = {
      name: 'app',
      image: 'ghcr.io/clusterlab/http-app:1.0',
      env: env({ READY_AFTER: '2', SHUTDOWN: 'delay:20' }),
      readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 1 },
    };
    deploy(s, 10, undefined, app);
    run(s, 'kubectl set image deployment/web app=ghcr.io/clusterlab/http-app:2.0');
    let most = { running: 0, terminating: 0 };
    for (let i = 0; i < 400; i++) {
      s.cluster.advance(100);
      const pods = s.cluster.api.list<Pod>('pods', 'default').items;
      const terminating = pods.filter((p) => p.metadata?.deletionTimestamp).length;
      const running = pods.filter((p) => !p.metadata?.deletionTimestamp && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
      if (terminating > most.terminating || (terminating === most.terminating && running > most.running)) most = { running, terminating };
    }
    expect(most).toEqual({ running: 10, terminating: 10 });
    const table = run(s, 'kubectl get pods --no-headers');
    expect(table.trim().split('\n')).toHaveLength(10);
    expect(run(s, 'kubectl rollout status deployment/web')).toBe('deployment "web" successfully rolled out\n');
  });
});
