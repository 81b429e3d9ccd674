import type { Container, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { TrafficRecord } from '../../src/engine/network/types';
import type { LabView } from '../../src/labs/author';

/**
 * What the graceful-shutdown labs share: the web Deployment under load, and how to find a rolling
 * update in the object history (when its template changed, when its last old pod left etcd) and
 * the requests sent while it ran. Checks built on this grade what happened during a rollout, so
 * recreating the end state afterwards cannot pass them.
 */

export const WEB_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: app
        image: ghcr.io/clusterlab/http-app:1.0
        ports:
        - containerPort: 8080
        readinessProbe:
          httpGet:
            path: /ready
            port: 8080
          periodSeconds: 1
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
`;

/** The pod the load comes from: inside the cluster, so `http://web` resolves through CoreDNS. */
export const CLIENT_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  containers:
  - name: client
    image: busybox:1.36
    command: ["sleep", "86400"]
`;

export const NEW_IMAGE = 'ghcr.io/clusterlab/http-app:2.0';
export const LOAD_COMMAND = 'sim load --url http://web --rps 100 --duration 60s --from pod/client';

/** One rolling update of the web Deployment, as the object history recorded it. */
export interface Rollout {
  /** Virtual ms the template changed. */
  fromMs: number;
  /** Virtual ms the last pod of the replaced template left etcd; undefined while one remains. */
  toMs: number | undefined;
  /** The template that was replaced, and the one that replaced it. */
  before: PodTemplateSpec;
  after: PodTemplateSpec;
}

const templateKey = (t: PodTemplateSpec | undefined) => JSON.stringify(t?.spec ?? {});

/** Rolling updates of deployment `name` that began after the lab started, oldest first. */
export function rolloutsOf(view: LabView, name = 'web'): Rollout[] {
  const versions = view.history('deployments', 'default', name).filter((v) => v.type !== 'DELETED');
  const rollouts: Rollout[] = [];
  for (let i = 1; i < versions.length; i++) {
    const prev = (versions[i - 1]!.object as Deployment).spec?.template;
    const next = (versions[i]!.object as Deployment).spec?.template;
    if (!prev || !next || templateKey(prev) === templateKey(next) || versions[i]!.atMs < view.startMs) continue;
    const fromMs = versions[i]!.atMs;
    rollouts.push({ fromMs, toMs: lastRemovedAt(view, prev, fromMs), before: prev, after: next });
  }
  return rollouts;
}

/** The pod-template-hash of the ReplicaSet that ran `template` (the Deployment controller's label). */
function templateHash(view: LabView, template: PodTemplateSpec): string | undefined {
  for (const key of view.everExisted('replicasets', 'default')) {
    const rs = view.history('replicasets', 'default', key.split('/')[1] ?? key)[0]?.object as ReplicaSet | undefined;
    if (rs && templateKey(rs.spec?.template) === templateKey(template)) return rs.metadata?.labels?.['pod-template-hash'];
  }
  return undefined;
}

/** When the last pod of `template` that existed at `fromMs` was removed from etcd; undefined while one remains. */
function lastRemovedAt(view: LabView, template: PodTemplateSpec, fromMs: number): number | undefined {
  const hash = templateHash(view, template);
  if (hash === undefined) return fromMs;
  let last = fromMs;
  for (const key of view.everExisted('pods', 'default')) {
    const versions = view.history('pods', 'default', key.split('/')[1] ?? key);
    const first = versions[0];
    if (!first || first.atMs > fromMs || first.object.metadata?.labels?.['pod-template-hash'] !== hash) continue;
    const gone = versions.find((v) => v.type === 'DELETED');
    if (!gone) return undefined;
    if (gone.atMs >= fromMs) last = Math.max(last, gone.atMs);
  }
  return last;
}

export const failedRequest = (r: TrafficRecord) => r.error !== undefined || (r.status ?? 0) >= 500;

/** Requests sent while the rollout ran (and until 5 s after its last old pod left). */
export function requestsDuring(view: LabView, rollout: Rollout): TrafficRecord[] {
  const to = (rollout.toMs ?? view.now()) + 5000;
  return view.traffic().filter((r) => r.t >= rollout.fromMs && r.t <= to);
}

/**
 * Whether load covered the whole rollout: requests went out within its first second and still
 * after its last old pod was gone. Not "every second": a closed-loop client whose request times
 * out sends nothing until the timeout, then catches up, and that gap is part of what it measured.
 */
export function loadCovered(view: LabView, rollout: Rollout): boolean {
  const to = rollout.toMs ?? view.now();
  const times = requestsDuring(view, rollout).map((r) => r.t);
  if (times.length === 0) return false;
  return Math.min(...times) <= rollout.fromMs + 1000 && Math.max(...times) >= to;
}

export function imageOf(t: PodTemplateSpec): string | undefined {
  return t.spec?.containers.find((c) => c.name === 'app')?.image;
}

/**
 * What keeps a pod of this template serving after deletion starts, in seconds: a preStop sleep
 * (the sleep action, or an exec'd sleep), or an app that keeps serving after SIGTERM (SHUTDOWN
 * drain or delay:N of http-app). 0 when nothing does.
 */
export function servingAfterDeleteSeconds(t: PodTemplateSpec): number {
  const c: Container | undefined = t.spec?.containers.find((x) => x.name === 'app');
  if (!c) return 0;
  const pre = c.lifecycle?.preStop;
  const sleepSeconds = pre?.sleep?.seconds ?? execSleepSeconds(pre?.exec?.command);
  const shutdown = c.env?.find((e) => e.name === 'SHUTDOWN')?.value ?? '';
  const drain = shutdown === 'drain' ? Number(c.env?.find((e) => e.name === 'DRAIN_SECONDS')?.value ?? 5) : 0;
  const delay = shutdown.startsWith('delay:') ? Number(shutdown.slice(6)) : 0;
  return Math.max(sleepSeconds, Number.isFinite(drain) ? drain : 0, Number.isFinite(delay) ? delay : 0);
}

function execSleepSeconds(command: string[] | undefined): number {
  const text = (command ?? []).join(' ');
  const m = /\bsleep\s+(\d+)/.exec(text);
  return m ? Number(m[1]) : 0;
}
