import type { Container, Pod } from 'kubernetes-types/core/v1';
import { Session } from '../../../src/cli/session';

/** A learner's session on the default cluster (scheduler, kubelets, controllers, network). */
export function session(seed = 1): Session {
  return new Session({ seed });
}

/** Create a pod with these containers (and pod-level fields) through the API, as `kubectl apply` would. */
export function createPod(s: Session, name: string, containers: Container[], spec: Partial<Pod['spec']> = {}): void {
  s.cluster.api.create('pods', { metadata: { name, namespace: 'default' }, spec: { containers, ...spec } });
}

/** Run a command line; returns stdout+stderr as the terminal shows it. */
export function run(s: Session, line: string): string {
  return s.run(line).output;
}

/** Kubelet trace lines of a pod as [virtual ms, action, detail]. */
export function kubeletTrace(s: Session, pod: string): [number, string, string][] {
  return s.cluster.sim.trace.entries({ object: `pods/default/${pod}`, component: 'kubelet' }).map((e) => [e.t, e.action, e.detail]);
}

/** Virtual ms of the first kubelet trace entry of `action` whose detail contains `text`. */
export function when(s: Session, pod: string, action: string, text = ''): number | undefined {
  return kubeletTrace(s, pod).find(([, a, d]) => a === action && d.includes(text))?.[0];
}

/** Virtual ms at which the API server removed the pod from etcd. */
export function removedAt(s: Session, pod: string): number | undefined {
  return s.cluster.sim.trace.entries({ object: `pods/default/${pod}` }).find((e) => e.action === 'remove')?.t;
}

/** Virtual ms at which deletion was requested. */
export function deletedAt(s: Session, pod: string): number | undefined {
  return s.cluster.sim.trace.entries({ object: `pods/default/${pod}` }).find((e) => e.action === 'delete' && e.component === 'kube-apiserver')?.t;
}

export const env = (vars: Record<string, string>) => Object.entries(vars).map(([name, value]) => ({ name, value }));
