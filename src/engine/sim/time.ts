/**
 * Converting virtual time to the timestamps objects carry. Virtual time 0 is a fixed epoch so a
 * run prints the same creationTimestamp on every machine and every day.
 */
export const DEFAULT_EPOCH_MS = Date.UTC(2026, 0, 1, 0, 0, 0);

/**
 * The last second formatted. Every object write stamps the current time and a busy cluster writes
 * thousands of objects within one virtual second, so remembering it skips most of the formatting.
 */
let lastSecond = Number.NaN;
let lastStamp = '';

/** RFC 3339 with second precision, as metav1.Time serialises: `2026-01-01T00:00:05Z`. */
export function rfc3339(epochMs: number, virtualMs: number): string {
  const second = Math.floor((epochMs + virtualMs) / 1000);
  if (second !== lastSecond) {
    lastStamp = new Date(second * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    lastSecond = second;
  }
  return lastStamp;
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
