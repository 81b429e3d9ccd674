import type { Rng } from '../../sim/rng';
import { atLeast, type KubeVersion } from '../../version';
import { cidrContains, formatIPv4, parseCidr, parseIPv4, type Cidr } from './ip';
import { OffsetRangeAllocator, rangeOffset } from './range-allocator';

/** What a failed allocation says, after `failed to allocate IP <ip>: `. */
export type AllocationResult = { ok: true } | { ok: false; reason: string };

/**
 * The ClusterIP allocator of one service CIDR (--service-cluster-ip-range). Usable addresses
 * exclude the network and broadcast addresses; the lowest min(max(16, size/16), 256) of them
 * are the static band that dynamic allocation only uses once the rest is full (KEP-3070), so
 * `kubernetes` (.1) and kube-dns (.10) never collide with a random pick.
 */
export class ClusterIPAllocator {
  readonly cidr: Cidr;
  readonly #range: OffsetRangeAllocator;
  /** First usable address (network + 1). */
  readonly #first: number;

  constructor(
    cidrText: string,
    private readonly version: KubeVersion,
  ) {
    this.cidr = parseCidr(cidrText);
    this.#first = this.cidr.base + 1;
    const usable = Math.max(0, this.cidr.size - 2);
    this.#range = new OffsetRangeAllocator(usable, rangeOffset(this.cidr.size, 16, 16, 256));
  }

  /** `10.96.0.0/12`, the range as error messages print it. */
  get rangeText(): string {
    return `${formatIPv4(this.cidr.base)}/${this.cidr.bits}`;
  }

  /** The n-th address of the range: `kubernetes` gets index 1. */
  indexedIP(n: number): string {
    return formatIPv4(this.cidr.base + n);
  }

  /** Reserve a requested address for `owner` (`namespace/name`). */
  allocate(ip: string, owner: string): AllocationResult {
    const n = parseIPv4(ip);
    if (n === undefined || !cidrContains(this.cidr, n)) return { ok: false, reason: this.#outsideRange(ip) };
    const index = n - this.#first;
    if (index < 0 || index >= this.#range.size) return { ok: false, reason: this.#notInRange(ip) };
    if (this.#range.ownerOf(index) === owner) return { ok: true };
    return this.#range.allocate(index, owner) ? { ok: true } : { ok: false, reason: 'provided IP is already allocated' };
  }

  /** A random free address, upper band first; undefined when the range is full. */
  allocateNext(rng: Rng, owner: string): string | undefined {
    const index = this.#range.allocateNext(rng, owner);
    return index === undefined ? undefined : formatIPv4(this.#first + index);
  }

  /** Free an address if `owner` holds it (a stale owner must not free someone else's IP). */
  release(ip: string, owner: string): void {
    const n = parseIPv4(ip);
    if (n === undefined) return;
    const index = n - this.#first;
    if (this.#range.ownerOf(index) === owner) this.#range.release(index);
  }

  ownerOf(ip: string): string | undefined {
    const n = parseIPv4(ip);
    return n === undefined ? undefined : this.#range.ownerOf(n - this.#first);
  }

  clear(): void {
    this.#range.clear();
  }

  get used(): number {
    return this.#range.used;
  }

  /**
   * Outside every ServiceCIDR: since 1.33 the MultiCIDRServiceAllocator (IPAddress objects) finds
   * no allocator for the address and says so; the older bitmap allocator named the valid range.
   */
  #outsideRange(ip: string): string {
    return atLeast(this.version, 33) ? 'the provided network does not match the current range' : this.#notInRange(ip);
  }

  #notInRange(ip: string): string {
    if (atLeast(this.version, 27)) return `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.rangeText}`;
    return `provided IP is not in the valid range. The range of valid IPs is ${this.rangeText}`;
  }
}
