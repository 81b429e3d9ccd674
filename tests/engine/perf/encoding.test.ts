import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64, base64Bytes, base64url, base64urlBytes } from '../../../src/engine/sim/base64';
import { hex, sha256 } from '../../../src/engine/sim/hash';
import { Rng } from '../../../src/engine/sim/rng';

// The hand-written encoders were sped up for per-pod service-account tokens; they must still
// agree byte for byte with Node's, for ASCII and non-ASCII text alike.
describe('engine encoders agree with Node', () => {
  it('base64 and base64url of bytes and text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), (bytes, text) => {
        const buf = Buffer.from(bytes);
        expect(base64Bytes(bytes)).toBe(buf.toString('base64'));
        expect(base64urlBytes(bytes)).toBe(buf.toString('base64url'));
        expect(base64(text)).toBe(Buffer.from(text, 'utf8').toString('base64'));
        expect(base64url(text)).toBe(Buffer.from(text, 'utf8').toString('base64url'));
      }),
    );
  });

  it('sha256 of ASCII and non-ASCII text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 150 }), (text) => {
        expect(hex(sha256(text))).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }),
    );
  });

  it('the seeded generator continues identically after a snapshot and restore', () => {
    const a = new Rng(7);
    a.uint32();
    const b = new Rng(1);
    b.restore(a.snapshot());
    expect(Array.from({ length: 5 }, () => b.uuid())).toEqual(Array.from({ length: 5 }, () => a.uuid()));
    expect(new Rng(1).snapshot()).toEqual(new Rng(1).snapshot());
  });
});

describe('uids', () => {
  it('are version 4 UUIDs drawn from the seeded generator as before', () => {
    const rng = new Rng(3);
    const twin = new Rng(3);
    for (let i = 0; i < 200; i++) {
      const hex = (n: number) => twin.uint32().toString(16).padStart(8, '0').slice(0, n);
      const variant = (8 + twin.int(4)).toString(16);
      const expected = `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(8)}${hex(4)}`;
      expect(rng.uuid()).toBe(expected);
    }
  });
});
