import { describe, expect, test } from 'vitest';
import type { Event, Node } from 'kubernetes-types/core/v1';
import { Session } from '../../../src/cli/session';
import type { Kubelet } from '../../../src/engine/kubelet/kubelet';

/** Reason, source component and message of the Events about a node, in the order they were written. */
function nodeEvents(s: Session, node: string): string[] {
  return s.cluster.api
    .list<Event>('events', 'default')
    .items.filter((e) => e.involvedObject.kind === 'Node' && e.involvedObject.name === node)
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .map((e) => `${e.reason} ${e.source?.component ?? e.reportingComponent}: ${e.message ?? ''}`);
}

/** What a starting kubelet records about its node, with its conditions becoming healthy. */
const kubeletStart = (node: string) => [
  'Starting kubelet: Starting kubelet.',
  'NodeAllocatableEnforced kubelet: Updated Node Allocatable limit across pods',
  `NodeHasSufficientMemory kubelet: Node ${node} status is now: NodeHasSufficientMemory`,
  `NodeHasNoDiskPressure kubelet: Node ${node} status is now: NodeHasNoDiskPressure`,
  `NodeHasSufficientPID kubelet: Node ${node} status is now: NodeHasSufficientPID`,
  `NodeReady kubelet: Node ${node} status is now: NodeReady`,
];

describe('what a fresh node records as it comes up', () => {
  test("the kubelet's start, its conditions, the node controller's registration and kube-proxy's start, as describe node shows them", () => {
    const s = new Session({ seed: 1 });
    s.run('sleep 1m');
    expect(nodeEvents(s, 'node-1')).toEqual([
      ...kubeletStart('node-1'),
      'Starting kube-proxy: ',
      'RegisteredNode node-controller: Node node-1 event: Registered Node node-1 in Controller',
    ]);
    const events = s.run('kubectl describe node node-1').output.split('Events:\n')[1]!;
    // kube-proxy's Event has no lastTimestamp (events.k8s.io), so describe's sort puts it first.
    expect(events.split('\n').slice(2, 4)).toEqual([
      '  Normal  Starting                 58s   kube-proxy       ',
      '  Normal  Starting                 60s   kubelet          Starting kubelet.',
    ]);
  });

  test('the kubelet names the node by name as uid; the node controller by its real uid and apiVersion', () => {
    const s = new Session({ seed: 1 });
    s.run('sleep 10');
    const node = s.cluster.api.get<Node>('nodes', undefined, 'node-2');
    const about = (reason: string) => s.cluster.api.list<Event>('events', 'default').items.find((e) => e.reason === reason && e.involvedObject.name === 'node-2')!;
    expect(about('NodeReady').involvedObject).toEqual({ kind: 'Node', name: 'node-2', uid: 'node-2' });
    expect(about('RegisteredNode').involvedObject).toEqual({ apiVersion: 'v1', kind: 'Node', name: 'node-2', uid: node.metadata!.uid });
    // kube-proxy's note is empty, and core/v1's message is omitempty.
    const kubeProxy = s.cluster.api.list<Event>('events', 'default').items.find((e) => e.reportingComponent === 'kube-proxy' && e.involvedObject.name === 'node-2')!;
    expect(kubeProxy).toMatchObject({ reason: 'Starting', action: 'StartKubeProxy', reportingInstance: 'kube-proxy-node-2', source: {} });
    expect(kubeProxy).not.toHaveProperty('message');
  });

  test('a restarted kubelet writes new Events from a new process, and NodeReady once the node had gone Unknown', () => {
    const s = new Session({ seed: 1 });
    s.run('sleep 10');
    const kubelet = s.cluster.nodeAgent('node-1') as Kubelet;
    kubelet.stop();
    s.run('sleep 2m');
    expect(s.run("kubectl get node node-1 -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}'").output).toBe('Unknown');
    kubelet.resume();
    s.run('sleep 10');
    const after = nodeEvents(s, 'node-1').slice(8);
    expect(after).toEqual([
      'NodeNotReady node-controller: Node node-1 status is now: NodeNotReady',
      ...kubeletStart('node-1'),
    ]);
    // Two separate "Starting kubelet." Events, each with count 1: the new process's recorder
    // knew nothing of the old one's.
    const starts = s.cluster.api.list<Event>('events', 'default').items.filter((e) => e.involvedObject.name === 'node-1' && e.reason === 'Starting' && e.source?.component === 'kubelet');
    expect(starts.map((e) => e.count)).toEqual([1, 1]);
  });

  test('a deleted node is removed from the node controller, which says so', () => {
    const s = new Session({ seed: 1 });
    s.run('sleep 10');
    s.run('kubectl delete node node-2');
    s.run('sleep 10');
    expect(nodeEvents(s, 'node-2').at(-1)).toBe('RemovingNode node-controller: Node node-2 event: Removing Node node-2 from Controller');
  });
});

describe('Events draw from their own random stream', () => {
  test('recording one more Event does not change the names and uids of the pods created after it', () => {
    const pods = (extraEvent: boolean) => {
      const s = new Session({ seed: 4 });
      s.run('sleep 5');
      if (extraEvent) {
        const nodeRef = { kind: 'Node', metadata: { name: 'node-1', uid: 'node-1' } };
        s.cluster.cp.events.record({ object: nodeRef, type: 'Warning', reason: 'InvalidDiskCapacity', message: 'invalid capacity 0 on image filesystem', component: 'kubelet', host: 'node-1' });
      }
      s.run('kubectl create deployment web --image=nginx:1.27 --replicas=3');
      s.run('sleep 10');
      return s.run('kubectl get pods -o custom-columns=NAME:.metadata.name,UID:.metadata.uid,IP:.status.podIP --no-headers').output;
    };
    expect(pods(true)).toBe(pods(false));
  });
});
