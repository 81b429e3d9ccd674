import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/cli/session';
import { Cluster } from '../../../src/engine/cluster';
import { networkOf } from '../../../src/engine/network/index';

/** The default cluster: real kube-proxy, endpoint controllers, CoreDNS, ingress, network. */
function defaultSession(): { session: Session; sh: (line: string) => string } {
  const session = new Session({ seed: 11, workers: 2 });
  return { session, sh: (line) => session.run(line).output };
}

describe('network scenarios on the default cluster', () => {
  it('a selectorless Service with hand-made Endpoints routes to the given address', () => {
    const { session, sh } = defaultSession();
    sh('kubectl run backend --image=nginx:1.27');
    sh('sleep 10');
    const ip = sh("kubectl get pod backend -o jsonpath='{.status.podIP}'");
    session.fs.write('/root/manual.yaml', `apiVersion: v1
kind: Service
metadata:
  name: manual
spec:
  ports:
  - port: 8000
    targetPort: 80
---
apiVersion: v1
kind: Endpoints
metadata:
  name: manual
subsets:
- addresses:
  - ip: ${ip}
  ports:
  - port: 80
`);
    sh('kubectl apply -f manual.yaml');
    sh('sleep 5');
    const clusterIP = sh("kubectl get svc manual -o jsonpath='{.spec.clusterIP}'");
    sh('ssh node-1');
    expect(sh(`curl -s -o /dev/null -w '%{http_code}' http://${clusterIP}:8000/`)).toBe('200');
    const r = networkOf(session.cluster)!.request({ kind: 'node', node: 'node-1' }, `http://${clusterIP}:8000/`);
    expect(r.conn?.endpoint).toBe(`${ip}:80`);
    expect(r.conn?.pod).toBe('default/backend');
  });

  it('pods resolve Services through CoreDNS pods and the kube-dns rules', () => {
    const { sh } = defaultSession();
    sh('kubectl create deployment web --image=nginx:1.27 --replicas=3');
    sh('kubectl expose deployment web --port=80');
    sh('kubectl run box --image=busybox:1.37 -- sleep 3600');
    sh('sleep 20');
    expect(sh('kubectl exec box -- wget -qO- web | head -4 | tail -1')).toBe('<title>Welcome to nginx!</title>\n');
    expect(sh('kubectl exec box -- nslookup kubernetes.default')).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n');
  });

  it('stops answering DNS when CoreDNS has no endpoints', () => {
    const { sh } = defaultSession();
    sh('kubectl run box --image=busybox:1.37 -- sleep 3600');
    sh('sleep 15');
    sh('kubectl -n kube-system scale deployment coredns --replicas=0');
    sh('sleep 10');
    expect(sh('kubectl exec box -- nslookup kubernetes.default')).toBe(';; connection timed out; no servers could be reached\n\ncommand terminated with exit code 1\n');
  });

  it('a deleted pod loses requests until kube-proxy has synced its endpoint away', () => {
    const { session, sh } = defaultSession();
    sh('kubectl create deployment web --image=ghcr.io/clusterlab/http-app:1.0 --replicas=3');
    sh('kubectl expose deployment web --port=80 --target-port=8080');
    sh('sleep 20');
    const ip = sh("kubectl get svc web -o jsonpath='{.spec.clusterIP}'");
    sh(`sim load start bg --from node/node-1 --url http://${ip}/ --rps 1000`);
    sh('sleep 1');
    const victim = sh("kubectl get pods -o jsonpath='{.items[0].metadata.name} {.items[0].status.podIP}'").split(' ');
    sh(`kubectl delete pod ${victim[0]} --wait=false`);
    sh('sleep 5');
    const records = networkOf(session.cluster)!.records();
    const failed = records.filter((r) => r.error);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((r) => r.endpoint === `${victim[1]}:8080` && r.node === 'node-1')).toBe(true);
    expect(records.slice(-300).every((r) => r.status === 200)).toBe(true);
  });

  it('a cluster restored from a snapshot carries on with the same traffic and conntrack', () => {
    const { session, sh } = defaultSession();
    sh('kubectl create deployment web --image=nginx:1.27 --replicas=3');
    sh('kubectl expose deployment web --port=80');
    sh('sleep 15');
    sh(`sim load start bg --from node/node-1 --url http://${sh("kubectl get svc web -o jsonpath='{.spec.clusterIP}'")}/ --rps 5`);
    sh('sim load start bg2 --from node/node-2 --url http://172.18.0.2/ --rps 5');
    sh('sleep 2');
    const copy = Cluster.restore(session.cluster.snapshot());
    session.cluster.advance(5000);
    copy.advance(5000);
    expect(copy.stateHash()).toBe(session.cluster.stateHash());
    expect(networkOf(copy)!.records().length).toBe(networkOf(session.cluster)!.records().length);
  });
});
