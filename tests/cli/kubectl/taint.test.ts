import { describe, expect, test } from 'vitest';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { parseTaints, reorganizeTaints, taintString } from '../../../src/cli/kubectl/taint-spec';
import { qualifiedNameErrors } from '../../../src/engine/api/validation/names';
import { DEFAULT_COMPONENTS } from '../../../src/engine/components';
import { bench, type Bench } from './harness';

const taintsOf = (b: Bench, node: string) => b.cluster.api.get<Node>('nodes', undefined, node).spec?.taints;
const usage = (message: string) => ({ stdout: '', stderr: `error: ${message}\nSee 'kubectl taint -h' for help and examples\n`, exitCode: 1 });
const fails = (message: string) => ({ stdout: '', stderr: `error: ${message}\n`, exitCode: 1 });

describe('kubectl taint', () => {
  test('adds, replaces with --overwrite and removes taints, naming each change as kubectl does', () => {
    const b = bench({ components: DEFAULT_COMPONENTS });
    expect(b.k('taint nodes node-1 dedicated=special-user:NoSchedule')).toEqual({ stdout: 'node/node-1 tainted\n', stderr: '', exitCode: 0 });
    expect(b.k('taint nodes node-1 dedicated=other:NoSchedule')).toEqual(fails('node node-1 already has dedicated taint(s) with same effect(s) and --overwrite is false'));
    expect(b.k('taint no node-1 dedicated=other:NoSchedule --overwrite').stdout).toBe('node/node-1 modified\n');
    expect(b.k('taint node node-1 dedicated:NoExecute').stdout).toBe('node/node-1 tainted\n');
    // The new taints first, then the node's others.
    expect(taintsOf(b, 'node-1')).toEqual([
      { key: 'dedicated', effect: 'NoExecute' },
      { key: 'dedicated', value: 'other', effect: 'NoSchedule' },
    ]);
    expect(b.k('describe node node-1').stdout).toContain('Taints:             dedicated:NoExecute\n                    dedicated=other:NoSchedule\n');
    expect(b.k('taint nodes node-1 dedicated:NoSchedule- spare=1:PreferNoSchedule').stdout).toBe('node/node-1 modified\n');
    expect(b.k('taint nodes node-1 dedicated-').stdout).toBe('node/node-1 untainted\n');
    expect(taintsOf(b, 'node-1')).toEqual([{ key: 'spare', value: '1', effect: 'PreferNoSchedule' }]);
    expect(b.k('taint nodes node-1 spare-').stdout).toBe('node/node-1 untainted\n');
    expect(taintsOf(b, 'node-1')).toBeUndefined();
  });

  test('refuses bad arguments with kubectl messages, before anything is sent', () => {
    const b = bench({ components: DEFAULT_COMPONENTS });
    const rv = b.cluster.api.get<Node>('nodes', undefined, 'node-1').metadata?.resourceVersion;
    expect(b.k('taint nodes node-1 bad:Foo')).toEqual(usage('invalid taint effect: Foo, unsupported taint effect'));
    expect(b.k('taint nodes node-1 a=b=c:NoSchedule')).toEqual(usage('invalid taint spec: a=b=c:NoSchedule'));
    expect(b.k('taint nodes node-1 dedicated')).toEqual(fails('at least one taint update is required'));
    expect(b.k('taint nodes node-1 a=:NoSchedule:x')).toEqual(usage('invalid taint spec: a=:NoSchedule:x'));
    expect(b.k('taint nodes node-1 a=b:')).toEqual(usage('invalid taint effect: , unsupported taint effect'));
    expect(b.k('taint nodes node-1 a:NoSchedule a=x:NoSchedule')).toEqual(usage('duplicated taints with the same key and effect: {a x NoSchedule <nil>}'));
    expect(b.k('taint nodes node-1 a=b_:NoSchedule').stderr).toContain("invalid taint spec: a=b_:NoSchedule, a valid label must be an empty string or consist of alphanumeric characters");
    expect(b.k('taint nodes node-1 example.com/a/b:NoSchedule').stderr).toContain('invalid taint spec: example.com/a/b:NoSchedule, a qualified name must consist of');
    expect(b.k('taint nodes node-1 a:NoSchedule a-')).toEqual(fails('can not both modify and remove the following taint(s) in the same command: a='));
    expect(b.k('taint pods web a:NoSchedule')).toEqual(fails('invalid resource type pods, only node types are supported'));
    expect(b.k('taint node/node-1 a:NoSchedule')).toEqual(fails('the server doesn\'t have a resource type "node/node-1"'));
    expect(b.k('taint nodes a:NoSchedule')).toEqual(fails("at least one resource name must be specified since 'all' parameter is not set"));
    expect(b.k('taint a:NoSchedule')).toEqual(fails('one or more resources must be specified as <resource> <name>'));
    expect(b.k('taint nodes node-1 a:NoSchedule node-2')).toEqual(fails('all resources must be specified before taint changes: node-2'));
    expect(b.k('taint nodes --all -l a=b x:NoSchedule')).toEqual(fails("setting 'all' parameter with a non empty selector is prohibited"));
    expect(b.cluster.api.get<Node>('nodes', undefined, 'node-1').metadata?.resourceVersion).toBe(rv);
  });

  test('goes on past a failing node and lists several errors a line each at the end', () => {
    const b = bench({ components: DEFAULT_COMPONENTS });
    expect(b.k('taint nodes nope node-1 x=y:PreferNoSchedule')).toMatchObject({
      stdout: 'node/node-1 tainted\n',
      stderr: 'Error from server (NotFound): nodes "nope" not found\n',
      exitCode: 1,
    });
    expect(b.k('taint nodes node-1 a:NoSchedule- b-')).toEqual({ stdout: '', stderr: 'taint "a:NoSchedule" not found\ntaint "b" not found\n', exitCode: 1 });
    // --all visits every node, the control plane included; only node-1 has the taint.
    expect(b.k('taint nodes --all x-')).toMatchObject({ stdout: 'node/node-1 untainted\n', stderr: 'taint "x" not found\ntaint "x" not found\n', exitCode: 1 });
  });

  test('-l selects nodes by label; --dry-run prints the change and sends nothing; -o prints the node', () => {
    const b = bench({ components: DEFAULT_COMPONENTS });
    expect(b.k('taint nodes -l kubernetes.io/hostname=node-2 z=1:NoSchedule --dry-run=client').stdout).toBe('node/node-2 tainted (dry run)\n');
    expect(taintsOf(b, 'node-2')).toBeUndefined();
    expect(b.k('taint nodes node-2 z=1:NoSchedule -o jsonpath={.spec.taints}').stdout).toBe('[{"effect":"NoSchedule","key":"z","value":"1"}]');
    // The printer is built before the patch: a table format is refused and nothing changes.
    expect(b.k('taint nodes node-1 e=f:NoSchedule -o wide').stderr).toMatch(/^error: unable to match a printer suitable for the output format "wide"/);
    expect(taintsOf(b, 'node-1')).toBeUndefined();
  });

  test('the API server validates taints written any other way', () => {
    const b = bench({ components: DEFAULT_COMPONENTS });
    const patch = '{"spec":{"taints":[{"key":"a","effect":"Bad"},{"key":"d","value":"x","effect":"NoSchedule"},{"key":"d","value":"y","effect":"NoSchedule"},{"key":"-k","effect":"NoExecute"}]}}';
    expect(b.k(['patch', 'node', 'node-2', '-p', patch]).stderr).toBe(
      'The Node "node-2" is invalid: \n' +
        '* spec.taints[0].effect: Unsupported value: "Bad": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"\n' +
        '* spec.taints[2]: Duplicate value: core.Taint{Key:"d", Value:"y", Effect:"NoSchedule", TimeAdded:<nil>}: taints must be unique by key and effect pair\n' +
        `* spec.taints[3].key: Invalid value: "-k": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\n`,
    );
  });
});

