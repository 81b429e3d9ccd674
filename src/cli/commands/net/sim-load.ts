import type { Cluster } from '../../../engine/cluster';
import type { NetClient } from '../../../engine/network/index';
import { parseDuration } from '../../../engine/sim/time';
import type { Pod } from 'kubernetes-types/core/v1';
import type { Command, CommandResult } from '../../types';
import { needNetwork, type NetHostOf } from './context';
import { percentile, runLoad } from './load-runner';

const USAGE = `Send HTTP load through the simulated network, in virtual time.

Usage:
  sim load --url URL --rps N --duration 60s [--from pod/NAME|node/NAME] [-n NAMESPACE]
      run it now: the clock advances by the duration; every request is a traffic record
  sim load start NAME --url URL --rps N [--duration 10m] [--from ...]
      keep it running in the background while you work
  sim load stop NAME
  sim load list
`;

interface LoadArgs {
  sub?: string;
  name?: string;
  url?: string;
  rps?: number;
  durationMs?: number;
  from?: string;
  namespace: string;
}

function parse(argv: string[]): LoadArgs | string {
  const o: LoadArgs = { namespace: 'default' };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const v = () => inline ?? argv[++i];
    if (flag === '--url') o.url = v();
    else if (flag === '--rps') o.rps = Number(v());
    else if (flag === '--duration') {
      const d = parseDuration(v() ?? '');
      if (d === undefined) return `sim load: invalid duration\n`;
      o.durationMs = d;
    } else if (flag === '--from') o.from = v();
    else if (flag === '-n' || flag === '--namespace') o.namespace = v() ?? 'default';
    else if (a.startsWith('-')) return `sim load: unknown flag ${a}\n\n${USAGE}`;
    else positional.push(a);
  }
  [o.sub, o.name] = positional;
  return o;
}

function clientFrom(cluster: Cluster, from: string | undefined, namespace: string, fallback: NetClient): NetClient | string {
  if (!from) return fallback;
  const [kind, name] = from.split('/');
  if (kind === 'node' && cluster.config.nodes.some((n) => n.name === name)) return { kind: 'node', node: name! };
  if (kind === 'pod' && name) {
    const pod = cluster.api.tryGet<Pod>('pods', namespace, name);
    if (pod?.status?.podIP && pod.spec?.nodeName) return { kind: 'pod', node: pod.spec.nodeName, namespace, name, ip: pod.status.podIP, dnsPolicy: pod.spec.dnsPolicy ?? 'ClusterFirst' };
    return `sim load: pod ${namespace}/${name} has no IP yet\n`;
  }
  if (kind === 'workstation') return { kind: 'workstation' };
  return `sim load: --from must be workstation, node/NAME or pod/NAME\n`;
}

/** `sim load`: a traffic generator for labs (foreground with a summary, or in the background). */
export function createSimLoad(cluster: Cluster, hostOf: NetHostOf): Command {
  return (ctx): CommandResult => {
    const o = parse(ctx.argv.slice(1));
    if (typeof o === 'string') return { stdout: '', stderr: o, exitCode: 1 };
    const net = needNetwork(cluster, 'sim load');
    if ('exitCode' in net) return net;
    if (o.sub === 'list') return { stdout: net.loads().map((l) => `${l.name}\t${l.rps}/s\t${l.url}\t${l.sent} sent\n`).join('') || 'No load generators running.\n', stderr: '', exitCode: 0 };
    if (o.sub === 'stop') return net.stopLoad(o.name ?? '') ? { stdout: `load ${o.name} stopped\n`, stderr: '', exitCode: 0 } : { stdout: '', stderr: `sim load: no load generator named ${o.name ?? '""'}\n`, exitCode: 1 };
    if (!o.url || !(o.rps! > 0)) return { stdout: '', stderr: `sim load: --url and --rps are required\n\n${USAGE}`, exitCode: 1 };
    const client = clientFrom(cluster, o.from, o.namespace, hostOf().client);
    if (typeof client === 'string') return { stdout: '', stderr: client, exitCode: 1 };
    if (o.sub === 'start') {
      if (!o.name) return { stdout: '', stderr: `sim load: start needs a NAME\n`, exitCode: 1 };
      net.startLoad({ name: o.name, url: o.url, rps: o.rps!, client, generation: ctx.host.now(), ...(o.durationMs ? { untilMs: ctx.host.now() + o.durationMs } : {}) });
      return { stdout: `load ${o.name} started: ${o.rps} requests/s to ${o.url}\n`, stderr: '', exitCode: 0 };
    }
    if (o.sub !== undefined) return { stdout: '', stderr: `sim load: unknown subcommand ${o.sub}\n\n${USAGE}`, exitCode: 1 };
    const durationMs = o.durationMs ?? 10_000;
    const results = runLoad(ctx.host, net, { client, url: o.url, label: 'sim-load', userAgent: 'clusterlab-load', method: 'GET', workers: 1, rpsPerWorker: o.rps!, durationMs, keepAlive: false, timeoutMs: 5000, openLoop: true });
    return { stdout: summary(results, o.url, durationMs), stderr: '', exitCode: 0 };
  };
}

function summary(results: ReturnType<typeof runLoad>, url: string, durationMs: number): string {
  const byOutcome = new Map<string, number>();
  const byPod = new Map<string, number>();
  for (const r of results) {
    const key = r.timedOut ? 'timeout' : r.outcome.reply ? String(r.outcome.reply.status) : (r.outcome.error ?? 'error');
    byOutcome.set(key, (byOutcome.get(key) ?? 0) + 1);
    const pod = r.outcome.reply?.upstream?.pod ?? r.outcome.conn?.pod;
    if (r.outcome.reply && pod) byPod.set(pod, (byPod.get(pod) ?? 0) + 1);
  }
  const lat = results.filter((r) => r.outcome.reply).map((r) => r.ms).sort((a, b) => a - b);
  const lines = [`${results.length} requests to ${url} in ${durationMs / 1000}s`, 'outcomes:'];
  for (const [k, v] of [...byOutcome].sort()) lines.push(`  ${k.padEnd(20)} ${v}`);
  if (byPod.size > 0) {
    lines.push('answered by:');
    for (const [k, v] of [...byPod].sort()) lines.push(`  ${k.padEnd(40)} ${v}`);
  }
  if (lat.length > 0) lines.push(`latency: p50 ${percentile(lat, 50).toFixed(2)}ms  p90 ${percentile(lat, 90).toFixed(2)}ms  p99 ${percentile(lat, 99).toFixed(2)}ms  max ${lat[lat.length - 1]!.toFixed(2)}ms`);
  return `${lines.join('\n')}\n`;
}
