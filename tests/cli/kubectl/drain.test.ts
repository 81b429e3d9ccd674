import { describe, expect, test } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { CREATE_PDB_FLAGS, podDisruptionBudgetObject } from '../../../src/cli/kubectl/commands/pdb';
import { describePodDisruptionBudget } from '../../../src/cli/kubectl/printers/describe/index';
import type { KubectlContext } from '../../../src/cli/kubectl/context';
import { Flags, parseFlags } from '../../../src/cli/kubectl/flags';
import { DEFAULT_COMPONENTS } from '../../../src/engine/components';
import { bench, type Bench } from './harness';

/** A full cluster (node-1, node-2) with a ready 4-replica nginx Deployment `web`. */
function cluster(replicas = 4): Bench {
  const b = bench({ components: DEFAULT_COMPONENTS });
  b.k(`create deployment web --image=nginx:1.27 --replicas=${replicas}`);
  b.k('rollout status deployment/web');
  return b;
}

function podsOn(b: Bench, node: string, namespace?: string): string[] {
  return b.cluster.api
    .list<Pod>('pods', namespace, { fieldSelector: { 'spec.nodeName': node } })
    .items.filter((p) => !p.metadata?.deletionTimestamp)
    .map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`);
}

const kubeProxyOn = (b: Bench, node: string) => podsOn(b, node, 'kube-system').find((p) => p.startsWith('kube-system/kube-proxy-'))!;
const evictable = (b: Bench, node: string) => podsOn(b, node).filter((p) => !p.startsWith('kube-system/kube-proxy-'));

function pdb(b: Bench, minAvailable: number): void {
  b.file('/root/pdb.yaml', `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: ${minAvailable}\n  selector:\n    matchLabels:\n      app: web\n`);
  expect(b.k('apply -f /root/pdb.yaml').stdout).toBe('poddisruptionbudget.policy/web created\n');
  b.cluster.advance(1000);
}

describe('kubectl cordon / uncordon', () => {
  test('mark a node unschedulable and back, as kubectl prints it', () => {
    const b = cluster(0);
    expect(b.k('cordon node-1')).toEqual({ stdout: 'node/node-1 cordoned\n', stderr: '', exitCode: 0 });
    expect(b.k('cordon node-1').stdout).toBe('node/node-1 already cordoned\n');
    expect(b.k('get nodes node-1 --no-headers').stdout).toMatch(/^node-1\s+Ready,SchedulingDisabled\s+<none>/);
    expect(b.k('uncordon node-1').stdout).toBe('node/node-1 uncordoned\n');
    expect(b.k('uncordon node-1').stdout).toBe('node/node-1 already uncordoned\n');
    expect(b.k('cordon node-9')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): nodes "node-9" not found\n', exitCode: 1 });
    expect(b.k('cordon').stderr).toBe("error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n");
    expect(b.k('cordon node-1 --dry-run=client').stdout).toBe('node/node-1 cordoned (dry run)\n');
    expect(b.k('get nodes node-1 --no-headers').stdout).toMatch(/^node-1\s+Ready\s+/);
  });

  test('a cordoned node gets no new pods', () => {
    const b = cluster(0);
    b.k('cordon node-1');
    b.k('scale deployment web --replicas=4');
    b.k('rollout status deployment/web');
    expect(podsOn(b, 'node-1', 'default')).toEqual([]);
    expect(podsOn(b, 'node-2', 'default')).toHaveLength(4);
  });
});

describe('kubectl drain', () => {
  test('without --ignore-daemonsets the kube-proxy pod blocks the drain (after cordoning)', () => {
    const b = cluster();
    const proxy = kubeProxyOn(b, 'node-1');
    const r = b.k('drain node-1');
    expect(r.stdout).toBe('node/node-1 cordoned\n');
    expect(r.stderr).toBe(
      `error: unable to drain node "node-1" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${proxy}, continuing command...\n` +
        'There are pending nodes to be drained:\n node-1\n' +
        `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${proxy}\n`,
    );
    expect(r.exitCode).toBe(1);
    expect(evictable(b, 'node-1').length).toBeGreaterThan(0);
  });

  test('unmanaged and emptyDir pods are listed together, each with the flag that overrides it', () => {
    const b = cluster(0);
    b.cluster.api.create<Pod>('pods', { metadata: { name: 'lone', namespace: 'default' }, spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx:1.27' }] } });
    b.cluster.api.create<Pod>('pods', { metadata: { name: 'scratch', namespace: 'default' }, spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx:1.27' }], volumes: [{ name: 'tmp', emptyDir: {} }] } });
    b.cluster.advance(5000);
    const proxy = kubeProxyOn(b, 'node-1');
    const r = b.k('drain node-1 --ignore-daemonsets');
    // The filters stop at the first objection: scratch is reported for its emptyDir, lone for having no controller.
    const noController = 'cannot delete Pods that declare no controller (use --force to override): default/lone';
    const localStorage = 'cannot delete Pods with local storage (use --delete-emptydir-data to override): default/scratch';
    expect(r.stderr).toBe(
      `error: unable to drain node "node-1" due to error: [${noController}, ${localStorage}], continuing command...\nThere are pending nodes to be drained:\n node-1\n${noController}\n${localStorage}\n`,
    );
    const forced = b.k('drain node-1 --ignore-daemonsets --force');
    expect(forced.stderr).toBe(`error: unable to drain node "node-1" due to error: ${localStorage}, continuing command...\nThere are pending nodes to be drained:\n node-1\n${localStorage}\n`);
    const all = b.k('drain node-1 --ignore-daemonsets --force --delete-emptydir-data');
    expect(all.stderr).toBe(`Warning: deleting Pods that declare no controller: default/lone, default/scratch; ignoring DaemonSet-managed Pods: ${proxy}\n`);
    expect(all.stdout).toContain('evicting pod default/lone\nevicting pod default/scratch\n');
    expect(all.stdout).toContain('pod/lone evicted\n');
    expect(all.stdout.endsWith('node/node-1 drained\n')).toBe(true);
    expect(all.exitCode).toBe(0);
    // Unmanaged pods are gone for good; nothing recreates them.
    expect(b.k('get pod lone').stderr).toBe('Error from server (NotFound): pods "lone" not found\n');
  });

  test('with --ignore-daemonsets every other pod is evicted and rescheduled elsewhere', () => {
    const b = cluster();
    const targets = evictable(b, 'node-1');
    const proxy = kubeProxyOn(b, 'node-1');
    const start = b.cluster.now();
    const r = b.k('drain node-1 --ignore-daemonsets');
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    expect(lines[0]).toBe('node/node-1 cordoned');
    expect(lines.slice(1, 1 + targets.length)).toEqual(targets.map((p) => `evicting pod ${p}`));
    expect(lines.slice(1 + targets.length, -1).sort()).toEqual(targets.map((p) => `pod/${p.split('/')[1]} evicted`).sort());
    expect(lines.at(-1)).toBe('node/node-1 drained');
    expect(r.stderr).toBe(`Warning: ignoring DaemonSet-managed Pods: ${proxy}\n`);
    // Drain notices each pod gone at its next one-second poll after the eviction.
    const removed = targets.map((p) => b.cluster.sim.trace.entries({ object: `pods/${p}` }).find((e) => e.action === 'remove')!.t);
    expect(b.cluster.now() - start).toBe(Math.ceil((Math.max(...removed) - start) / 1000) * 1000);
    expect(evictable(b, 'node-1')).toEqual([]);
    expect(podsOn(b, 'node-1')).toEqual([proxy]);
    b.k('rollout status deployment/web');
    expect(evictable(b, 'node-2').filter((p) => p.startsWith('default/web-'))).toHaveLength(4);
  });

  test('a PodDisruptionBudget makes drain retry every 5 s until replacements are ready', () => {
    const b = cluster();
    pdb(b, 3);
    const web = evictable(b, 'node-1').filter((p) => p.startsWith('default/web-'));
    expect(web.length).toBeGreaterThan(1);
    const r = b.k('drain node-1 --ignore-daemonsets --pod-selector=app=web');
    const retries = r.stderr.split('\n').filter((l) => l.startsWith('error when evicting'));
    expect(retries.length).toBeGreaterThan(0);
    for (const line of retries) expect(web.map((p) => `error when evicting pods/"${p.split('/')[1]}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`)).toContain(line);
    expect(r.stderr.startsWith('Warning: ignoring DaemonSet-managed Pods')).toBe(false);
    expect(r.stdout.endsWith('node/node-1 drained\n')).toBe(true);
    // Each refused attempt printed its own `evicting pod` line before the retry.
    expect(r.stdout.split('\n').filter((l) => l.startsWith('evicting pod')).length).toBe(web.length + retries.length);
    // The terminal shows each refusal where kubectl printed it: right after its attempt, before "drained".
    const shown = (r.chunks ?? []).map((c) => c.text).join('').split('\n');
    for (const [i, line] of shown.entries()) {
      if (!line.startsWith('error when evicting')) continue;
      expect(shown[i - 1]).toBe(`evicting pod default/${/pods\/"([^"]+)"/.exec(line)![1]}`);
    }
    expect(shown.findLastIndex((l) => l.startsWith('error when evicting'))).toBeLessThan(shown.indexOf('node/node-1 drained'));
    expect(b.k('get pdb --no-headers').stdout).toMatch(/^web\s+3\s+N\/A\s+\d\s+/);
  });

  test('--timeout gives up while the budget still blocks and reports the pending pods', () => {
    const b = cluster(2);
    pdb(b, 2);
    const web = evictable(b, 'node-1').filter((p) => p.startsWith('default/web-'));
    expect(web).toHaveLength(1);
    const name = web[0]!.split('/')[1]!;
    const start = b.cluster.now();
    const r = b.k('drain node-1 --ignore-daemonsets --pod-selector app=web --timeout=12s');
    const error = `error when evicting pods/"${name}" -n "default": global timeout reached: 12s`;
    const retry = `error when evicting pods/"${name}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`;
    expect(r.stdout).toBe(`node/node-1 cordoned\n${`evicting pod default/${name}\n`.repeat(4)}`);
    expect(r.stderr).toBe(
      retry.repeat(3) +
        `There are pending pods in node "node-1" when an error occurred: ${error}\npod/${name}\n` +
        `error: unable to drain node "node-1" due to error: ${error}, continuing command...\nThere are pending nodes to be drained:\n node-1\n${error}\n`,
    );
    expect(r.exitCode).toBe(1);
    // Attempts at 0, 5, 10 s are refused; the one at 15 s finds the 12 s deadline passed.
    expect(b.cluster.now() - start).toBe(15_000);
  });

  test('--disable-eviction deletes straight through the budget', () => {
    const b = cluster(2);
    pdb(b, 2);
    const name = evictable(b, 'node-1').find((p) => p.startsWith('default/web-'))!.split('/')[1]!;
    const r = b.k('drain node-1 --ignore-daemonsets --pod-selector=app=web --disable-eviction --grace-period=10');
    expect(r.stdout).toBe(`node/node-1 cordoned\npod/${name} deleted\nnode/node-1 drained\n`);
    expect(r.exitCode).toBe(0);
  });

  test('--skip-wait-for-delete-timeout gives up on pods stuck in Terminating past their deadline', () => {
    const b = cluster(0);
    // A finalizer nobody removes keeps the pod in the API after the kubelet is done with it.
    const spec = { nodeName: 'node-1', terminationGracePeriodSeconds: 5, containers: [{ name: 'c', image: 'ghcr.io/clusterlab/stubborn:1.0' }] };
    b.cluster.api.create<Pod>('pods', { metadata: { name: 'stuck', namespace: 'default', labels: { name: 'stuck' }, finalizers: ['example.com/block'] }, spec });
    b.cluster.advance(5000);
    b.k('delete pod stuck --wait=false');
    b.cluster.advance(30_000);
    const deadline = Date.parse(b.cluster.api.get<Pod>('pods', 'default', 'stuck').metadata!.deletionTimestamp!);
    const flags = '--ignore-daemonsets --force --pod-selector=name=stuck';
    // Already more than 10 s past its deadline: not even listed for eviction.
    expect(b.k(`drain node-1 ${flags} --skip-wait-for-delete-timeout=10`).stdout).toBe('node/node-1 cordoned\nnode/node-1 drained\n');
    const start = b.cluster.now();
    const r = b.k(`drain node-1 ${flags} --skip-wait-for-delete-timeout=30`);
    expect(r.stdout).toBe('node/node-1 already cordoned\nevicting pod default/stuck\npod "stuck" has DeletionTimestamp older than 30 seconds, skipping\nnode/node-1 drained\n');
    // Polled every second until the pod was more than 30 whole seconds past its deadline.
    const wall = (ms: number) => b.cluster.config.epochMs + ms;
    let poll = start;
    while (Math.trunc((wall(poll) - deadline) / 1000) <= 30) poll += 1000;
    expect(b.cluster.now()).toBe(poll);
  });

  test('--dry-run=client lists what would be evicted and changes nothing', () => {
    const b = cluster();
    const targets = evictable(b, 'node-1');
    const r = b.k('drain node-1 --ignore-daemonsets --dry-run=client');
    expect(r.stdout).toBe(`node/node-1 cordoned (dry run)\n${targets.map((p) => `evicting pod ${p} (dry run)\n`).join('')}node/node-1 drained (dry run)\n`);
    expect(b.k('get nodes node-1 --no-headers').stdout).toMatch(/^node-1\s+Ready\s+/);
    expect(evictable(b, 'node-1')).toEqual(targets);
  });

  test('--dry-run=server asks the API server with dryRun: nothing is evicted, and drain does not wait', () => {
    const b = cluster();
    const targets = evictable(b, 'node-1');
    const before = b.cluster.now();
    const r = b.k('drain node-1 --ignore-daemonsets --dry-run=server');
    expect(r.stdout).toBe(`node/node-1 cordoned (server dry run)\n${targets.map((p) => `evicting pod ${p} (server dry run)\n`).join('')}node/node-1 drained (server dry run)\n`);
    expect(b.cluster.now()).toBe(before);
    b.cluster.advance(30_000);
    expect(evictable(b, 'node-1')).toEqual(targets);
    expect(b.k('get nodes node-1 --no-headers').stdout).toMatch(/^node-1\s+Ready\s+/);
  });

  test('--dry-run=server still meets the PodDisruptionBudget, and retries as a real eviction would', () => {
    const b = cluster();
    pdb(b, 4);
    const targets = evictable(b, 'node-1');
    const r = b.k('drain node-1 --ignore-daemonsets --dry-run=server --timeout=6s');
    expect(r.stderr).toContain("Cannot evict pod as it would violate the pod's disruption budget.");
    expect(r.exitCode).toBe(1);
    expect(evictable(b, 'node-1')).toEqual(targets);
  });
});

