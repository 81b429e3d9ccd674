import type { Event, Pod } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { Session } from '../../../src/cli/session';

/** A session with a ready `web` Deployment (nginx, `app=web`) of `replicas` pods. */
export function withWeb(replicas: number, seed = 1): Session {
  const s = new Session({ seed });
  s.run(`kubectl create deployment web --image=nginx:1.27 --replicas=${replicas}`);
  s.run('kubectl rollout status deployment/web');
  return s;
}

/** Apply a PodDisruptionBudget for `app=web` with the given spec fields, then let the controller sync. */
export function pdb(s: Session, name: string, fields: Record<string, unknown>): void {
  s.cluster.api.create<PodDisruptionBudget>('poddisruptionbudgets', {
    metadata: { name, namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'web' } }, ...fields },
  });
  s.run('sleep 1');
}

export function getPdb(s: Session, name: string): PodDisruptionBudget {
  return s.cluster.api.get<PodDisruptionBudget>('poddisruptionbudgets', 'default', name);
}

/** Names of the default namespace's pods, oldest first. */
export function webPods(s: Session): Pod[] {
  return s.cluster.api.list<Pod>('pods', 'default').items.filter((p) => p.metadata?.labels?.app === 'web' && !p.metadata.deletionTimestamp);
}

/** Events about an object as `Type Reason: message`. */
export function eventsAbout(s: Session, name: string): string[] {
  return s.cluster.api
    .list<Event>('events', 'default')
    .items.filter((e) => e.involvedObject.name === name)
    .map((e) => `${e.type ?? ''} ${e.reason ?? ''}: ${e.message ?? ''}`);
}
