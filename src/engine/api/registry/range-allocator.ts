import type { Rng } from '../../sim/rng';

/**
 * A range of `size` values split at `offset` (KEP-3070): dynamic allocation prefers the upper
 * part [offset, size) and starts at a random point of it, scanning upwards with wrap-around; only
 * when the upper part is full does it fall back to the lower part, which is left for values users
 * ask for by hand. This is upstream's randomScanStrategyWithOffset (node ports) and the IPAddress
 * allocator's iterator (cluster IPs). Values are indices; callers map them to IPs or ports.
 */
export class OffsetRangeAllocator<Owner = string> {
  readonly #used = new Map<number, Owner>();

  constructor(
    readonly size: number,
    readonly offset: number,
  ) {}

  has(index: number): boolean {
    return this.#used.has(index);
  }

  ownerOf(index: number): Owner | undefined {
    return this.#used.get(index);
  }

  /** Reserve a given index; false when it is taken. */
  allocate(index: number, owner: Owner): boolean {
    if (this.#used.has(index)) return false;
    this.#used.set(index, owner);
    return true;
  }

  /** A free index chosen as upstream does, or undefined when the range is full. */
  allocateNext(rng: Rng, owner: Owner): number | undefined {
    if (this.#used.size >= this.size) return undefined;
    const upper = this.size - this.offset;
    const found = this.#scan(this.offset, upper, upper > 0 ? rng.int(upper) : 0) ?? (this.offset > 0 ? this.#scan(0, this.offset, rng.int(this.offset)) : undefined);
    if (found !== undefined) this.#used.set(found, owner);
    return found;
  }

  #scan(first: number, count: number, start: number): number | undefined {
    for (let i = 0; i < count; i++) {
      const at = first + ((start + i) % count);
      if (!this.#used.has(at)) return at;
    }
    return undefined;
  }

  release(index: number): void {
    this.#used.delete(index);
  }

  clear(): void {
    this.#used.clear();
  }

  get used(): number {
    return this.#used.size;
  }
}

/** calculateRangeOffset with upstream's min(max(min, size/step), max). */
export function rangeOffset(size: number, min: number, step: number, max: number): number {
  if (size <= min) return 0;
  return Math.min(Math.max(min, Math.floor(size / step)), max);
}
