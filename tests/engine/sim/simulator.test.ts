import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { Rng } from '../../../src/engine/sim/rng';
import { Simulator, type Message } from '../../../src/engine/sim/simulator';
import { parseDuration, rfc3339 } from '../../../src/engine/sim/time';

class Recorder {
  readonly seen: string[] = [];
  constructor(
    readonly id: string,
    private readonly sim: Simulator,
  ) {}
  receive(m: Message): void {
    this.seen.push(`${this.sim.now()}:${String(m.type)}`);
  }
}

describe('Simulator', () => {
  test('delivers events in (time, sequence) order and moves the clock to each', () => {
    const sim = new Simulator(1);
    const a = new Recorder('a', sim);
    sim.register(a);
    sim.schedule(30, 'a', { type: 'late' });
    sim.schedule(10, 'a', { type: 'first' });
    sim.schedule(10, 'a', { type: 'second' });
    sim.advance(25);
    expect(a.seen).toEqual(['10:first', '10:second']);
    expect(sim.now()).toBe(25);
    sim.advance(10);
    expect(a.seen).toEqual(['10:first', '10:second', '30:late']);
  });

  test('step jumps straight to the next event', () => {
    const sim = new Simulator(1);
    const a = new Recorder('a', sim);
    sim.register(a);
    sim.schedule(5000, 'a', { type: 'x' });
    expect(sim.step()).toBe(true);
    expect(sim.now()).toBe(5000);
    expect(sim.step()).toBe(false);
  });

  test('a snapshot restores the pending queue, clock and random state', () => {
    const sim = new Simulator(42);
    sim.schedule(100, 'a', { type: 'later', n: 1 });
    sim.rng.uint32();
    const copy = new Simulator(0);
    copy.restore(JSON.parse(JSON.stringify(sim.snapshot())) as ReturnType<Simulator["snapshot"]>);
    const a = new Recorder('a', copy);
    copy.register(a);
    copy.advance(200);
    expect(a.seen).toEqual(['100:later']);
    expect(copy.rng.uint32()).toBe(sim.rng.uint32());
  });
});

describe('Rng', () => {
  test('the same seed gives the same sequence; another seed does not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const a = new Rng(seed);
        const b = new Rng(seed);
        const c = new Rng(seed + 1);
        const seqA = Array.from({ length: 8 }, () => a.uint32());
        expect(Array.from({ length: 8 }, () => b.uint32())).toEqual(seqA);
        expect(Array.from({ length: 8 }, () => c.uint32())).not.toEqual(seqA);
      }),
    );
  });

  test('uuids look like version 4 uuids and name suffixes use the safe alphabet', () => {
    const rng = new Rng(7);
    expect(rng.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(rng.string(5)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  test('int(n) stays in range', () => {
    const rng = new Rng(3);
    fc.assert(fc.property(fc.integer({ min: 1, max: 1000 }), (n) => rng.int(n) >= 0 && rng.int(n) < n));
  });
});

describe('time helpers', () => {
  test('parseDuration understands the forms learners type', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('5')).toBe(5000);
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseDuration('5x')).toBeUndefined();
  });

  test('rfc3339 renders virtual time from the fixed epoch, without milliseconds', () => {
    expect(rfc3339(Date.UTC(2026, 0, 1), 65_500)).toBe('2026-01-01T00:01:05Z');
  });
});
