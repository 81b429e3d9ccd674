import { base32, sha256 } from '../sim/hash';

/**
 * Chain and set names kube-proxy derives from a Service port: the iptables scheme
 * (`KUBE-SVC-` + base32(sha256(name + protocol))[:16]) and the nftables scheme
 * (`service-` + base32(sha256(ns/name/proto/port))[:8] + `-ns/name/proto/port`).
 */

/** Names are recomputed on every full sync; remember them (a pure function, so any bound is safe). */
const memo = new Map<string, string>();
const MEMO_MAX = 200_000;

/** First `n` characters of base32(sha256(text)), as Go's base32.StdEncoding gives them. */
function hash32(text: string, n: number): string {
  const key = `${n}|${text}`;
  let out = memo.get(key);
  if (out === undefined) {
    if (memo.size >= MEMO_MAX) memo.clear();
    out = base32(sha256(text)).slice(0, n);
    memo.set(key, out);
  }
  return out;
}

/** `KUBE-SVC-XPGD46QRK7WJZT7O` for `ns1/svc1:p80` + `tcp`. */
export function iptablesChain(prefix: 'KUBE-SVC-' | 'KUBE-SVL-' | 'KUBE-EXT-' | 'KUBE-FW-', servicePort: string, protocol: string): string {
  return prefix + hash32(servicePort + protocol, 16);
}

/** `KUBE-SEP-SXIVWICOYRO3J4NJ` for `ns1/svc1:p80` + `tcp` + `10.180.0.1:80`. */
export function iptablesEndpointChain(servicePort: string, protocol: string, endpoint: string): string {
  return 'KUBE-SEP-' + hash32(servicePort + protocol + endpoint, 16);
}

/** nftables' hashAndTruncate: an 8-character hash, a dash, then the readable name. */
function hashAndTruncate(name: string): string {
  const out = `${hash32(name, 8)}-${name}`;
  return out.length > 240 ? `${out.slice(0, 237)}...` : out;
}

/** `ULMVA6XW-ns1/svc1/tcp/p80`: the base of a Service port's nftables chain names. */
export function nftServiceBase(namespace: string, name: string, protocol: string, portName: string): string {
  return hashAndTruncate(`${namespace}/${name}/${protocol}/${portName}`);
}

/** `5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80`: the base of an endpoint's chain and affinity set. */
export function nftEndpointBase(namespace: string, name: string, protocol: string, portName: string, endpoint: string): string {
  const colon = endpoint.lastIndexOf(':');
  const ip = endpoint.slice(0, colon).replaceAll(':', '.');
  return hashAndTruncate(`${namespace}/${name}/${protocol}/${portName}__${ip}/${endpoint.slice(colon + 1)}`);
}

/** What kube-proxy writes for the i-th of n endpoints: `%0.10f` of 1/n. */
export function computeProbability(n: number): string {
  return (1 / n).toFixed(10);
}

/**
 * What iptables-save prints for a probability kube-proxy wrote: the kernel keeps
 * lround(p * 2^31) as a u32 fraction of 2^31, printed with %.11f.
 * @example savedProbability('0.3333333333') === '0.33333333349'
 */
export function savedProbability(written: string): string {
  const kernel = Math.round(Number(written) * 0x8000_0000);
  return (kernel / 0x8000_0000).toFixed(11);
}

/** The kernel's u32 threshold a random draw is compared against. */
export function kernelProbability(written: string): number {
  return Math.round(Number(written) * 0x8000_0000) / 0x8000_0000;
}
