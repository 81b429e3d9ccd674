/** Lines kept per container instance (the kubelet rotates logs at 10 MiB; we keep the tail). */
export const LOG_LINES_MAX = 2000;

export type LogEntry = [virtualMs: number, line: string];

/**
 * One container instance's log: when each line was written, and the line. Kept as two parallel
 * arrays rather than a pair per line: nginx writes nineteen lines as it starts, and on a
 * 5,000-pod rollout the pairs were the largest thing the kubelets held. Snapshots still see the
 * pairs (toJSON), so saved clusters and state hashes are unchanged.
 */
export class ContainerLog {
  #times: number[] = [];
  #lines: string[] = [];
  /**
   * Whether the arrays are borrowed (see appendAll) and must be copied before they change: every
   * nginx of a rollout starts with the same nineteen lines, and two arrays of them per container
   * were 3 MB of a 5,000-pod rollout.
   */
  #borrowed = false;

  static from(entries: readonly LogEntry[]): ContainerLog {
    const log = new ContainerLog();
    for (const [t, line] of entries) log.append(t, line);
    return log;
  }

  get length(): number {
    return this.#lines.length;
  }

  /**
   * Lines written at once, at one virtual time. The first lines of a log borrow `lines`, which
   * the caller shares and never changes, and a times array shared with every log that started
   * at the same ms with as many lines.
   */
  appendAll(virtualMs: number, lines: readonly string[]): void {
    if (this.#lines.length > 0 || lines.length > LOG_LINES_MAX) {
      for (const line of lines) this.append(virtualMs, line);
      return;
    }
    this.#lines = lines as string[];
    this.#times = sameTimes(virtualMs, lines.length);
    this.#borrowed = true;
  }

  append(virtualMs: number, line: string): void {
    if (this.#borrowed) {
      this.#times = [...this.#times];
      this.#lines = [...this.#lines];
      this.#borrowed = false;
    }
    this.#times.push(virtualMs);
    this.#lines.push(line);
    if (this.#lines.length > LOG_LINES_MAX) {
      const excess = this.#lines.length - LOG_LINES_MAX;
      this.#times.splice(0, excess);
      this.#lines.splice(0, excess);
    }
  }

  /** Every line, without times. */
  lines(): string[] {
    return [...this.#lines];
  }

  /** The last `count` entries with their times (all of them when count is undefined). */
  entries(count?: number): LogEntry[] {
    const from = count === undefined ? 0 : Math.max(0, this.#lines.length - count);
    const out: LogEntry[] = [];
    for (let i = from; i < this.#lines.length; i++) out.push([this.#times[i]!, this.#lines[i]!]);
    return out;
  }

  toJSON(): LogEntry[] {
    return this.entries();
  }
}

let lastTimes: number[] = [];

/** `count` copies of `virtualMs`: the array the last caller asked for again when it is the same. */
function sameTimes(virtualMs: number, count: number): number[] {
  if (lastTimes.length !== count || lastTimes[0] !== virtualMs) lastTimes = new Array<number>(count).fill(virtualMs);
  return lastTimes;
}
