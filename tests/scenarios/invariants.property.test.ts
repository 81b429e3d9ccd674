import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { Pod } from 'kubernetes-types/core/v1';
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { Session } from '../../src/cli/session';
import type { Cluster } from '../../src/engine/cluster';

const NAMES = ['api', 'web', 'db'];
const IMAGES = ['nginx:1.27', 'nginx:1.28', 'busybox:1.36', 'ngnix:broken'];

const deploymentYaml = (name: string, replicas: number, image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: main
        image: ${image}
        command: ${image.startsWith('busybox') ? '["sleep", "3600"]' : '[]'}
`;

const name = fc.constantFrom(...NAMES);
const command = fc.oneof(
  fc.tuple(name, fc.integer({ min: 0, max: 4 }), fc.constantFrom(...IMAGES)).map(
    ([n, r, i]) => `kubectl apply -f - <<EOF\n${deploymentYaml(n, r, i)}EOF`,
  ),
  fc.tuple(name, fc.integer({ min: 0, max: 5 })).map(([n, r]) => `kubectl scale deployment/${n} --replicas=${r}`),
  fc.tuple(name, fc.constantFrom(...IMAGES)).map(([n, i]) => `kubectl set image deployment/${n} main=${i}`),
  name.map((n) => `kubectl delete deployment ${n} --wait=false`),
  name.map((n) => `kubectl rollout undo deployment/${n}`),
  fc.integer({ min: 0, max: 2 }).map((i) => `kubectl delete pod $(kubectl get pods -o name | sed -n ${i + 1}p | cut -d/ -f2) --wait=false`),
  fc.integer({ min: 1, max: 40 }).map((s) => `sim advance ${s}s`),
  fc.constantFrom('kubectl get all -o wide', 'kubectl get events', 'kubectl describe deployments', 'etcdctl get /registry --prefix --keys-only'),
);

/** Things that hold in every reachable state of a real cluster. */
function checkInvariants(cluster: Cluster): void {
  const pods = cluster.api.list<Pod>('pods').items;
  const nodes = new Set(cluster.api.list('nodes').items.map((n) => n.metadata?.name));
  for (const pod of pods) if (pod.spec?.nodeName) expect(nodes.has(pod.spec.nodeName), `pod ${pod.metadata?.name} on a missing node`).toBe(true);
  // hostNetwork pods (kube-proxy, the control plane's static pods) share their node's address.
  const live = pods.filter((p) => p.status?.podIP && p.status.phase === 'Running' && !p.spec?.hostNetwork);
  const ips = live.map((p) => p.status!.podIP);
  expect(new Set(ips).size, `duplicate pod IPs: ${ips.join(' ')}`).toBe(ips.length);
}

/** After things settle, each ReplicaSet owns exactly spec.replicas pods that are not terminating. */
function checkConverged(cluster: Cluster): void {
  const pods = cluster.api.list<Pod>('pods').items.filter((p) => !p.metadata?.deletionTimestamp);
  for (const rs of cluster.api.list<ReplicaSet>('replicasets').items) {
    if (rs.metadata?.deletionTimestamp) continue;
    const owned = pods.filter((p) => p.metadata?.ownerReferences?.some((o) => o.uid === rs.metadata?.uid));
    expect(owned.length, `ReplicaSet ${rs.metadata?.name}`).toBe(rs.spec?.replicas);
  }
}

describe('Property: random command sequences', () => {
  test('never crash a command, keep invariants after every step, and converge', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.array(command, { minLength: 1, maxLength: 14 }), (seed, inputs) => {
        const session = new Session({ seed });
        let revision = session.cluster.store.revision;
        for (const input of inputs) {
          const { output } = session.run(input);
          expect(output, `seed=${seed} input=${input}`).not.toMatch(/internal error|TypeError|undefined is not/);
          checkInvariants(session.cluster);
          expect(session.cluster.store.revision).toBeGreaterThanOrEqual(revision);
          revision = session.cluster.store.revision;
        }
        session.run('sim advance 10m');
        checkInvariants(session.cluster);
        checkConverged(session.cluster);
      }),
      { numRuns: 40, seed: 20261123 },
    );
  });
});
