import { describe, expect, it } from 'vitest';
import {
  allOf,
  commandWasRun,
  createdDuringLab,
  deploymentRolledOut,
  eventSeen,
  fileContains,
  noFailedRequests,
  objectExists,
  podPhasesSeen,
  podRunningOnNode,
  rulesOnEveryNodeExclude,
  serviceHasReadyEndpoints,
  traceSeen,
  withHint,
} from '../../src/labs/checks/index';
import type { NodeProxy } from '../../src/engine/kube-proxy/types';
import type { TrafficRecord } from '../../src/engine/network/types';
import { fakeView, startLab } from './helpers';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  nodeName: node-1
  containers:
  - name: nginx
    image: nginx:1.27
`;

describe('object checks', () => {
  it('objectExists names the missing object, then the first field that differs', () => {
    const { run, view } = startLab();
    const check = objectExists('pods', 'default', 'web', { 'spec.containers[0].image': 'nginx:1.28' });
    expect(check(view())).toEqual({ pass: false, message: 'there is no Pod "web" in namespace default' });
    run('kubectl run web --image=nginx:1.27');
    expect(check(view())).toEqual({ pass: false, message: 'Pod "web" in namespace default has spec.containers[0].image "nginx:1.27", expected "nginx:1.28"' });
    expect(objectExists('pod', undefined, 'web', { 'metadata.labels.run': 'web' })(view())).toEqual({ pass: true, message: 'Pod "web" in namespace default exists with metadata.labels.run as expected' });
    expect(objectExists('nodes', undefined, 'node-9')(view())).toEqual({ pass: false, message: 'there is no Node "node-9"' });
  });

  it('podRunningOnNode explains a Pending pod with the scheduler message, then passes once it runs', () => {
    const { lab, run, view } = startLab();
    run('kubectl run big --image=nginx:1.27 --overrides=\'{"spec":{"nodeSelector":{"disk":"ssd"}}}\'');
    run('cat > web.yaml <<EOF\n' + POD + 'EOF');
    run('kubectl apply -f web.yaml');
    lab.advanceTo(lab.now() + 1000);
    expect(podRunningOnNode('default', 'web', 'node-2')(view()).message).toBe('Pod "web" in namespace default is Pending on node-1 (ContainerCreating)');
    lab.advanceTo(lab.now() + 10_000);
    expect(podRunningOnNode('default', 'web', 'node-2')(view())).toEqual({ pass: false, message: 'Pod "web" in namespace default runs on node-1, not on node-2' });
    expect(podRunningOnNode('default', 'web', 'node-1')(view())).toEqual({ pass: true, message: 'Pod "web" in namespace default is Running on node-1' });
    expect(podRunningOnNode('default', 'nope')(view()).message).toBe('there is no Pod "nope" in namespace default');
  });

  it('podRunningOnNode quotes why the scheduler left a Pod unscheduled', () => {
    const { lab, run, view } = startLab();
    run(`cat > big.yaml <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: big
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests:
        cpu: "64"
