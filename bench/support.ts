import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Cluster } from '../src/engine/cluster';

export function deployment(name: string, replicas: number, image: string): Deployment {
  return {
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'nginx', image, resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
      },
    },
  };
}

/** True once the Deployment's status says every replica is updated and available. */
export function rolledOut(cluster: Cluster, name: string, replicas: number): boolean {
  const d = cluster.api.tryGet<Deployment>('deployments', 'default', name);
  const s = d?.status;
  return (
    !!d &&
    (s?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 1) &&
    s?.updatedReplicas === replicas &&
    s.availableReplicas === replicas &&
    s.replicas === replicas
  );
}

export function measureWall(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
