/** IPv4 arithmetic for the Service IP allocator and the endpoint address checks. */

/** `10.96.0.1` → 174063617, or undefined unless it is a dotted quad (Go's ParseIP, IPv4 only). */
export function parseIPv4(text: string): number | undefined {
  // Hand-rolled: endpoint validation parses every address of every write.
  let n = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || ++dots > 3) return undefined;
      n = n * 256 + octet;
      octet = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      octet = octet * 10 + (c - 48);
      digits++;
      if (octet > 255) return undefined;
    } else {
      return undefined;
    }
  }
  if (dots !== 3 || digits === 0) return undefined;
  return n * 256 + octet;
}

export function formatIPv4(n: number): string {
  return [Math.floor(n / 2 ** 24) % 256, Math.floor(n / 2 ** 16) % 256, Math.floor(n / 256) % 256, n % 256].join('.');
}

/** A loose IPv6 check (hex groups and colons), enough to tell an IPv6 literal from garbage. */
export function looksLikeIPv6(text: string): boolean {
  return text.includes(':') && /^[0-9a-fA-F:.]+$/.test(text) && (text.match(/::/g) ?? []).length <= 1;
}

export interface Cidr {
  /** The network address as a number. */
  base: number;
  bits: number;
  /** Addresses in the prefix, network and broadcast included. */
  size: number;
  text: string;
}

/** `10.96.0.0/12`; the text is kept as given, the base masked. */
export function parseCidr(text: string): Cidr {
  const [ip, bitsText] = text.split('/');
  const addr = parseIPv4(ip ?? '');
  const bits = Number(bitsText);
  if (addr === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) throw new Error(`invalid CIDR ${text}`);
  const size = 2 ** (32 - bits);
  return { base: Math.floor(addr / size) * size, bits, size, text };
}

export function cidrContains(cidr: Cidr, ip: number): boolean {
  return ip >= cidr.base && ip < cidr.base + cidr.size;
}

/** net.ParseIP succeeds: a dotted quad or an IPv6 literal. */
export function isIP(text: string): boolean {
  return parseIPv4(text) !== undefined || looksLikeIPv6(text);
}
