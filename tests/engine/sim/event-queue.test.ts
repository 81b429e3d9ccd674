import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../src/engine/sim/event-queue';

interface Event {
  at: number;
  seq: number;
}
const byTimeThenSeq = (a: Event, b: Event) => a.at - b.at || a.seq - b.seq;

describe("the simulator's event queue", () => {
  it('pops in (time, sequence) order whatever mix of pushes and pops came before, and lists what is pending in that order', () => {
    // Each step pushes an event at a time (a number; few distinct ones, as in a busy cluster) or pops (null).
    const steps = fc.array(fc.option(fc.integer({ min: 0, max: 12 }), { nil: null, freq: 3 }), { maxLength: 400 });
    fc.assert(
      fc.property(steps, (ops) => {
        const queue = new EventQueue<Event>();
        const model: Event[] = [];
        let seq = 0;
        for (const at of ops) {
          if (at === null) {
            model.sort(byTimeThenSeq);
            expect(queue.peek()).toEqual(model[0]);
            expect(queue.pop()).toEqual(model.shift());
          } else {
            const event = { at, seq: seq++ };
            queue.push(event);
            model.push(event);
          }
          expect(queue.size).toBe(model.length);
        }
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
