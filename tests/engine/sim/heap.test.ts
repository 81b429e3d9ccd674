import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstInOrder } from '../../../src/engine/controllers/deployment/util/pod-ranking';
import { EventQueue } from '../../../src/engine/sim/event-queue';
import { MinHeap } from '../../../src/engine/sim/heap';

interface Event {
  at: number;
  seq: number;
}
const earlier = (a: Event, b: Event) => a.at < b.at || (a.at === b.at && a.seq < b.seq);
const byTimeThenSeq = (a: Event, b: Event) => a.at - b.at || a.seq - b.seq;

interface Queue {
  push(e: Event): void;
  pop(): Event | undefined;
  peek(): Event | undefined;
  readonly size: number;
}

/**
 * Run pushes (a time) and pops (null) on `queue` and on a plain array model, checking each pop
 * (and, with `peek`, what it showed first) and the size after every step. Returns the model.
 */
function replay(queue: Queue, ops: (number | null)[], options: { peek?: boolean } = {}): Event[] {
  const model: Event[] = [];
  let seq = 0;
  for (const at of ops) {
    if (at === null) {
      model.sort(byTimeThenSeq);
      if (options.peek) expect(queue.peek()).toEqual(model[0]);
      expect(queue.pop()).toEqual(model.shift());
    } else {
      const event = { at, seq: seq++ };
      queue.push(event);
      model.push(event);
    }
    expect(queue.size).toBe(model.length);
  }
  return model;
}

describe('the binary min-heap', () => {
  it('pops in (time, sequence) order whatever mix of pushes and pops came before', () => {
    // Each step pushes an event at a time (a number) or pops (null).
    const steps = fc.array(fc.option(fc.integer({ min: 0, max: 50 }), { nil: null, freq: 4 }), { maxLength: 300 });
    fc.assert(
      fc.property(steps, (ops) => {
        const heap = new MinHeap<Event>(earlier);
        const model = replay(heap, ops);
        const rest: Event[] = [];
        for (let e = heap.pop(); e; e = heap.pop()) rest.push(e);
        expect(rest).toEqual(model.sort(byTimeThenSeq));
      }),
    );
  });
});

describe('the first few in order, without sorting all', () => {
  it('is what sorting everything and taking the head gives, for an order without ties', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -1000, max: 1000 })), fc.nat(40), (items, count) => {
        const order = (a: number, b: number) => a - b;
        expect(firstInOrder(items, count, order)).toEqual([...items].sort(order).slice(0, count));
      }),
    );
  });
});

describe("the simulator's event queue", () => {
  it('pops in (time, sequence) order whatever mix of pushes and pops came before, and lists what is pending in that order', () => {
    // Each step pushes an event at a time (a number; few distinct ones, as in a busy cluster) or pops (null).
    const steps = fc.array(fc.option(fc.integer({ min: 0, max: 12 }), { nil: null, freq: 3 }), { maxLength: 400 });
    fc.assert(
      fc.property(steps, (ops) => {
        const queue = new EventQueue<Event>();
        const model = replay(queue, ops, { peek: true });
        expect(queue.toArray()).toEqual([...model].sort(byTimeThenSeq));
        // A queue rebuilt from that list (a restored snapshot) pops the same way.
        const restored = new EventQueue<Event>([...model].reverse());
        const rest: Event[] = [];
        for (let e = queue.pop(); e; e = queue.pop()) {
          rest.push(e);
          expect(restored.pop()).toEqual(e);
        }
        expect(rest).toEqual(model.sort(byTimeThenSeq));
        expect(queue.size).toBe(0);
        expect(queue.peek()).toBeUndefined();
      }),
    );
  });
});
