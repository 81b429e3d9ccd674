import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SavedLab } from '../../src/labs/types';
import { prewarmLabWorker, takeLabWorker } from '../../src/runtime/worker/spawn';

/** Records what the page did with its workers; Node has no Worker. */
class FakeWorker {
  static made: FakeWorker[] = [];
  readonly name: string;
  readonly script: string;
  readonly messages: unknown[] = [];
  terminated = false;
  constructor(url: URL, options: { name: string }) {
    this.name = options.name;
    this.script = url.pathname.split('/').pop()!;
    FakeWorker.made.push(this);
  }
  postMessage(message: unknown): void {
    this.messages.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
}

const saved = (labId: string) => ({ labId, transcript: [] }) as unknown as SavedLab;

describe('workers started ahead of Start', () => {
  beforeEach(() => {
    FakeWorker.made = [];
    vi.stubGlobal('Worker', FakeWorker);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('are handed to the start request they were prepared for, once', () => {
    prewarmLabWorker({ labId: 'pods' });
    prewarmLabWorker({ labId: 'pods' });
    expect(FakeWorker.made).toHaveLength(1);
    expect(FakeWorker.made[0]!.name).toContain('"labId":"pods"');
    // A lab's worker is the script with every lab in it; a sandbox's has none.
    expect(FakeWorker.made[0]!.script).toBe('lab-entry.ts');
    expect(takeLabWorker({ labId: 'pods' })).toBe(FakeWorker.made[0]);
    expect(takeLabWorker({ labId: 'pods' })).not.toBe(FakeWorker.made[0]);
    expect(FakeWorker.made).toHaveLength(2);
  });

  it('are not handed to another lab, or to the same lab resuming from another state', () => {
    const state = saved('pods');
    prewarmLabWorker({ labId: 'pods', saved: state });
    expect(FakeWorker.made[0]!.messages).toEqual([{ kind: 'prepare', request: { labId: 'pods', saved: state } }]);
    expect(takeLabWorker({ labId: 'services' })).not.toBe(FakeWorker.made[0]);
    expect(takeLabWorker({ labId: 'pods' })).not.toBe(FakeWorker.made[0]);
    expect(takeLabWorker({ labId: 'pods', saved: state })).toBe(FakeWorker.made[0]);
  });

  it('prepared for a state that is no longer the one to start are stopped', () => {
    prewarmLabWorker({});
    const state = saved('sandbox');
    prewarmLabWorker({ saved: state });
    expect(FakeWorker.made[0]!.terminated).toBe(true);
    expect(FakeWorker.made.map((w) => w.script)).toEqual(['entry.ts', 'entry.ts']);
    expect(takeLabWorker({ saved: state })).toBe(FakeWorker.made[1]);
  });
});
