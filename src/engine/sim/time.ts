/**
 * Converting virtual time to the timestamps objects carry. Virtual time 0 is a fixed epoch so a
 * run prints the same creationTimestamp on every machine and every day.
 */
export const DEFAULT_EPOCH_MS = Date.UTC(2026, 0, 1, 0, 0, 0);

/**
 * Seconds already formatted, each once. Every object write stamps the current time, and the
 * kubelet restamps each pod's conditions and container states with the second each happened, so
 * a busy cluster asks for the same few hundred seconds millions of times. One string per second
 * also means every object stamped in that second shares it. Cleared when it grows past a day's
 * worth of distinct seconds, which only a very long run reaches.
 */
const STAMPS = new Map<number, string>();
const STAMPS_MAX = 86_400;

/** RFC 3339 with second precision, as metav1.Time serialises: `2026-01-01T00:00:05Z`. */
export function rfc3339(epochMs: number, virtualMs: number): string {
  const second = Math.floor((epochMs + virtualMs) / 1000);
  let stamp = STAMPS.get(second);
  if (stamp === undefined) {
    if (STAMPS.size >= STAMPS_MAX) STAMPS.clear();
    stamp = new Date(second * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    STAMPS.set(second, stamp);
  }
  return stamp;
}

/** RFC 3339 with microseconds, as metav1.MicroTime serialises (events' eventTime). */
export function rfc3339Micro(epochMs: number, virtualMs: number): string {
  return new Date(epochMs + virtualMs).toISOString().replace(/Z$/, '000Z');
}

/** Parse durations the CLI accepts: `30s`, `5m`, `1h30m`, `250ms`, or a bare number of seconds. */
export function parseDuration(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  let total = 0;
  let matched = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * unit[m[2]!]!;
    matched = re.lastIndex;
  }
  return matched === text.length && matched > 0 ? Math.round(total) : undefined;
}