describe('PodDisruptionBudget helpers for create and describe', () => {
  const ctxWith = (b: Bench, argv: string[]): KubectlContext => ({
    cluster: b.cluster,
    host: b.host,
    flags: new Flags(parseFlags(argv, CREATE_PDB_FLAGS)),
    stdin: '',
    namespace: 'default',
    explicitNamespace: false,
    verb: 'create',
    out: [],
    err: [],
    exitCode: 0,
  });

  test('create pdb builds the object kubectl sends, with its validation errors', () => {
    const b = cluster(0);
    const pdb = podDisruptionBudgetObject(ctxWith(b, ['--selector=app=web', '--min-available=50%']), 'web');
    expect(pdb).toMatchObject({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', spec: { minAvailable: '50%', selector: { matchLabels: { app: 'web' } } } });
    // Like every generator, it names a namespace only when -n was given.
    expect(pdb.metadata).toEqual({ name: 'web' });
    expect(podDisruptionBudgetObject(ctxWith(b, ['--selector', 'tier in (web,api)', '--max-unavailable', '1']), 'x')).toMatchObject({
      spec: { maxUnavailable: 1, selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }] } },
    });
    const message = (argv: string[]) => {
      try {
        podDisruptionBudgetObject(ctxWith(b, argv), 'x');
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(message(['--min-available=1'])).toBe('error: a selector must be specified');
    expect(message(['--selector=app=web'])).toBe('error: one of min-available or max-unavailable must be specified');
    expect(message(['--selector=app=web', '--min-available=1', '--max-unavailable=1'])).toBe('error: min-available and max-unavailable cannot be both specified');
    expect(message(['--selector=app=web', '--min-available=10Gb'])).toBe('error: invalid format specified for min-available');
  });

  test('describe pdb shows the budget and its status', () => {
    const b = cluster(4);
    pdb(b, 3);
    const budget = b.cluster.api.get<PodDisruptionBudget>('poddisruptionbudgets', 'default', 'web');
    expect(describePodDisruptionBudget(budget, [], b.cluster.config.epochMs + b.cluster.now())).toBe(
      'Name:           web\nNamespace:      default\nMin available:  3\nSelector:       app=web\nStatus:\n    Allowed disruptions:  1\n    Current:              4\n    Desired:              3\n    Total:                4\nEvents:                   <none>\n',
    );
  });
});

describe('the kubelet announces a cordon on its node', () => {
  test('NodeNotSchedulable within one status update, NodeSchedulable after uncordon, both under describe node', () => {
    const b = bench({ components: DEFAULT_COMPONENTS });
    b.k('cordon node-2');
    b.cluster.advance(10_000);
    b.k('uncordon node-2');
    b.cluster.advance(10_000);
    const events = b.k('get events --field-selector involvedObject.kind=Node -o custom-columns=REASON:.reason,UID:.involvedObject.uid,FROM:.source.component --no-headers').stdout;
    const schedulable = events.split('\n').filter((line) => /^Node(Not)?Schedulable /.test(line)).map((line) => line.split(/\s+/));
    expect(schedulable).toEqual([['NodeNotSchedulable', 'node-2', 'kubelet'], ['NodeSchedulable', 'node-2', 'kubelet']]);
    const described = b.k('describe node node-2').stdout;
    expect(described).toMatch(/ {2}Normal {2}NodeNotSchedulable +\d+s +kubelet +Node node-2 status is now: NodeNotSchedulable\n/);
    expect(described).toContain('Node node-2 status is now: NodeSchedulable\n');
  });
});
