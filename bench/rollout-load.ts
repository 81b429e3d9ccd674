/**
 * Issue 7's figure: a 50-replica rolling update under 500 requests/s of load, simulated for ten
 * virtual minutes. Reports the wall time it takes, how many requests were simulated and how many
 * failed (no preStop hook, so the endpoint-removal race loses some, as the lesson shows).
 */
import type { Service } from 'kubernetes-types/core/v1';
import { Session } from '../src/cli/session';
import { networkOf } from '../src/engine/network/index';
import { deployment, measureWall } from './support';

const VIRTUAL_MS = 10 * 60_000;

export function benchRolloutUnderLoad(): Record<string, number> {
  const session = new Session({ seed: 1, workers: 5 });
  const { cluster } = session;
  cluster.sim.trace.enabled = false;
  cluster.api.create('deployments', deployment('web', 50, 'nginx:1.27'));
  cluster.api.create('services', { metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] } } satisfies Service);
  cluster.advance(60_000);
  const net = networkOf(cluster)!;
  const ip = cluster.api.get<Service>('services', 'default', 'web').spec!.clusterIP!;
  // The network keeps the last 20,000 records; read them every 10 virtual seconds (5,000 new).
  let lastT = cluster.now();
  let requests = 0;
  let failed = 0;
  const tally = () => {
    for (const r of net.records()) {
      if (r.t <= lastT) continue;
      requests++;
      if (r.error !== undefined || (r.status ?? 0) >= 500) failed++;
    }
    lastT = cluster.now();
  };
  const wallMs = measureWall(() => {
    net.startLoad({ name: 'bench', url: `http://${ip}/`, rps: 500, client: { kind: 'node', node: 'node-1' } });
    cluster.advance(5_000);
    session.run('kubectl set image deployment/web nginx=nginx:1.28');
    for (let t = 5_000; t < VIRTUAL_MS; t += 10_000) {
      cluster.advance(Math.min(10_000, VIRTUAL_MS - t));
      tally();
    }
    net.stopLoad('bench');
  });
  return {
    'rollout under load: 50 replicas, 500 req/s, 10 virtual min, wall ms': Math.round(wallMs),
    'rollout under load: requests simulated': requests,
    'rollout under load: failed requests (no preStop)': failed,
  };
}
