import { describe, expect, test } from 'vitest';
import { goDuration, newRunner, tryRun } from '../../../src/engine/kube-proxy/runner';

const cfg = { minIntervalMs: 1000, maxIntervalMs: 3_600_000, burst: 2 };

describe('BoundedFrequencyRunner', () => {
  test('two runs back to back (burst), then one per minInterval', () => {
    const s = newRunner(cfg, 0);
    expect(tryRun(s, cfg, 0).run).toBe(true);
    expect(tryRun(s, cfg, 10).run).toBe(true);
    const third = tryRun(s, cfg, 20);
    // Throttled: rescheduled for lastRun + minInterval.
    expect(third).toEqual({ run: false, timerInMs: 990, gen: s.timerGen });
    expect(tryRun(s, cfg, 500).run).toBe(false);
    expect(tryRun(s, cfg, 1010).run).toBe(true);
  });

  test('a run resets the periodic timer to maxInterval', () => {
    const s = newRunner(cfg, 0);
    expect(tryRun(s, cfg, 5)).toEqual({ run: true, timerInMs: 3_600_000, gen: 1 });
    expect(s.timerAtMs).toBe(3_600_005);
  });

  test('minInterval 0 (ipvs default) never throttles', () => {
    const ipvs = { minIntervalMs: 0, maxIntervalMs: 30_000, burst: 2 };
    const s = newRunner(ipvs, 0);
    for (let t = 0; t < 10; t++) expect(tryRun(s, ipvs, t).run).toBe(true);
  });

  test("durations as Go's time.Duration prints them in the runner's log line", () => {
    expect([goDuration(1000), goDuration(3_600_000), goDuration(30_000), goDuration(500), goDuration(1500)]).toEqual(['1s', '1h0m0s', '30s', '500ms', '1.5s']);
  });
});
