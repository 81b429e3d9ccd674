/**
 * host-local IPAM for one node's podCIDR: .1 is the bridge gateway, pods get .2 upwards,
 * round-robin from the last allocation (as host-local does) and never an address still in use.
 */
export interface IpamState {
  /** Offset of the last address handed out. */
  last: number;
  /** Offset → pod uid for addresses in use. */
  used: Record<string, string>;
}

export interface Cidr {
  base: number;
  size: number;
}

export function parseCidr(cidr: string): Cidr {
  const [ip, bits] = cidr.split('/');
  const octets = ip!.split('.').map(Number);
  const base = ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
  return { base, size: 2 ** (32 - Number(bits)) };
}

export function formatIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** The gateway of a node's pod network: the CIDR's first address (`10.244.1.1`). */
export function gatewayIp(cidr: Cidr): string {
  return formatIp(cidr.base + 1);
}

/** Allocate an address for `uid`, or undefined when the range is exhausted. */
export function allocateIp(state: IpamState, cidr: Cidr, uid: string): string | undefined {
  // Usable offsets are 2 .. size-2 (network, gateway and broadcast excluded).
  const usable = cidr.size - 3;
  for (let i = 0; i < usable; i++) {
    const offset = ((state.last - 2 + 1 + i) % usable) + 2;
    if (state.used[offset] === undefined) {
      state.used[offset] = uid;
      state.last = offset;
      return formatIp(cidr.base + offset);
    }
  }
  return undefined;
}

export function releaseIp(state: IpamState, cidr: Cidr, ip: string): void {
  delete state.used[parseCidr(`${ip}/32`).base - cidr.base];
}