EOF`);
    run('kubectl apply -f big.yaml');
    lab.advanceTo(lab.now() + 1000);
    expect(podRunningOnNode('default', 'big')(view()).message).toBe(
      'Pod "big" in namespace default is Pending and not scheduled: 0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it('deploymentRolledOut follows a rollout to the new image', () => {
    const { lab, run, view } = startLab();
    const check = deploymentRolledOut('default', 'web', 'nginx:1.28');
    run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    expect(check(view()).message).toBe('Deployment "web" in namespace default runs nginx:1.27, not nginx:1.28');
    lab.advanceTo(lab.now() + 30_000);
    run('kubectl set image deployment/web nginx=nginx:1.28');
    expect(check(view()).message).toBe('Deployment "web" in namespace default: the Deployment controller has not seen the change to nginx:1.28 yet');
    lab.advanceTo(lab.now() + 1000);
    expect(check(view()).pass).toBe(false);
    run('kubectl rollout status deployment/web');
    expect(check(view())).toEqual({ pass: true, message: 'Deployment "web" in namespace default rolled out: 2 of 2 replicas run nginx:1.28' });
  });
});

describe('history checks', () => {
  it('createdDuringLab ignores what the setup created', () => {
    const { run, view } = startLab({ setup: { manifests: [POD] } });
    expect(createdDuringLab('pods', 'default', 'web')(view())).toEqual({ pass: false, message: 'Pod "web" in namespace default was not created during this lab' });
    run('kubectl delete pod web --grace-period=0 --force');
    run('kubectl apply -f - <<EOF\n' + POD + 'EOF');
    expect(createdDuringLab('pods', 'default', 'web')(view()).pass).toBe(true);
  });

  it('podPhasesSeen reads the phases from the history, not the end state', () => {
    const { lab, run, view } = startLab();
    const check = podPhasesSeen('default', 'web', ['Pending', 'Running']);
    expect(check(view()).message).toBe('Pod "web" in namespace default has been nothing yet; expected to see Pending → Running');
    run('kubectl run web --image=nginx:1.27');
    expect(check(view()).message).toBe('Pod "web" in namespace default has been Pending; expected to see Pending → Running');
    lab.advanceTo(lab.now() + 10_000);
    expect(check(view())).toEqual({ pass: true, message: 'Pod "web" in namespace default went Pending → Running' });
  });
});

describe('transcript, file, event and trace checks', () => {
  it('commandWasRun needs the command, its success and its output', () => {
    const { lab, run, view } = startLab();
    const check = commandWasRun(/etcdctl get/, { output: '/registry/pods/default/web' });
    expect(check(view())).toEqual({ pass: false, message: 'you have not run a command matching /etcdctl get/ yet' });
    run('etcdctl get /registry/pods --prefix --keys-only');
    expect(check(view())).toEqual({ pass: false, message: "you ran 'etcdctl get /registry/pods --prefix --keys-only' but its output did not show \"/registry/pods/default/web\"" });
    run('etcdctl get --bogus');
    expect(check(view()).message).toBe("you ran 'etcdctl get --bogus' but it exited with status 1");
    run('kubectl run web --image=nginx:1.27');
    run('etcdctl get /registry/pods --prefix --keys-only');
    expect(check(view())).toEqual({ pass: true, message: "you ran: 'etcdctl get /registry/pods --prefix --keys-only'" });
    expect(commandWasRun('etcdctl', { sinceMs: lab.now() + 1 })(view()).pass).toBe(false);
  });

  it('fileContains reads the files of the workstation and of every node', () => {
    const { run, view } = startLab({ setup: { files: { 'notes/a.txt': 'hello\n' } } });
    expect(fileContains('/root/notes/a.txt', 'hello')(view())).toEqual({ pass: true, message: '/root/notes/a.txt on workstation contains "hello"' });
    expect(fileContains('/root/notes/a.txt', /^bye/m)(view())).toEqual({ pass: false, message: '/root/notes/a.txt on workstation does not contain text matching /^bye/m' });
    expect(fileContains('/root/b.txt', 'x')(view()).message).toBe('there is no file /root/b.txt on workstation');
    run('echo node-2 > b.txt');
    expect(fileContains('/root/b.txt', 'node-2')(view()).pass).toBe(true);
    expect(fileContains('/etc/hosts', 'node-1', 'node-1')(view()).pass).toBe(true);
    expect(fileContains('/root/notes/a.txt', 'x', 'node-1')(view()).message).toBe('there is no file /root/notes/a.txt on node-1');
  });

  it('eventSeen and traceSeen find what components recorded', () => {
    const { lab, run, view } = startLab();
    expect(eventSeen({ reason: 'Started', object: 'pod/web' })(view())).toEqual({ pass: false, message: 'no event Started about pod/web has been recorded' });
    run('kubectl run web --image=nginx:1.27');
    lab.advanceTo(lab.now() + 10_000);
    expect(eventSeen({ reason: 'Started', object: 'pod/web', type: 'Normal' })(view())).toEqual({ pass: true, message: 'event Started about pod/web: Started container web' });
    expect(eventSeen({ reason: 'Scheduled', object: 'Pod/web', message: 'to node-' })(view()).pass).toBe(true);
    const bind = traceSeen({ component: 'scheduler', action: 'bind', object: 'pods/default/web' });
    expect(bind(view()).message).toMatch(/^scheduler bind at 0\.00\ds: bound default\/web to node-\d$/);
    expect(traceSeen({ component: 'scheduler', action: 'bind', object: 'pods/default/db', describe: 'binding of db' })(view())).toEqual({ pass: false, message: 'the trace shows no binding of db yet' });
  });
});

describe('network checks (on views given traffic and proxies)', () => {
  const req = (t: number, extra: Partial<TrafficRecord> = {}): TrafficRecord => ({ t, client: 'load/web', method: 'GET', url: 'http://web/', status: 200, latencyMs: 2, ...extra });

  it('noFailedRequests counts failures in the window and demands traffic', () => {
    const traffic = [req(1000), req(2000, { status: undefined, error: 'connection-refused', endpoint: '10.244.1.5:80' }), req(3000, { status: 503 }), req(9000)];
    const view = fakeView({ traffic: () => traffic });
    expect(noFailedRequests()(view)).toEqual({ pass: false, message: '2 of 4 requests between 0.000s and now failed; the first at 2.000s: GET http://web/ → connection-refused (endpoint 10.244.1.5:80)' });
    expect(noFailedRequests({ fromMs: 4000 })(view)).toEqual({ pass: true, message: 'all 1 requests between 4.000s and now succeeded' });
    expect(noFailedRequests({ fromMs: 4000, toMs: 8000 })(view)).toEqual({ pass: false, message: 'only 0 requests were sent between 4.000s and 8.000s; at least 1 are needed to judge' });
    expect(noFailedRequests({ client: 'workstation' })(view).pass).toBe(false);
  });

  it('rulesOnEveryNodeExclude names the nodes whose rules still route to an IP', () => {
    const proxy = (nodeName: string, endpoints: string[]): NodeProxy => ({
      nodeName,
      mode: 'iptables',
      lastSyncMs: 0,
      route: () => ({ kind: 'none', evaluated: 0 }),
      programmed: () => [{ servicePort: 'default/web:', clusterIP: '10.96.0.10', port: 80, protocol: 'TCP', endpoints }],
    });
    const stale = fakeView({ proxies: () => [proxy('node-1', ['10.244.1.5:80']), proxy('node-2', ['10.244.1.5:80', '10.244.2.3:80'])] });
    expect(rulesOnEveryNodeExclude('10.244.1.5')(stale)).toEqual({ pass: false, message: 'the rules on node-1, node-2 still mention 10.244.1.5' });
    const synced = fakeView({ proxies: () => [proxy('node-1', ['10.244.2.3:80']), proxy('node-2', ['10.244.2.3:80'])] });
    expect(rulesOnEveryNodeExclude('10.244.1.5')(synced)).toEqual({ pass: true, message: "no node's rules mention 10.244.1.5 (2 nodes checked)" });
    expect(rulesOnEveryNodeExclude('10.96.0.10')(synced).pass).toBe(false);
    expect(rulesOnEveryNodeExclude('10.244.1.5')(fakeView({})).message).toBe('no node runs kube-proxy in this lab, so no rules can be checked');
  });

  it('serviceHasReadyEndpoints counts ready addresses of the EndpointSlices', () => {
    const slice = { metadata: { name: 'web-abc', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } }, addressType: 'IPv4', endpoints: [
      { addresses: ['10.244.1.5'], conditions: { ready: true } },
      { addresses: ['10.244.2.3'], conditions: { ready: false } },
    ] };
    const view = (withService: boolean) =>
      fakeView({ get: ((resource: string) => (withService && resource === 'services' ? { metadata: { name: 'web' } } : undefined)) as never, list: ((resource: string) => (resource === 'endpointslices' ? [slice] : [])) as never });
    expect(serviceHasReadyEndpoints('default', 'web', 2)(view(true))).toEqual({ pass: false, message: 'Service "web" in namespace default has 1 ready endpoints (10.244.1.5), expected 2' });
    expect(serviceHasReadyEndpoints('default', 'web', 1)(view(true))).toEqual({ pass: true, message: 'Service "web" in namespace default has 1 ready endpoints: 10.244.1.5' });
    expect(serviceHasReadyEndpoints('default', 'web', 1)(view(false)).message).toBe('there is no Service "web" in namespace default');
  });
});

describe('combinators', () => {
  it('allOf stops at the first failure; withHint points at a hint', () => {
    const yes = () => ({ pass: true, message: 'a' });
    const no = () => ({ pass: false, message: 'b' });
    const view = fakeView({});
    expect(allOf(yes, yes)(view)).toEqual({ pass: true, message: 'a; a' });
    expect(allOf(yes, no, () => { throw new Error('not reached'); })(view)).toEqual({ pass: false, message: 'b' });
    expect(withHint(no, 1)(view)).toEqual({ pass: false, message: 'b', hint: 1 });
    expect(withHint(yes, 1)(view)).toEqual({ pass: true, message: 'a' });
  });
});
