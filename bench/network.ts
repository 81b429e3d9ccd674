/**
 * Network figures: how many simulated HTTP requests the engine carries per wall-clock second,
 * through DNS, kube-proxy's rules and the nginx app, one at a time and under `hey` in virtual
 * time. The integrator merges the returned figures into bench/run.ts.
 */
import { Session } from '../src/cli/session';
import { networkOf } from '../src/engine/network/index';
import type { Pod, Service } from 'kubernetes-types/core/v1';
import { deployment, measureWall } from './support';

const REQUESTS = 20_000;

function cluster(): Session {
  const session = new Session({ seed: 1, workers: 3 });
  const { cluster } = session;
  cluster.api.create('deployments', deployment('web', 6, 'nginx:1.27'));
  cluster.api.create('services', { metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] } } satisfies Service);
  cluster.advance(30_000);
  return session;
}

/** `network …` figures: requests per wall second (single requests, by name and by IP; hey). */
export function benchNetwork(): Record<string, number> {
  const session = cluster();
  const net = networkOf(session.cluster)!;
  const ip = session.cluster.api.get<Service>('services', 'default', 'web').spec!.clusterIP!;
  const node = { kind: 'node' as const, node: 'node-1' };
  const podIP = session.cluster.api.list<Pod>('pods', 'default').items[0]?.status?.podIP ?? '';
  const pod = { kind: 'pod' as const, node: 'node-1', namespace: 'default', name: 'bench', ip: podIP };
  const byIP = measureWall(() => {
    for (let i = 0; i < REQUESTS; i++) net.request(node, `http://${ip}/`, { record: true });
  });
  const byName = measureWall(() => {
    for (let i = 0; i < REQUESTS; i++) net.request(pod, 'http://web/', { record: true });
  });
  let heyRequests = 0;
  const hey = measureWall(() => {
    session.run('ssh node-1');
    const out = session.run(`hey -z 60s -q 50 -c 10 http://${ip}/`).output;
    heyRequests = Number(/\[200\]\t(\d+) responses/.exec(out)?.[1] ?? 0);
  });
  return {
    'network requests/wall s, node -> ClusterIP': Math.round(REQUESTS / (byIP / 1000)),
    'network requests/wall s, pod -> Service name (DNS search path)': Math.round(REQUESTS / (byName / 1000)),
    'network hey -z 60s -q 50 -c 10 (30k requests), wall ms': Math.round(hey),
    'network hey requests answered 200': heyRequests,
  };
}

const invokedDirectly = process.argv[1]?.endsWith('network.ts');
if (invokedDirectly) console.log(benchNetwork());
