import type { Event } from 'kubernetes-types/core/v1';
import { describe, expect, test } from 'vitest';
import { bench, type Bench } from './harness';
import { FULL } from './fixtures';

const EPOCH = Date.parse('2026-01-01T00:00:00Z');
const at = (s: number): string => new Date(EPOCH + s * 1000).toISOString().replace('.000Z', 'Z');

interface Spec {
  name: string;
  object: string;
  reason: string;
  message: string;
  /** Seconds after the epoch when it was first and last seen. */
  first: number;
  last?: number;
  count?: number;
  type?: 'Normal' | 'Warning';
  namespace?: string;
}

/** Store an Event as a component would have recorded it; `object` is `Kind/name`. */
function record(b: Bench, spec: Spec): void {
  const [kind, name] = spec.object.split('/') as [string, string];
  const namespace = spec.namespace ?? 'default';
  const event: Event = {
    metadata: { name: spec.name, namespace },
    involvedObject: { apiVersion: kind === 'Deployment' ? 'apps/v1' : 'v1', kind, name, namespace },
    reason: spec.reason,
    message: spec.message,
    type: spec.type ?? 'Normal',
    firstTimestamp: at(spec.first),
    lastTimestamp: at(spec.last ?? spec.first),
    count: spec.count ?? 1,
    source: { component: 'kubelet' },
  };
  b.cluster.api.create('events', event);
}

/** A pod that was scheduled, pulled its image and keeps failing its probe; and its deployment. */
function withEvents(): Bench {
  const b = bench();
  b.k('create namespace dev');
  record(b, { name: 'web.3', object: 'Pod/web', reason: 'Unhealthy', message: 'Readiness probe failed: connection refused', first: 20, last: 50, count: 4, type: 'Warning' });
  record(b, { name: 'web.1', object: 'Pod/web', reason: 'Scheduled', message: 'Successfully assigned default/web to node-1', first: 2 });
  record(b, { name: 'web.2', object: 'Pod/web', reason: 'Pulled', message: 'Container image "nginx:1.27" already present on machine\n', first: 5 });
  record(b, { name: 'app.1', object: 'Deployment/app', reason: 'ScalingReplicaSet', message: 'Scaled up replica set app-5d4f to 1', first: 1 });
  record(b, { name: 'api.1', object: 'Pod/api', reason: 'Started', message: 'Started container api', first: 30, namespace: 'dev' });
  b.cluster.advance(60_000);
  return b;
}

