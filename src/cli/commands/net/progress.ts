/**
 * curl's progress meter, as it looks once a transfer ends: printed to stderr when the body goes
 * to a file (-o) and -s was not given.
 */
export const PROGRESS_HEADER = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n';

/** curl's max5data: a byte count in at most five columns (`  615`, ` 600k`, ` 1.2M`). */
export function max5(bytes: number): string {
  const n = Math.floor(bytes);
  if (n < 100_000) return String(n).padStart(5);
  if (n < 10_000 * 1024) return `${String(Math.floor(n / 1024)).padStart(4)}k`;
  if (n < 100 * 1024 * 1024) return `${String(Math.floor(n / (1024 * 1024))).padStart(2)}.${Math.floor((n % (1024 * 1024)) / (1024 * 1024 / 10))}M`;
  return `${String(Math.floor(n / (1024 * 1024))).padStart(4)}M`;
}

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${String(h).padStart(2)}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** The final meter line: percentages, sizes, average speed, elapsed time. */
export function progressLine(bytes: number, ms: number): string {
  const speed = ms > 0 ? (bytes * 1000) / ms : bytes * 1000;
  const pct = bytes > 0 ? '100' : '  0';
  const spent = ms >= 1000 ? clock(ms) : '--:--:--';
  return `${pct} ${max5(bytes)}  ${pct} ${max5(bytes)}    0     0  ${max5(speed)}      0 --:--:-- ${spent} --:--:-- ${max5(bytes > 0 ? speed : 0)}\n`;
}
