import { atLeast, type KubeVersion } from '../version';

/**
 * klog's line header: `I1123 17:13:38.123456       1 proxier.go:805] `, severity, date,
 * time with microseconds, thread id (always 1 in a container's PID namespace), file:line.
 */
export function klogLine(severity: 'I' | 'W' | 'E', wallMs: number, file: string, message: string, extraMicros = 0): string {
  const d = new Date(wallMs + Math.floor(extraMicros / 1000));
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const micros = `${p(d.getUTCMilliseconds(), 3)}${p(extraMicros % 1000, 3)}`;
  return `${severity}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${micros} ${'1'.padStart(7)} ${file}] ${message}`;
}

/** `"msg" key="value" n=3`: structured logging (klog.InfoS), used since 1.21. */
export function structured(msg: string, kv: Record<string, string | number | boolean> = {}): string {
  const pairs = Object.entries(kv).map(([k, v]) => `${k}=${typeof v === 'string' ? JSON.stringify(v) : String(v)}`);
  return [JSON.stringify(msg), ...pairs].join(' ');
}

/** Whether this release logs in the structured form (most of kube-proxy migrated in 1.21). */
export function usesStructuredLogs(v: KubeVersion): boolean {
  return atLeast(v, 21);
}
