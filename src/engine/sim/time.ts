/**
 * Converting virtual time to the timestamps objects carry. Virtual time 0 is a fixed epoch so a
 * run prints the same creationTimestamp on every machine and every day.
 */
export const DEFAULT_EPOCH_MS = Date.UTC(2026, 0, 1, 0, 0, 0);

/**
 * A timestamp format at one-second precision, each second formatted once. Every object write
 * stamps the current time, the kubelet restamps each pod's conditions with the seconds they
 * happened, and every nginx start logs its lines: a busy cluster asks for the same few hundred
 * seconds millions of times. One string per second also means everything stamped in that second
 * shares it. Forgotten when past a day's worth of distinct seconds, which only long runs reach.
 */
export function perSecond(format: (unixSecond: number) => string): (epochMs: number, virtualMs: number) => string {
  const formatted = new Map<number, string>();
  return (epochMs, virtualMs) => {
    const second = Math.floor((epochMs + virtualMs) / 1000);
    let text = formatted.get(second);
    if (text === undefined) {
      if (formatted.size >= 86_400) formatted.clear();
      text = format(second);
      formatted.set(second, text);
    }
    return text;
  };
}

/** RFC 3339 with second precision, as metav1.Time serialises: `2026-01-01T00:00:05Z`. */
export const rfc3339 = perSecond((second) => new Date(second * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'));

const microTimes = new Map<number, string>();

/**
 * RFC 3339 with microseconds, as metav1.MicroTime serialises (events' eventTime, lease renewals).
 * One string per instant: a rollout stamps hundreds of Events in the same virtual ms. Forgotten
 * past a few thousand instants, so the cache stays small.
 */
export function rfc3339Micro(epochMs: number, virtualMs: number): string {
  const at = epochMs + virtualMs;
  let text = microTimes.get(at);
  if (text === undefined) {
    if (microTimes.size >= 4096) microTimes.clear();
    text = new Date(at).toISOString().replace(/Z$/, '000Z');
    microTimes.set(at, text);
  }
  return text;
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
