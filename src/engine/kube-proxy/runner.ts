/**
 * BoundedFrequencyRunner (pkg/util/async) as plain state driven by virtual time: a run happens
 * at once if the token bucket (one token per minInterval, up to `burst`) allows it, else it is
 * scheduled for lastRun + minInterval; and at least once per maxInterval regardless.
 */
export interface RunnerConfig {
  minIntervalMs: number;
  maxIntervalMs: number;
  burst: number;
}

export interface RunnerState {
  tokens: number;
  tokensAtMs: number;
  lastRunMs?: number;
  /** When the pending timer fires, and its generation (older timers are ignored). */
  timerAtMs?: number;
  timerGen: number;
}

export function newRunner(cfg: RunnerConfig, nowMs: number): RunnerState {
  return { tokens: cfg.burst, tokensAtMs: nowMs, timerGen: 0 };
}

/** What the caller must do after a tryRun: run the function now, or (re)arm a timer. */
export type RunnerDecision = { run: true; timerInMs: number; gen: number } | { run: false; timerInMs?: number; gen: number };

function refill(s: RunnerState, cfg: RunnerConfig, nowMs: number): void {
  if (cfg.minIntervalMs <= 0) return;
  s.tokens = Math.min(cfg.burst, s.tokens + (nowMs - s.tokensAtMs) / cfg.minIntervalMs);
  s.tokensAtMs = nowMs;
}

/**
 * Decide a run request (from Run() or the timer). With minInterval 0 there is no limiter and
 * every request runs, as upstream.
 */
export function tryRun(s: RunnerState, cfg: RunnerConfig, nowMs: number): RunnerDecision {
  refill(s, cfg, nowMs);
  if (cfg.minIntervalMs <= 0 || s.tokens >= 1) {
    if (cfg.minIntervalMs > 0) s.tokens -= 1;
    s.lastRunMs = nowMs;
    s.timerAtMs = nowMs + cfg.maxIntervalMs;
    s.timerGen++;
    return { run: true, timerInMs: cfg.maxIntervalMs, gen: s.timerGen };
  }
  const nextPossible = cfg.minIntervalMs - (nowMs - (s.lastRunMs ?? nowMs));
  const remaining = s.timerAtMs === undefined ? Infinity : s.timerAtMs - nowMs;
  if (nextPossible < remaining) {
    s.timerAtMs = nowMs + Math.max(0, nextPossible);
    s.timerGen++;
    return { run: false, timerInMs: Math.max(0, nextPossible), gen: s.timerGen };
  }
  return { run: false, gen: s.timerGen };
}

/** `1s`, `1h0m0s`, `500ms`: Go's time.Duration String() for the runner's log line. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const sec = `${Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, '')}s`;
  if (h > 0) return `${h}h${m}m${sec}`;
  if (m > 0) return `${m}m${sec}`;
  return sec;
}
