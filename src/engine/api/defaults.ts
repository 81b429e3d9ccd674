import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Mutable } from './objects';
import type { Container, Namespace, Pod, PodSpec, PodTemplateSpec, Probe, Service } from 'kubernetes-types/core/v1';

/**
 * API defaulting, as the API server applies it before validation: what `kubectl get -o yaml`
 * shows that the learner never wrote. Functions mutate the fresh copy the server owns.
 */
export function defaultPodSpec(spec: PodSpec): void {
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) defaultContainer(c);
  for (const v of spec.volumes ?? []) {
    if (v.configMap) v.configMap.defaultMode ??= 420;
    if (v.downwardAPI) {
      v.downwardAPI.defaultMode ??= 420;
      for (const item of v.downwardAPI.items ?? []) if (item.fieldRef) item.fieldRef.apiVersion ??= 'v1';
    }
  }
}

function defaultContainer(c: Container): void {
  c.imagePullPolicy ??= imageTag(c.image ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  for (const p of c.ports ?? []) p.protocol ??= 'TCP';
  // SetDefaults_ObjectFieldSelector: a downward API field is read from the v1 object.
  for (const e of c.env ?? []) if (e.valueFrom?.fieldRef) e.valueFrom.fieldRef.apiVersion ??= 'v1';
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) if (probe) defaultProbe(probe);
}

function defaultProbe(p: Probe): void {
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  if (p.httpGet) p.httpGet.scheme ??= 'HTTP';
}

/** The tag of an image reference; untagged images mean `latest`. Digests have no tag. */
export function imageTag(image: string): string | undefined {
  if (image.includes('@')) return undefined;
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  return colon < 0 ? 'latest' : image.slice(colon + 1);
}

/**
 * Admission (DefaultTolerationSeconds): tolerate not-ready/unreachable nodes for 300 s, unless a
 * toleration already covers the taint: its key, or none (every key), with NoExecute or no effect.
 */
export function defaultTolerations(spec: PodSpec): void {
  const tolerations = (spec.tolerations ??= []);
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tolerations.some((t) => (!t.key || t.key === key) && (!t.effect || t.effect === 'NoExecute'))) {
      tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
    }
  }
}

export function defaultPod(pod: Mutable<Pod>): void {
  if (pod.spec) {
    defaultPodSpec(pod.spec);
    defaultPodOnly(pod.spec);
    defaultTolerations(pod.spec);
  }
  pod.status ??= {};
  pod.status.phase ??= 'Pending';
  pod.status.qosClass ??= qosClass(pod.spec);
}

/**
 * Defaults a Pod gets that its template in a Deployment or ReplicaSet does not: enableServiceLinks
 * (SetDefaults_Pod) and priority (Priority admission), which `kubectl get deploy -o yaml`
 * therefore never shows. The service account comes from admission/service-account.ts.
 */
function defaultPodOnly(spec: PodSpec): void {
  spec.enableServiceLinks ??= true;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
  spec.priority ??= 0;
}

/** BestEffort without any requests/limits, Guaranteed when every request equals its limit. */
export function qosClass(spec: PodSpec | undefined): string {
  const containers = spec?.containers ?? [];
  const any = containers.some((c) => Object.keys(c.resources?.requests ?? {}).length + Object.keys(c.resources?.limits ?? {}).length > 0);
  if (!any) return 'BestEffort';
  const guaranteed = containers.every((c) => {
    const limits = c.resources?.limits ?? {};
    const requests = c.resources?.requests ?? limits;
    return ['cpu', 'memory'].every((r) => limits[r] !== undefined && String(requests[r] ?? limits[r]) === String(limits[r]));
  });
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function defaultTemplate(template: PodTemplateSpec | undefined): void {
  if (template?.spec) defaultPodSpec(template.spec);
  if (template) template.metadata ??= {};
}

export function defaultDeployment(d: Deployment): void {
  const spec = (d.spec ??= { selector: {}, template: {} });
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  spec.strategy ??= { type: 'RollingUpdate' };
  spec.strategy.type ??= 'RollingUpdate';
  if (spec.strategy.type === 'RollingUpdate') {
    spec.strategy.rollingUpdate ??= {};
    spec.strategy.rollingUpdate.maxSurge ??= '25%';
    spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
  }
  defaultTemplate(spec.template);
}

export function defaultReplicaSet(rs: ReplicaSet): void {
  const spec = (rs.spec ??= { selector: {} });
  spec.replicas ??= 1;
  defaultTemplate(spec.template);
}

export function defaultService(svc: Service): void {
  const spec = (svc.spec ??= {});
  spec.type ??= 'ClusterIP';
  if (spec.type !== 'ExternalName') {
    spec.sessionAffinity ??= 'None';
    spec.internalTrafficPolicy ??= 'Cluster';
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster';
  for (const p of spec.ports ?? []) {
    p.protocol ??= 'TCP';
    p.targetPort ??= p.port;
  }
}

/**
 * The namespace registry's PrepareForCreate: a new namespace is Active whatever status it was sent
 * with (`kubectl create namespace` sends `status: {}`), and carries the `kubernetes` finalizer.
 */
export function prepareNamespace(ns: Namespace): void {
  ns.status = { phase: 'Active' };
  const finalizers = ns.spec?.finalizers ?? [];
  if (!finalizers.includes('kubernetes')) ns.spec = { ...ns.spec, finalizers: [...finalizers, 'kubernetes'] };
}

export function defaultNamespace(ns: Namespace): void {
  ns.spec ??= { finalizers: ['kubernetes'] };
  ns.status ??= { phase: 'Active' };
  ns.metadata ??= {};
  ns.metadata.labels = { ...ns.metadata.labels, 'kubernetes.io/metadata.name': ns.metadata.name ?? '' };
}
