/**
 * Seeded pseudo-random numbers for every random choice the cluster makes: uids, name suffixes,
 * scheduling ties, jitter. sfc32 is small, fast and has a 128-bit state we can snapshot as JSON.
 */
export type RngState = [number, number, number, number];

/** Lower-case consonants and digits that cannot spell words: apimachinery's rand alphabet. */
export const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export class Rng {
  // The four state words as plain fields: uint32() runs for every uid and name suffix, and a
  // fresh state array per call was a measurable share of a large rollout's garbage.
  #a = 0;
  #b = 0;
  #c = 0;
  #d = 0;

  constructor(seed: number) {
    // Spread a small integer seed over the state (splitmix-like), then discard warm-up outputs.
    let x = seed >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.restore([next(), next(), next(), next()]);
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  uint32(): number {
    let a = this.#a;
    let b = this.#b;
    let c = this.#c;
    let d = this.#d;
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    this.#a = a >>> 0;
    this.#b = b;
    this.#c = c;
    this.#d = d;
    return t;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.uint32() / 0x1_0000_0000;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** `length` characters from `alphabet`, e.g. the `x2x4q` of `web-7f9c8d5b6-x2x4q`. */
  string(length: number, alphabet = SAFE_ALPHABET): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }

  /** A random (version 4) UUID, as the API server gives every object. */
  uuid(): string {
    // The variant is drawn first, then one uint32 per group, each giving its leading hex digits.
    const variant = 8 + this.int(4);
    let at = putHex(this.uint32(), 8, 0);
    UUID_CODES[at++] = DASH;
    at = putHex(this.uint32(), 4, at);
    UUID_CODES[at++] = DASH;
    UUID_CODES[at++] = VERSION_4;
    at = putHex(this.uint32(), 3, at);
    UUID_CODES[at++] = DASH;
    UUID_CODES[at++] = HEX_CODES[variant]!;
    at = putHex(this.uint32(), 3, at);
    UUID_CODES[at++] = DASH;
    at = putHex(this.uint32(), 8, at);
    putHex(this.uint32(), 4, at);
    // One flat string from the codes: a joined or templated uid was a rope of cons strings or a
    // dozen temporary ones, and every object and Event has a uid.
    return String.fromCharCode.apply(null, UUID_CODES as unknown as number[]);
  }

  snapshot(): RngState {
    return [this.#a, this.#b, this.#c, this.#d];
  }

  restore(state: RngState): void {
    [this.#a, this.#b, this.#c, this.#d] = state;
  }
}

/** Character codes of the hex digits, and the buffer a uid is written into (36 characters). */
const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const UUID_CODES = new Uint16Array(36);
const DASH = 45;
const VERSION_4 = 52;

/** The leading `digits` hex digits of a uint32 into UUID_CODES at `at`; returns where it stopped. */
function putHex(value: number, digits: number, at: number): number {
  for (let i = 0; i < digits; i++) UUID_CODES[at + i] = HEX_CODES[(value >>> (28 - 4 * i)) & 15]!;
  return at + digits;
}
