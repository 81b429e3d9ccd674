/**
 * The cluster's certificate authority as learners meet it: the PEM in every namespace's
 * `kube-root-ca.crt` ConfigMap and in each pod's service-account volume, and the bound tokens the
 * kubelet writes there. Nothing in the simulation does TLS, so the CA's bytes only need to be
 * stable per cluster (derived from the seed) and shaped like the real thing.
 */
import { base64Bytes, base64url, base64urlBytes } from './sim/base64';
import { sha256 } from './sim/hash';

/** A PEM certificate block of deterministic bytes (a kubeadm CA is about 1,100 bytes of DER). */
export function clusterCA(seed: number): string {
  let pem = CA_BY_SEED.get(seed);
  if (pem === undefined) CA_BY_SEED.set(seed, (pem = buildCA(seed)));
  return pem;
}

/** Every namespace's ConfigMap and every pod's volume asks: 34 digests each time on a cold start. */
const CA_BY_SEED = new Map<number, string>();

function buildCA(seed: number): string {
  // One digest, spread: 34 of them cost a cold start (every lab's first moments) about 4 ms.
  const der = spreadBytes(sha256(`clusterlab-ca/${seed}`), 1066);
  // A DER SEQUENCE header with a two-byte length, so the PEM starts "MIIE" like a real one.
  der.set([0x30, 0x82, (der.length - 4) >> 8, (der.length - 4) & 0xff]);
  const body = base64Bytes(der).match(/.{1,64}/g)!.join('\n');
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}

export interface TokenClaims {
  namespace: string;
  serviceAccount: string;
  serviceAccountUid: string;
  pod: string;
  podUid: string;
  node: string;
  /** Seconds since the Unix epoch. */
  issuedAt: number;
  expirationSeconds: number;
}

/** The JWT header: the service-account signing key's id, the same for every token of a cluster. */
let encodedHeader: string | undefined;

/** `length` bytes spread from one digest with xorshift32 (256 for an RS256 signature). */
function spreadBytes(digest: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0 || 1;
  for (let i = 0; i < out.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = (x & 0xff) ^ digest[i % 32]!;
  }
  return out;
}

/** A bound service-account token with the claims the API server puts in one (RS256 JWT layout). */
export function boundToken(c: TokenClaims): string {
  const issuer = 'https://kubernetes.default.svc.cluster.local';
  encodedHeader ??= base64url(JSON.stringify({ alg: 'RS256', kid: base64urlBytes(sha256('clusterlab-sa-key')) }));
  const payload = {
    aud: [issuer],
    exp: c.issuedAt + c.expirationSeconds,
    iat: c.issuedAt,
    iss: issuer,
    'kubernetes.io': {
      namespace: c.namespace,
      node: { name: c.node },
      pod: { name: c.pod, uid: c.podUid },
      serviceaccount: { name: c.serviceAccount, uid: c.serviceAccountUid },
    },
    nbf: c.issuedAt,
    sub: `system:serviceaccount:${c.namespace}:${c.serviceAccount}`,
  };
  const signed = `${encodedHeader}.${base64url(JSON.stringify(payload))}`;
  // The digest only has to differ per token: the claims that make a token unique fit in one
  // SHA-256 block, where the whole signed text took eleven for every pod on a big cluster.
  return `${signed}.${base64urlBytes(spreadBytes(sha256(`${c.podUid}/${c.serviceAccountUid}/${c.issuedAt}/${c.expirationSeconds}`), 256))}`;
}
