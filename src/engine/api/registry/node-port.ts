import type { Rng } from '../../sim/rng';
import type { AllocationResult } from './cluster-ip';
import { OffsetRangeAllocator, rangeOffset } from './range-allocator';

/** --service-node-port-range's default, DefaultServiceNodePortRange. */
export const DEFAULT_NODE_PORT_RANGE = { base: 30000, size: 2768 };

/**
 * The NodePort allocator: a bitmap over the port range whose lowest min(max(16, size/32), 128)
 * ports are kept for ports users pick by hand (86 for 30000-32767), as upstream's portallocator.
 */
export class NodePortAllocator {
  readonly #range: OffsetRangeAllocator;

  constructor(
    readonly base = DEFAULT_NODE_PORT_RANGE.base,
    readonly size = DEFAULT_NODE_PORT_RANGE.size,
  ) {
    this.#range = new OffsetRangeAllocator(size, rangeOffset(size, 16, 32, 128));
  }

  /** `30000-32767` */
  get rangeText(): string {
    return `${this.base}-${this.base + this.size - 1}`;
  }

  allocate(port: number, owner: string): AllocationResult {
    const index = port - this.base;
    if (index < 0 || index >= this.size) {
      return { ok: false, reason: `provided port is not in the valid range. The range of valid ports is ${this.rangeText}` };
    }
    if (this.#range.ownerOf(index) === owner) return { ok: true };
    return this.#range.allocate(index, owner) ? { ok: true } : { ok: false, reason: 'provided port is already allocated' };
  }

  allocateNext(rng: Rng, owner: string): number | undefined {
    const index = this.#range.allocateNext(rng, owner);
    return index === undefined ? undefined : this.base + index;
  }

  release(port: number, owner: string): void {
    const index = port - this.base;
    if (this.#range.ownerOf(index) === owner) this.#range.release(index);
  }

  ownerOf(port: number): string | undefined {
    return this.#range.ownerOf(port - this.base);
  }

  clear(): void {
    this.#range.clear();
  }

  get used(): number {
    return this.#range.used;
  }
}
