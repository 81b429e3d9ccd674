import { describe, expect, test } from 'vitest';
import { podStatuses, sessionWithWebYaml, sh } from './support';

describe('Cluster: a Deployment from apply to Running (nodes=3, seed=1)', () => {
  test('pods go Pending -> ContainerCreating -> Running in virtual time', () => {
    const s = sessionWithWebYaml();
    expect(sh(s, 'kubectl apply -f web.yaml')).toBe('deployment.apps/web created\n');
    sh(s, 'sleep 0.005');
    expect(podStatuses(s).map((l) => l.split(' ').slice(1).join(' '))).toEqual(['0/1 Pending', '0/1 Pending', '0/1 Pending']);
    sh(s, 'sleep 1');
    expect(podStatuses(s).every((l) => l.endsWith('0/1 ContainerCreating'))).toBe(true);
    sh(s, 'sleep 10');
    expect(podStatuses(s).every((l) => l.endsWith('1/1 Running'))).toBe(true);
    expect(sh(s, 'kubectl get deploy web --no-headers')).toMatch(/^web\s+3\/3\s+3\s+3\s+11s\n$/);
  });

  test("a pod's events come in the order the components acted, with the kubelet's texts", () => {
    const s = sessionWithWebYaml();
    sh(s, 'kubectl apply -f web.yaml');
    sh(s, 'sim advance 30s');
    const pod = sh(s, 'kubectl get pods -o name | head -1').trim().replace('pod/', '');
    const events = sh(s, `kubectl describe pod ${pod}`).split('Events:')[1]!;
    const reasons = events.split('\n').slice(3).map((l) => l.trim().split(/\s+/)[1]).filter(Boolean);
    expect(reasons).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    expect(events).toContain(`default-scheduler  Successfully assigned default/${pod} to node-`);
    expect(events).toMatch(/kubelet\s+Pulling image "nginx:1.27"\n/);
    expect(events).toMatch(/kubelet\s+Created container: nginx\n/);
  });

  test('on 1.35 the kubelet says "Container created" and kubectl prefixes the container field path', () => {
    const s = sessionWithWebYaml({ kubernetesVersion: '1.35.0' });
    sh(s, 'kubectl apply -f web.yaml');
    sh(s, 'sim advance 30s');
    const pod = sh(s, 'kubectl get pods -o name | head -1').trim().replace('pod/', '');
    const events = sh(s, `kubectl describe pod ${pod}`).split('Events:')[1]!;
    expect(events).toMatch(/kubelet\s+spec.containers\{nginx\}: Container created\n/);
  });

  test('every pod is stored in etcd under /registry/pods/<namespace>/<name>', () => {
    const s = sessionWithWebYaml();
    sh(s, 'kubectl apply -f web.yaml');
    sh(s, 'sim advance 5s');
    const names = sh(s, 'kubectl get pods -o name').trim().split('\n').map((n) => n.replace('pod/', ''));
    const keys = sh(s, 'etcdctl get /registry/pods/default/ --prefix --keys-only').split('\n').filter(Boolean);
    expect(keys).toEqual(names.map((n) => `/registry/pods/default/${n}`));
    expect(sh(s, `etcdctl get /registry/pods/default/${names[0]} | tail -1`)).toContain('"kind":"Pod"');
  });

  test('a deleted pod is replaced by a new one with a new name', () => {
    const s = sessionWithWebYaml();
    sh(s, 'kubectl apply -f web.yaml');
    sh(s, 'sim advance 30s');
    const before = sh(s, 'kubectl get pods -o name').trim().split('\n');
    expect(sh(s, `kubectl delete ${before[0]}`)).toBe(`${before[0]!.replace('pod/', 'pod "')}" deleted from default namespace\n`);
    sh(s, 'sim advance 30s');
    const after = sh(s, 'kubectl get pods -o name').trim().split('\n');
    expect(after).toHaveLength(3);
    expect(after).not.toContain(before[0]);
    expect(podStatuses(s).every((l) => l.endsWith('1/1 Running'))).toBe(true);
  });

  test('a pod without a controller can be deleted while the Deployment controller runs', () => {
    const s = sessionWithWebYaml();
    sh(s, 'kubectl run solo --image=nginx:1.27');
    sh(s, 'sim advance 20s');
    expect(sh(s, 'kubectl delete pod solo')).toBe('pod "solo" deleted from default namespace\n');
    expect(s.run('kubectl get pod solo').output).toBe('Error from server (NotFound): pods "solo" not found\n');
  });

  test('a rollout to a new image finishes, and undo goes back to the first ReplicaSet', () => {
    const s = sessionWithWebYaml();
    sh(s, 'kubectl apply -f web.yaml');
    sh(s, 'kubectl rollout status deployment/web');
    const firstRs = sh(s, 'kubectl get rs -o name').trim();
    expect(sh(s, 'kubectl set image deployment/web nginx=nginx:1.28')).toBe('deployment.apps/web image updated\n');
    const status = sh(s, 'kubectl rollout status deployment/web');
    expect(status.trim().split('\n').at(-1)).toBe('deployment "web" successfully rolled out');
    expect(sh(s, 'kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].image}')).toBe('nginx:1.28');
    expect(sh(s, 'kubectl rollout undo deployment/web')).toBe('deployment.apps/web rolled back\n');
    sh(s, 'kubectl rollout status deployment/web');
    expect(sh(s, 'kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].image}')).toBe('nginx:1.27');
    const rsLines = sh(s, 'kubectl get rs --no-headers').trim().split('\n');
    expect(rsLines.find((l) => l.startsWith(firstRs.replace('replicaset.apps/', '')))).toMatch(/\s3\s+3\s+3\s/);
  });
});

describe('Cluster: scheduling', () => {
  test('a pod that fits no node stays Pending and says why', () => {
    const s = sessionWithWebYaml();
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: huge
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests:
        cpu: "64"
`;
    s.fs.write('/root/huge.yaml', pod);
    sh(s, 'kubectl apply -f huge.yaml');
    sh(s, 'sim advance 10s');
    expect(sh(s, 'kubectl get pod huge --no-headers')).toMatch(/^huge\s+0\/1\s+Pending\s+0\s+10s\n$/);
    expect(sh(s, 'kubectl describe pod huge')).toMatch(/Warning\s+FailedScheduling\s+.*0\/3 nodes are available: 1 node\(s\) had untolerated taint.*2 Insufficient cpu\./);
  });
});
