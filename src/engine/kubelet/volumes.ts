import type { ConfigMap, Container, Pod, Secret, ServiceAccount, Volume } from 'kubernetes-types/core/v1';
import { base64DecodeText } from '../sim/base64';
import { boundToken, type TokenClaims } from '../pki';
import type { Kubelet } from './kubelet';
import { addServiceEnv } from './service-env';
import type { PodWorker } from './types';
import { podResolvConf } from '../dns/resolv-conf';

/** The operation executor's retry ceiling for a failing mount (2m2s). */
const MOUNT_RETRY_MAX_MS = 122_000;

/**
 * The volume manager: set up every volume of the pod. emptyDir starts empty, configMap and secret
 * project their keys as files (a Secret's decoded); a missing one fails with the kubelet's FailedMount event and is retried
 * with exponential back-off while the pod stays ContainerCreating. Returns true when all are ready.
 */
export function mountVolumes(k: Kubelet, w: PodWorker, pod: Pod): boolean {
  for (const v of pod.spec?.volumes ?? []) {
    if (w.volumes[v.name]) continue;
    const files = v.configMap
      ? keyFiles(k, w, v, 'configmap', v.configMap.name ?? '', v.configMap)
      : v.secret
        ? keyFiles(k, w, v, 'secret', v.secret.secretName ?? '', v.secret)
        : v.projected
          ? projectedFiles(k, w, pod, v)
          : {};
    if (!files) {
      k.resync(w, w.mountRetryMs);
      w.mountRetryMs = Math.min(w.mountRetryMs * 2, MOUNT_RETRY_MAX_MS);
      return false;
    }
    w.volumes[v.name] = files;
    if (v.configMap || v.secret || v.projected) k.trace(w, 'mount', `MountVolume.SetUp succeeded for volume "${v.name}"`);
  }
  return true;
}

/** Where a volume or a variable takes keys from: a ConfigMap's data, or a Secret's (decoded). */
type KeySource = 'configmap' | 'secret';

/** The keys of the ConfigMap or Secret, Secret values decoded; undefined when it does not exist. */
function sourceData(k: Kubelet, namespace: string, source: KeySource, name: string): Record<string, string> | undefined {
  if (source === 'configmap') {
    const cm = k.apiServer.tryGet<ConfigMap>('configmaps', namespace, name);
    return cm ? (cm.data ?? {}) : undefined;
  }
  const secret = k.apiServer.tryGet<Secret>('secrets', namespace, name);
  return secret ? Object.fromEntries(Object.entries(secret.data ?? {}).map(([key, value]) => [key, base64DecodeText(value)])) : undefined;
}

/** A ConfigMap's or Secret's keys as files, or undefined (with the FailedMount event) when it is missing. */
function keyFiles(k: Kubelet, w: PodWorker, v: Volume, source: KeySource, name: string, options: { optional?: boolean; items?: { key: string; path: string }[] }): Record<string, string> | undefined {
  const data = sourceData(k, w.namespace, source, name);
  if (!data && !options.optional) {
    k.event(w, undefined, 'Warning', 'FailedMount', `MountVolume.SetUp failed for volume "${v.name}" : ${source} "${name}" not found`);
    return undefined;
  }
  const found = data ?? {};
  const files: Record<string, string> = {};
  const items = options.items ?? Object.keys(found).map((key) => ({ key, path: key }));
  for (const item of items) if (found[item.key] !== undefined) files[item.path] = found[item.key]!;
  return files;
}

/** A projected volume (the service-account one): a bound token, ConfigMap keys, downward API fields. */
function projectedFiles(k: Kubelet, w: PodWorker, pod: Pod, v: Volume): Record<string, string> | undefined {
  const files: Record<string, string> = {};
  for (const source of v.projected?.sources ?? []) {
    const keys = source.configMap ? { kind: 'configmap' as const, ref: source.configMap } : source.secret ? { kind: 'secret' as const, ref: source.secret } : undefined;
    if (keys) {
      const part = keyFiles(k, w, v, keys.kind, keys.ref.name ?? '', keys.ref);
      if (!part) return undefined;
      Object.assign(files, part);
    } else if (source.serviceAccountToken) {
      // Claimed now (issued at mount time), encoded when first read: few pods' tokens ever are,
      // and encoding one for each of thousands of pods was about 8 % of a large rollout's work.
      const claims = tokenClaims(k, w, pod, source.serviceAccountToken.expirationSeconds ?? 3600);
      lazyFile(files, source.serviceAccountToken.path, () => boundToken(claims));
    } else if (source.downwardAPI) {
      for (const item of source.downwardAPI.items ?? []) {
        const field = item.fieldRef?.fieldPath;
        const value = field === 'metadata.namespace' ? w.namespace : field === 'metadata.name' ? w.name : field === 'metadata.uid' ? w.uid : undefined;
        if (value !== undefined) files[item.path] = value;
      }
    }
  }
  return files;
}

function tokenClaims(k: Kubelet, w: PodWorker, pod: Pod, expirationSeconds: number): TokenClaims {
  const saName = pod.spec?.serviceAccountName ?? 'default';
  const sa = k.apiServer.tryGet<ServiceAccount>('serviceaccounts', w.namespace, saName);
  return {
    namespace: w.namespace,
    serviceAccount: saName,
    serviceAccountUid: sa?.metadata?.uid ?? '',
    pod: w.name,
    podUid: w.uid,
    node: k.nodeName,
    issuedAt: Math.floor((k.epochMs + k.simulator.now()) / 1000),
    expirationSeconds,
  };
}