describe('taints at work', () => {
  function web(b: Bench): void {
    b.k('create deployment web --image=nginx:1.27 --replicas=4');
    b.cluster.advance(20_000);
  }
  const webPods = (b: Bench) => b.cluster.api.list<Pod>('pods', 'default').items;

  test('NoSchedule keeps new pods off; with every node tainted they stay Pending with the scheduler saying why', () => {
    const b = bench({ components: DEFAULT_COMPONENTS });
    b.k('taint nodes node-1 node-2 dedicated=gpu:NoSchedule');
    web(b);
    expect(webPods(b).every((p) => p.status?.phase === 'Pending')).toBe(true);
    const name = webPods(b)[0]!.metadata!.name!;
    expect(b.k(`describe pod ${name}`).stdout).toMatch(/FailedScheduling .*0\/3 nodes are available: 3 node\(s\) had untolerated taint/);
    b.k('taint nodes node-2 dedicated-');
    b.cluster.advance(20_000);
    expect(webPods(b).map((p) => [p.spec?.nodeName, p.status?.phase])).toEqual(Array(4).fill(['node-2', 'Running']));
  });

  test('NoExecute evicts the pods that do not tolerate it, and the Deployment replaces them elsewhere', () => {
    const b = bench({ components: DEFAULT_COMPONENTS });
    web(b);
    const onNode1 = webPods(b).filter((p) => p.spec?.nodeName === 'node-1').map((p) => p.metadata!.name!);
    expect(onNode1.length).toBeGreaterThan(0);
    b.k('taint nodes node-1 maint:NoExecute');
    b.cluster.advance(30_000);
    const events = b.k('get events --field-selector reason=TaintManagerEviction -o jsonpath={.items[*].message}').stdout;
    for (const name of onNode1) expect(events).toContain(`Marking for deletion Pod default/${name}`);
    expect(webPods(b).map((p) => [p.spec?.nodeName, p.status?.phase])).toEqual(Array(4).fill(['node-2', 'Running']));
    // kube-proxy's DaemonSet tolerates every taint, so it stays.
    expect(b.k('get pods -n kube-system --field-selector spec.nodeName=node-1 -o name').stdout).toMatch(/^pod\/kube-proxy-/);
  });
});