describe('kubectl events', () => {
  test('lists the namespace\'s events oldest first, OBJECT as Kind/name, repeats as (xN over AGE)', () => {
    expect(withEvents().k('events')).toEqual({
      stdout: [
        'LAST SEEN           TYPE      REASON              OBJECT           MESSAGE',
        '59s                 Normal    ScalingReplicaSet   Deployment/app   Scaled up replica set app-5d4f to 1',
        '58s                 Normal    Scheduled           Pod/web          Successfully assigned default/web to node-1',
        '55s                 Normal    Pulled              Pod/web          Container image "nginx:1.27" already present on machine',
        '10s (x4 over 40s)   Warning   Unhealthy           Pod/web          Readiness probe failed: connection refused',
        '',
      ].join('\n'),
      stderr: '',
      exitCode: 0,
    });
  });

  test('-A adds a NAMESPACE column; -n picks the namespace', () => {
    const b = withEvents();
    const all = b.k('events -A').stdout.split('\n');
    expect(all[0]).toBe('NAMESPACE   LAST SEEN           TYPE      REASON              OBJECT           MESSAGE');
    expect(all[4]).toBe('dev         30s                 Normal    Started             Pod/api          Started container api');
    expect(b.k('events -n dev --no-headers').stdout).toBe('30s   Normal   Started   Pod/api   Started container api\n');
  });

  test('--for TYPE/NAME (with a space or =, any resource alias) and --types narrow the list', () => {
    const b = withEvents();
    const forWeb = b.k('events --for pod/web').stdout;
    expect(forWeb.split('\n').slice(1, -1).map((l) => l.split(/ {2,}/)[2])).toEqual(['Scheduled', 'Pulled', 'Unhealthy']);
    expect(b.k('events --for=po/web').stdout).toBe(forWeb);
    expect(b.k('events --for deploy/app').stdout).toBe('LAST SEEN   TYPE     REASON              OBJECT           MESSAGE\n59s         Normal   ScalingReplicaSet   Deployment/app   Scaled up replica set app-5d4f to 1\n');
    expect(b.k('events --types=Warning').stdout.split('\n')).toHaveLength(3);
    expect(b.k('events --types=warning,normal').stdout.split('\n')).toHaveLength(6);
  });

  test('nothing to show goes to stderr, exit 0', () => {
    const b = withEvents();
    expect(b.k('events --for pod/nope')).toEqual({ stdout: '', stderr: 'No events found in default namespace.\n', exitCode: 0 });
    expect(b.k('events -A --for pod/nope')).toEqual({ stdout: '', stderr: 'No events found.\n', exitCode: 0 });
    expect(bench().k('events -n kube-system').stderr).toBe('No events found in kube-system namespace.\n');
  });

  test('flag errors in kubectl\'s words', () => {
    const b = bench();
    expect(b.k('events --for pod')).toEqual({ stdout: '', stderr: 'error: --for must be in resource/name form\n', exitCode: 1 });
    expect(b.k('events --for pod/a/b').stderr).toBe('error: arguments in resource/name form may not have more than one slash\n');
    expect(b.k('events --for foo/bar').stderr).toBe('error: no matches for /, Resource=foo\n');
    expect(b.k('events --types=Error').stderr).toBe('error: valid --types are Normal or Warning\n');
    expect(b.k('events -o wide').stderr).toBe(
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
    );
  });

  test('-o yaml prints the sorted EventList; -o name and jsonpath work on it too', () => {
    const b = withEvents();
    const yaml = b.k('events --for deploy/app -o yaml').stdout;
    expect(yaml.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n  count: 1\n  firstTimestamp: "2026-01-01T00:00:01Z"\n')).toBe(true);
    expect(yaml.endsWith('  type: Normal\nkind: EventList\nmetadata: {}\n')).toBe(true);
    expect(b.k('events -o name').stdout).toBe('event/app.1\nevent/web.1\nevent/web.2\nevent/web.3\n');
    expect(b.k(['events', '-o', 'jsonpath={.items[*].reason}']).stdout).toBe('ScalingReplicaSet Scheduled Pulled Unhealthy');
  });

  test('events of the same second keep the order the API lists them in, oldest second first', () => {
    const b = bench();
    for (let i = 0; i < 14; i++) record(b, { name: `e${String(i).padStart(2, '0')}`, object: `Pod/p${i}`, reason: 'Started', message: `m${i}`, first: i % 2 });
    const objects = b.k('events --no-headers').stdout.split('\n').slice(0, -1).map((l) => l.split(/ +/)[3]);
    // kubectl's Go sort.Sort is unstable past 12 events of one second; ours is stable (see events.ts).
    expect(objects).toEqual([0, 2, 4, 6, 8, 10, 12, 1, 3, 5, 7, 9, 11, 13].map((i) => `Pod/p${i}`));
  });

  test('-w prints the stored events, then each new one as it is recorded', () => {
    const b = bench({ components: FULL });
    b.k('run web --image=nginx:1.27');
    b.cluster.advance(1000);
    const r = b.k('events -w --for pod/web --request-timeout=20s');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('LAST SEEN   TYPE     REASON      OBJECT    MESSAGE');
    expect(lines.map((l) => l.split(/ {2,}/)[2])).toEqual(['REASON', 'Scheduled', 'Pulling', 'Pulled', 'Created', 'Started', undefined]);
    expect(r.exitCode).toBe(0);
  });

  test('in a running cluster, kubectl events shows the container start the pod-journey lab asks for', () => {
    const b = bench({ components: FULL });
    b.k('run web --image=nginx:1.27');
    b.cluster.advance(20_000);
    expect(b.k('events --for pod/web').stdout).toMatch(/^\d+s +Normal +Started +Pod\/web +Started container web$/m);
  });
});