/**
 * A file whose content is computed when first read, then kept as a plain property. Reading it
 * (a shell's cat, a snapshot's JSON) or assigning it (an app writing the file) both settle it.
 */
function lazyFile(files: Record<string, string>, path: string, content: () => string): void {
  const settle = (value: string) => Object.defineProperty(files, path, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(files, path, {
    get: () => {
      const value = content();
      settle(value);
      return value;
    },
    set: settle,
    enumerable: true,
    configurable: true,
  });
}

/** Copy one file between file maps, still unread if it was (see lazyFile). */
function copyFile(from: Record<string, string>, path: string, to: Record<string, string>, toPath: string): void {
  if (Object.getOwnPropertyDescriptor(from, path)?.get) lazyFile(to, toPath, () => from[path]!);
  else to[toPath] = from[path]!;
}

/** The files one container sees: image files, the kubelet-managed /etc files, its volume mounts. */
export function containerFiles(w: PodWorker, spec: Container, imageFiles: Record<string, string>, pod?: Pod): Record<string, string> {
  const files: Record<string, string> = { ...imageFiles };
  files['/etc/hostname'] = `${w.name}\n`;
  files['/etc/hosts'] = `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${w.podIP ?? ''}\t${w.name}\n`;
  files['/etc/resolv.conf'] = podResolvConf(w.namespace, pod?.spec);
  for (const m of spec.volumeMounts ?? []) {
    const vol = w.volumes[m.name] ?? {};
    const mount = m.mountPath.replace(/\/+$/, '');
    if (m.subPath) {
      if (Object.hasOwn(vol, m.subPath)) copyFile(vol, m.subPath, files, mount);
      continue;
    }
    for (const path of Object.keys(vol)) copyFile(vol, path, files, `${mount}/${path}`);
  }
  return files;
}

/**
 * The container's environment: PATH and HOSTNAME, the image's ENV, the pod's env (values,
 * fieldRefs, configMapKeyRefs, secretKeyRefs, envFrom), then the Service links (service-env.ts).
 */
export function containerEnv(k: Kubelet, w: PodWorker, pod: Pod, spec: Container, imageEnv: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: w.name, ...imageEnv };
  for (const from of spec.envFrom ?? []) {
    const data = from.configMapRef ? sourceData(k, w.namespace, 'configmap', from.configMapRef.name ?? '') : from.secretRef ? sourceData(k, w.namespace, 'secret', from.secretRef.name ?? '') : undefined;
    for (const [key, value] of Object.entries(data ?? {})) env[`${from.prefix ?? ''}${key}`] = value;
  }
  for (const e of spec.env ?? []) env[e.name] = envValue(k, w, pod, e);
  // Service links (and always the master Service's), unless the container defines the name.
  addServiceEnv(env, pod, k.services.list());
  env.HOME ??= '/root';
  return env;
}

/**
 * Why the kubelet cannot build the container's environment (makeEnvironmentVariables): a
 * ConfigMap or Secret named by envFrom or a key reference that does not exist, or a key it lacks, unless
 * the reference is optional. Undefined when every reference resolves.
 */
export function envConfigError(k: Kubelet, w: PodWorker, spec: Container): string | undefined {
  for (const from of spec.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    const source: KeySource = from.configMapRef ? 'configmap' : 'secret';
    if (ref && !ref.optional && !sourceData(k, w.namespace, source, ref.name ?? '')) return `${source} "${ref.name ?? ''}" not found`;
  }
  for (const e of spec.env ?? []) {
    const ref = e.valueFrom?.configMapKeyRef ?? e.valueFrom?.secretKeyRef;
    if (!ref || ref.optional) continue;
    const source: KeySource = e.valueFrom?.configMapKeyRef ? 'configmap' : 'secret';
    const data = sourceData(k, w.namespace, source, ref.name ?? '');
    if (!data) return `${source} "${ref.name ?? ''}" not found`;
    if (!Object.hasOwn(data, ref.key)) return `couldn't find key ${ref.key} in ${source === 'configmap' ? 'ConfigMap' : 'Secret'} ${w.namespace}/${ref.name ?? ''}`;
  }
  return undefined;
}

function envValue(k: Kubelet, w: PodWorker, pod: Pod, e: NonNullable<Container['env']>[number]): string {
  if (e.value !== undefined) return e.value;
  const field = e.valueFrom?.fieldRef?.fieldPath;
  if (field) {
    const fields: Record<string, string | undefined> = {
      'metadata.name': w.name,
      'metadata.namespace': w.namespace,
      'metadata.uid': w.uid,
      'spec.nodeName': k.nodeName,
      'spec.serviceAccountName': pod.spec?.serviceAccountName,
      'status.podIP': w.podIP,
      'status.hostIP': k.node.internalIP,
    };
    return fields[field] ?? '';
  }
  const cmRef = e.valueFrom?.configMapKeyRef;
  if (cmRef) return sourceData(k, w.namespace, 'configmap', cmRef.name ?? '')?.[cmRef.key] ?? '';
  const secretRef = e.valueFrom?.secretKeyRef;
  if (secretRef) return sourceData(k, w.namespace, 'secret', secretRef.name ?? '')?.[secretRef.key] ?? '';
  return '';
}
