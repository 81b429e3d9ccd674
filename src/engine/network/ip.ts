/** IPv4 helpers for routing decisions: which node's pod CIDR or which service range an address is in. */

const parsed = new Map<string, number | undefined>();

/** Dotted quad → 32-bit number (memoised: the same few hundred addresses come up again and again). */
export function ipToInt(ip: string): number | undefined {
  let n = parsed.get(ip);
  if (n === undefined && !parsed.has(ip)) {
    n = parseIp(ip);
    if (parsed.size > 50_000) parsed.clear();
    parsed.set(ip, n);
  }
  return n;
}

function parseIp(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

export function isIPv4(text: string): boolean {
  return ipToInt(text) !== undefined;
}

/** True when `ip` lies inside `cidr` (e.g. 10.244.1.0/24). */
export function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const a = ipToInt(ip);
  const b = ipToInt(base ?? '');
  const bits = Number(bitsText ?? 32);
  if (a === undefined || b === undefined) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(a / size) === Math.floor(b / size);
}

/** `10.244.1.5` → `10-244-1-5`, the pod and headless-endpoint name CoreDNS uses. */
export function dashed(ip: string): string {
  return ip.replace(/\./g, '-');
}

/** `10.96.0.10` → `10.0.96.10.in-addr.arpa` */
export function reverseName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
}
