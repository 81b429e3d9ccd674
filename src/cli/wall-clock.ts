import type { TimeControl } from './commands/sim';

/**
 * Drives virtual time from the wall clock in an interactive terminal, as `clusterlab shell` does:
 * each tick turns the wall time since the last tick into virtual ms at the chosen speed. The
 * engine moves in whole ms, so the fraction carries over to the next tick instead of being lost
 * (at 1x with 16 ms ticks nothing is lost; at 0.5x the clock still moves).
 */
export class WallClockDriver {
  #lastWallMs: number;
  #carryMs = 0;

  constructor(wallNowMs: number) {
    this.#lastWallMs = wallNowMs;
  }

  /** Whole virtual ms to advance now; 0 while paused (wall time spent paused is dropped). */
  tick(wallNowMs: number, control: TimeControl): number {
    const wallMs = Math.max(0, wallNowMs - this.#lastWallMs);
    this.#lastWallMs = wallNowMs;
    if (control.paused) {
      this.#carryMs = 0;
      return 0;
    }
    this.#carryMs += wallMs * control.speed;
    const wholeMs = Math.floor(this.#carryMs);
    this.#carryMs -= wholeMs;
    return wholeMs;
  }

  /** Forget wall time that passed while the host was busy elsewhere (a command, a reset). */
  skipTo(wallNowMs: number): void {
    this.#lastWallMs = wallNowMs;
  }
}

/**
 * Advance a cluster with the wall clock every `periodMs` in a Node process (`clusterlab shell`,
 * the WebContainer daemon); `afterTick` runs after each step. Returns the function that stops it.
 */
export function followWallClock(control: () => TimeControl, advance: (ms: number) => void, afterTick: () => void = () => undefined, periodMs = 50): () => void {
  const driver = new WallClockDriver(performance.now());
  const timer = setInterval(() => {
    const ms = driver.tick(performance.now(), control());
    if (ms > 0) advance(ms);
    afterTick();
  }, periodMs);
  return () => clearInterval(timer);
}
