/**
 * The ServiceAccount admission plugin, as every API server runs it: a pod without a service
 * account runs as `default`, and unless automounting is turned off it gets the projected
 * `kube-api-access-xxxxx` volume (a bound token, the cluster CA, its namespace) mounted read-only
 * at /var/run/secrets/kubernetes.io/serviceaccount in every container.
 */
import type { Container, Pod, Volume } from 'kubernetes-types/core/v1';
import type { Mutable } from '../objects';
import type { AdmissionPlugin } from '../apiserver';
import { fnv32a } from '../../sim/hash';

export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
/** The ConfigMap root-ca-cert-publisher puts in every namespace. */
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
/** A bound token's lifetime as the plugin requests it: an hour plus the 7 s the kubelet refreshes early. */
const TOKEN_EXPIRATION_SECONDS = 3607;
/** utilrand.String's alphabet: no vowels, no confusable characters. */
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function apiAccessVolume(name: string): Volume {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: 'token' } },
        { configMap: { name: ROOT_CA_CONFIGMAP, items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      ],
    },
  };
}

function mountInto(container: Container, volume: string): void {
  const mounts = (container.volumeMounts ??= []);
  if (mounts.some((m) => m.mountPath === SERVICE_ACCOUNT_MOUNT_PATH)) return;
  mounts.push({ name: volume, readOnly: true, mountPath: SERVICE_ACCOUNT_MOUNT_PATH });
}

/**
 * Five characters from that alphabet. Upstream draws them at random; here they come from a hash of
 * the pod and the store revision, so they are as unpredictable to a learner but leave the seeded
 * generator (which names pods) untouched.
 */
function suffix(seed: string): string {
  return Array.from({ length: 5 }, (_, i) => ALPHABET[fnv32a(`${seed}/${i}`) % ALPHABET.length]).join('');
}

/** The plugin; `revision()` is the store's current revision, part of the volume name's seed. */
export function serviceAccountAdmission(revision: () => number): AdmissionPlugin {
  return (op, type, obj) => {
    if (op !== 'CREATE' || type.resource !== 'pods') return;
    const spec = (obj as Mutable<Pod>).spec;
    // Mirror pods stand for static pods the kubelet runs on its own: no service account.
    if (!spec || obj.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined) return;
    spec.serviceAccountName ??= 'default';
    spec.serviceAccount ??= spec.serviceAccountName;
    if (spec.automountServiceAccountToken === false) return;
    const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
    if (containers.every((c) => c.volumeMounts?.some((m) => m.mountPath === SERVICE_ACCOUNT_MOUNT_PATH))) return;
    const name = `kube-api-access-${suffix(`${obj.metadata?.namespace}/${obj.metadata?.name}/${revision()}`)}`;
    (spec.volumes ??= []).push(apiAccessVolume(name));
    for (const c of containers) mountInto(c, name);
  };
}
