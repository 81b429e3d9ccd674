import type { Container, HTTPGetAction, Probe } from 'kubernetes-types/core/v1';
import { APPS, execInProcess } from '../apps';
import type { Kubelet } from './kubelet';
import { appContext, containerMessage } from './runtime';
import { killContainer } from './termination';
import type { ContainerWorker, PodWorker, ProbeKind } from './types';

const PROBE_NAME: Record<ProbeKind, string> = { startup: 'Startup', liveness: 'Liveness', readiness: 'Readiness' };

function probeSpec(spec: Container | undefined, kind: ProbeKind): Probe | undefined {
  return kind === 'startup' ? spec?.startupProbe : kind === 'liveness' ? spec?.livenessProbe : spec?.readinessProbe;
}


/**
 * Start the prober workers of a freshly started container. A startup probe gates the others.
 * Readiness is probed at once (the prober's manual trigger when a container starts running);
 * liveness and startup first run one period later.
 */
export function startProbes(k: Kubelet, w: PodWorker, c: ContainerWorker, spec: Container): void {
  for (const kind of ['startup', 'liveness', 'readiness'] as const) c.probes[kind] = { successes: 0, failures: 0, result: 'unknown' };
  if (c.init) return;
  if (spec.startupProbe) return schedule(k, w, c, 'startup', periodMs(spec.startupProbe));
  startAfterStartup(k, w, c, spec);
}

function startAfterStartup(k: Kubelet, w: PodWorker, c: ContainerWorker, spec: Container): void {
  if (spec.livenessProbe) schedule(k, w, c, 'liveness', periodMs(spec.livenessProbe));
  if (spec.readinessProbe) schedule(k, w, c, 'readiness', 0);
}

function periodMs(p: Probe): number {
  return (p.periodSeconds ?? 10) * 1000;
}

function schedule(k: Kubelet, w: PodWorker, c: ContainerWorker, kind: ProbeKind, delayMs: number): void {
  k.after(delayMs, containerMessage(w, c, 'probe', { probe: kind }));
}

/** One probe run: skip inside initialDelaySeconds, count results against the thresholds. */
export function onProbe(k: Kubelet, w: PodWorker, c: ContainerWorker, kind: ProbeKind): void {
  const spec = k.specOf(w, c);
  const probe = probeSpec(spec, kind);
  if (!probe || !spec || c.stage !== 'running' || !c.current) return;
  const st = c.probes[kind];
  const sinceStartMs = k.simulator.now() - c.current.startedAtMs;
  if (sinceStartMs < (probe.initialDelaySeconds ?? 0) * 1000) return schedule(k, w, c, kind, periodMs(probe));
  const result = runProbe(k, w, c, probe);
  if (result.ok) {
    st.successes++;
    st.failures = 0;
    const needed = kind === 'readiness' ? (probe.successThreshold ?? 1) : 1;
    if (st.result !== 'success' && st.successes >= needed) return succeed(k, w, c, spec, kind, probe);
  } else {
    st.failures++;
    st.successes = 0;
    k.event(w, c, 'Warning', 'Unhealthy', `${PROBE_NAME[kind]} probe failed: ${result.output}`);
    if (st.failures >= (probe.failureThreshold ?? 3) && st.result !== 'failure') {
      st.result = 'failure';
      if (kind !== 'readiness') return failContainer(k, w, c, kind, probe);
      c.ready = false;
      k.markDirty(w);
    }
  }
  schedule(k, w, c, kind, periodMs(probe));
}

function succeed(k: Kubelet, w: PodWorker, c: ContainerWorker, spec: Container, kind: ProbeKind, probe: Probe): void {
  c.probes[kind].result = 'success';
  if (kind === 'startup') {
    c.started = true;
    c.ready = !spec.readinessProbe;
    k.markDirty(w);
    // The startup probe's job is done; liveness and readiness take over.
    return startAfterStartup(k, w, c, spec);
  }
  if (kind === 'readiness') {
    c.ready = true;
    k.markDirty(w);
  }
  schedule(k, w, c, kind, periodMs(probe));
}

/** Liveness or startup failed: kill the container (it restarts per restartPolicy). */
function failContainer(k: Kubelet, w: PodWorker, c: ContainerWorker, kind: ProbeKind, probe: Probe): void {
  const pod = k.podOf(w);
  const restart = pod?.spec?.restartPolicy !== 'Never';
  const base = `Container ${c.name} failed ${kind} probe`;
  const grace = probe.terminationGracePeriodSeconds ?? pod?.spec?.terminationGracePeriodSeconds ?? 30;
  c.ready = false;
  k.markDirty(w);
  killContainer(k, w, c, kind === 'liveness' ? 'liveness' : 'startup', grace, restart ? `${base}, will be restarted` : base);
}

/** Evaluate a probe against the container's simulated app. */
function runProbe(k: Kubelet, w: PodWorker, c: ContainerWorker, probe: Probe): { ok: boolean; output: string } {
  const ip = w.podIP ?? '';
  if (probe.exec) {
    const r = execInProcess(appContext(k, w, c), c.current!.proc, probe.exec.command ?? []);
    return { ok: r.exitCode === 0, output: (r.stdout + r.stderr).replace(/\n$/, '') };
  }
  if (probe.httpGet) return probeHttp(k, w, c, probe.httpGet);
  if (probe.tcpSocket) {
    const port = resolvePort(k.specOf(w, c), probe.tcpSocket.port);
    const open = APPS[c.current!.proc.kind].ports(c.current!.proc).includes(port);
    return open ? { ok: true, output: '' } : { ok: false, output: `dial tcp ${ip}:${port}: connect: connection refused` };
  }
  // gRPC probes are not simulated yet; treat the service as SERVING.
  return { ok: true, output: '' };
}

function resolvePort(spec: Container | undefined, port: number | string): number {
  if (typeof port === 'number') return port;
  return spec?.ports?.find((p) => p.name === port)?.containerPort ?? Number(port);
}

/** An HTTP GET from the kubelet, as probes and httpGet hooks send it. */
export function probeHttp(k: Kubelet, w: PodWorker, c: ContainerWorker, get: HTTPGetAction): { ok: boolean; output: string } {
  const port = resolvePort(k.specOf(w, c), get.port);
  const path = get.path ?? '/';
  const host = get.host ?? w.podIP ?? '';
  const req = { method: 'GET', path, port, remoteAddr: k.gateway, userAgent: `kube-probe/${k.version.major}.${k.version.minor}` };
  const res = APPS[c.current!.proc.kind].http?.(appContext(k, w, c), c.current!.proc, req);
  const url = `${(get.scheme ?? 'HTTP').toLowerCase()}://${host}:${port}${path}`;
  if (!res) return { ok: false, output: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
  if (res.status >= 200 && res.status < 400) return { ok: true, output: '' };
  return { ok: false, output: `HTTP probe failed with statuscode: ${res.status}` };
}
