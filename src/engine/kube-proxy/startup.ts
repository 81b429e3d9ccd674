import { atLeast, formatVersion, type KubeVersion } from '../version';
import type { ProxyRunConfig } from './config';
import { SCHEDULERS } from './ipvs/schedulers';
import { structured, usesStructuredLogs } from './klog';
import type { ProxyMode } from './types';

/** A log line before its klog header: severity, source file:line, message. */
export interface LogEntry {
  severity: 'I' | 'W' | 'E';
  file: string;
  msg: string;
}

export type StartDecision = { ok: true; mode: ProxyMode; log: LogEntry[] } | { ok: false; log: LogEntry[] };

const IPVS_MODULES = '[ip_vs ip_vs_rr ip_vs_wrr ip_vs_sh nf_conntrack]';

/** Modes the config validation of this release accepts (nftables from 1.31, when its gate went on by default). */
export function validModes(v: KubeVersion): string[] {
  if (!atLeast(v, 26)) return ['iptables', 'ipvs', 'userspace'];
  return atLeast(v, 31) ? ['iptables', 'ipvs', 'nftables'] : ['iptables', 'ipvs'];
}

/** The validation error for a mode this release does not know (validateProxyMode nests ProxyMode under Mode). */
export function invalidModeError(mode: string, v: KubeVersion): string {
  const modes = validModes(v).join(atLeast(v, 29) ? ', ' : ',');
  return `KubeProxyConfiguration.Mode.ProxyMode: Invalid value: "${mode}": must be ${modes} or blank (blank means the best-available proxy [currently iptables])`;
}

function failed(err: string, v: KubeVersion): StartDecision {
  const msg = usesStructuredLogs(v) ? structured('command failed', { err }) : `command failed: ${err}`;
  return { ok: false, log: [{ severity: 'E', file: 'run.go:72', msg }] };
}

/**
 * What kube-proxy does with its configuration on this node: the mode it runs, or the error it
 * exits with. Version history: userspace was removed and the IPVS→iptables fallback dropped in
 * 1.26 (PR #111806); from 1.27 the IPVS check probes a dummy virtual server (PR #114669), with the
 * configured scheduler, which is no longer validated against a list (PR #114878).
 */
export function decideStart(run: ProxyRunConfig, v: KubeVersion, ipvsModules: boolean): StartDecision {
  const requested = run.mode === '' ? 'iptables' : run.mode;
  if (!validModes(v).includes(requested)) return failed(`failed validate: ${invalidModeError(requested, v)}`, v);
  if (requested === 'ipvs' && run.scheduler !== '' && !SCHEDULERS.includes(run.scheduler)) return unknownScheduler(run.scheduler, v);
  const log: LogEntry[] = [];
  let mode = requested as ProxyMode;
  if (mode === 'ipvs' && !ipvsModules) {
    const missing = `IPVS proxier will not be used because the following required kernel modules are not loaded: ${IPVS_MODULES}`;
    if (atLeast(v, 27)) {
      return { ok: false, log: [{ severity: 'I', file: 'proxier.go:226', msg: structured('Dummy VS not created', { scheduler: run.scheduler || 'rr' }) }, ...failed("can't use the IPVS proxier: Ipvs not supported", v).log] };
    }
    if (atLeast(v, 26)) return failed(`can't use the IPVS proxier: ${missing}`, v);
    log.push({ severity: 'E', file: 'server_others.go:305', msg: `can't determine whether to use ipvs proxy, error: ${missing}` });
    mode = 'iptables';
  }
  return { ok: true, mode, log: [...log, ...startupLines(mode, v)] };
}

/**
 * A scheduler the simulated kernel has no module for (it has the ten kube-proxy once listed).
 * Before 1.27 config validation rejected any name outside that list; since 1.27 (PR #114878)
 * kube-proxy passes the name to the kernel and fails when the dummy virtual server cannot be
 * created with it.
 */
function unknownScheduler(scheduler: string, v: KubeVersion): StartDecision {
  if (!atLeast(v, 27)) {
    const supported = `[${[...SCHEDULERS, ''].join(' ')}]`;
    return failed(`failed validate: KubeProxyConfiguration.IPVS.Scheduler: Invalid value: "${scheduler}": must be in ${supported}, blank means the default algorithm method (currently rr)`, v);
  }
  const err = "can't use the IPVS proxier: no such file or directory";
  return {
    ok: false,
    log: [
      { severity: 'E', file: 'proxier.go:634', msg: structured('Could not create dummy VS', { err: 'no such file or directory', scheduler }) },
      { severity: 'E', file: 'server.go:558', msg: structured('Error running ProxyServer', { err }) },
      ...failed(err, v).log,
    ],
  };
}

/** The lines a healthy kube-proxy of this release prints while starting in `mode`. */
function startupLines(mode: ProxyMode, v: KubeVersion): LogEntry[] {
  const name = { iptables: 'iptables', ipvs: 'ipvs', nftables: 'nftables', userspace: 'userspace' }[mode];
  if (!usesStructuredLogs(v)) {
    return [
      { severity: 'I', file: 'server_others.go:148', msg: `Using ${name} Proxier.` },
      { severity: 'I', file: 'server.go:548', msg: `Version: ${formatVersion(v)}` },
      { severity: 'I', file: 'config.go:133', msg: 'Starting endpoints config controller' },
      { severity: 'I', file: 'config.go:315', msg: 'Starting service config controller' },
      { severity: 'I', file: 'shared_informer.go:230', msg: 'Caches are synced for endpoints config ' },
      { severity: 'I', file: 'shared_informer.go:230', msg: 'Caches are synced for service config ' },
    ];
  }
  const lines: LogEntry[] = [
    { severity: 'I', file: 'server_linux.go:53', msg: structured(`Using ${name} proxy`) },
    {
      severity: 'I',
      file: 'server.go:256',
      msg: structured('Kube-proxy configuration may be incomplete or incorrect', { err: 'nodePortAddresses is unset; NodePort connections will be accepted on all local IPs. Consider using `--nodeport-addresses primary`' }),
    },
    { severity: 'I', file: 'server_linux.go:132', msg: structured(`Using ${name} Proxier`) },
  ];
  if (mode === 'iptables') {
    lines.push({
      severity: 'I',
      file: 'proxier.go:242',
      msg: structured('Setting route_localnet=1 to allow node-ports on localhost; to change this either disable iptables.localhostNodePorts (--iptables-localhost-nodeports) or set nodePortAddresses (--nodeport-addresses) to filter loopback addresses', { ipFamily: 'IPv4' }),
    });
  }
  lines.push(
    { severity: 'I', file: 'server.go:527', msg: structured('Version info', { version: formatVersion(v) }) },
    { severity: 'I', file: 'server.go:529', msg: structured('Golang settings', { GOGC: '', GOMAXPROCS: '', GOTRACEBACK: '' }) },
  );
  for (const [file, c] of [['config.go:200', 'service config'], ['config.go:106', 'endpoint slice config'], ['config.go:329', 'node config']] as const) {
    lines.push({ severity: 'I', file, msg: structured(`Starting ${c} controller`) });
    lines.push({ severity: 'I', file: 'shared_informer.go:349', msg: structured('Waiting for caches to sync', { controller: c }) });
  }
  for (const c of ['service config', 'endpoint slice config', 'node config']) lines.push({ severity: 'I', file: 'shared_informer.go:356', msg: structured('Caches are synced', { controller: c }) });
  return lines;
}
