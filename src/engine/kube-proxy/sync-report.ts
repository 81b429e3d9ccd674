import type { AppliedMaps, UpdateResult } from './change-tracker';
import { structured } from './klog';
import type { SyncResult } from './proxier';
import type { LogEntry } from './startup';
import type { ProgrammedServicePort, ProxyMode } from './types';

interface TraceLine {
  action: string;
  detail: string;
  object?: string;
}

/** `1.2s`, `850ms`: how long a change took to reach this node's rules. */
function latency(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)}s` : `${ms}ms`;
}

/** Endpoints the rules send traffic to, per Service (`namespace/name`). */
function byService(ports: ProgrammedServicePort[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const p of ports) {
    const key = p.servicePort.slice(0, p.servicePort.indexOf(':'));
    const set = out.get(key) ?? out.set(key, new Set()).get(key)!;
    for (const e of p.endpoints) set.add(e);
  }
  return out;
}

/**
 * Trace entries for one sync: a summary, and per Service whose programmed endpoints changed
 * which ones this node's rules added and removed (so `sim trace svc/web` shows every node).
 */
export function syncTrace(mode: ProxyMode, maps: AppliedMaps, u: UpdateResult, r: SyncResult, nowMs: number, before: ProgrammedServicePort[], after: ProgrammedServicePort[]): TraceLine[] {
  const ports = Object.keys(maps.services).length;
  const endpoints = Object.values(maps.endpoints).reduce((n, e) => n + e.length, 0);
  const lag = u.oldestChangeMs !== undefined && nowMs > u.oldestChangeMs ? `; ${latency(nowMs - u.oldestChangeMs)} after the change` : '';
  const lines: TraceLine[] = [{ action: 'sync', detail: `synced ${mode} rules: ${ports} service ports, ${endpoints} endpoints, ${r.rules} rules${lag}` }];
  const old = byService(before);
  const now = byService(after);
  for (const key of [...new Set([...old.keys(), ...now.keys()])].sort()) {
    const was = old.get(key) ?? new Set<string>();
    const is = now.get(key) ?? new Set<string>();
    const added = [...is].filter((e) => !was.has(e));
    const removed = [...was].filter((e) => !is.has(e));
    const parts = [...(added.length ? [`added ${added.join(', ')}`] : []), ...(removed.length ? [`removed ${removed.join(', ')}`] : [])];
    if (parts.length > 0) lines.push({ action: 'program', detail: `${mode} rules for ${key}: ${parts.join('; ')}`, object: `services/${key}` });
  }
  return lines;
}

/** The V(2) lines a sync logs (seen with logging.verbosity >= 2 in config.conf). */
export function syncLog(mode: ProxyMode, maps: AppliedMaps, r: SyncResult): LogEntry[] {
  const what = mode === 'ipvs' ? 'ipvs' : mode === 'nftables' ? 'nftables' : 'iptables';
  const endpoints = Object.values(maps.endpoints).reduce((n, e) => n + e.length, 0);
  return [
    { severity: 'I', file: 'proxier.go:805', msg: structured(`Syncing ${what} rules`, { ipFamily: 'IPv4' }) },
    { severity: 'I', file: 'proxier.go:1494', msg: structured(`Reloading service ${what} data`, { ipFamily: 'IPv4', numServices: Object.keys(maps.services).length, numEndpoints: endpoints }) },
    { severity: 'I', file: 'proxier.go:799', msg: structured('SyncProxyRules complete', { ipFamily: 'IPv4', elapsed: `${(1 + r.written * 0.01).toFixed(3)}ms` }) },
  ];
}