describe('taint arguments', () => {
  test('Taint.ToString and the order reorganizeTaints keeps', () => {
    expect(taintString({ key: 'k', value: 'v', effect: 'NoSchedule' })).toBe('k=v:NoSchedule');
    expect(taintString({ key: 'k', effect: 'NoExecute' })).toBe('k:NoExecute');
    expect(taintString({ key: 'k', effect: '' })).toBe('k');
    const current = [{ key: 'a', effect: 'NoSchedule' }, { key: 'b', effect: 'NoExecute' }];
    const changes = parseTaints(['b=2:NoExecute', 'c:PreferNoSchedule']);
    expect(reorganizeTaints(current, true, changes)).toEqual({
      operation: 'modified',
      taints: [{ key: 'b', value: '2', effect: 'NoExecute' }, { key: 'c', effect: 'PreferNoSchedule' }, { key: 'a', effect: 'NoSchedule' }],
      errors: [],
    });
  });

  test('qualified names as apimachinery checks them', () => {
    expect(qualifiedNameErrors('example.com/gpu')).toEqual([]);
    expect(qualifiedNameErrors('/gpu')).toEqual(['prefix part must be non-empty']);
    expect(qualifiedNameErrors('Example.com/gpu')[0]).toMatch(/^prefix part a lowercase RFC 1123 subdomain must consist of/);
    expect(qualifiedNameErrors('x'.repeat(64))).toEqual(['name part must be no more than 63 characters']);
    expect(qualifiedNameErrors('')).toHaveLength(2);
  });
});
