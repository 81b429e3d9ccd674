import type { Cluster } from '../../../engine/cluster';
import type { Command } from '../../types';
import { expandShort, needNetwork, secondsToMs, type NetHostOf } from './context';

const fmt = (ms: number) => ms.toFixed(3);

/**
 * `ping -c N HOST`: iputils on nodes, busybox in busybox images. Without -c it stops after 4
 * (a script cannot press Ctrl-C). A ClusterIP never answers: it is a DNAT rule, not a host.
 */
export function createPing(cluster: Cluster, hostOf: NetHostOf): Command {
  return (ctx) => {
    const args = expandShort(ctx.argv, 'cWiw');
    let count = 4;
    let waitMs = 1000;
    let quiet = false;
    let target: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-c') count = Math.max(1, Number(args[++i]) || 1);
      else if (a === '-W' || a === '-w') waitMs = secondsToMs(args[++i]) ?? waitMs;
      else if (a === '-i') i++;
      else if (a === '-q') quiet = true;
      else target = a;
    }
    const { client, flavour } = hostOf();
    const busybox = flavour === 'busybox';
    if (!target) return { stdout: '', stderr: busybox ? 'BusyBox v1.37.0 multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n' : 'ping: usage error: Destination address required\n', exitCode: busybox ? 1 : 2 };
    const net = needNetwork(cluster, 'ping');
    if ('exitCode' in net) return net;
    const dns = net.resolve(client, target);
    if (!dns.ok) {
      ctx.host.advance(Math.ceil(dns.ms));
      return { stdout: '', stderr: busybox ? `ping: bad address '${target}'\n` : `ping: ${target}: Name or service not known\n`, exitCode: busybox ? 1 : 2 };
    }
    const ip = dns.ips[0]!;
    const lines = [busybox ? `PING ${target} (${ip}): 56 data bytes` : `PING ${target} (${ip}) 56(84) bytes of data.`];
    const rtts: number[] = [];
    for (let seq = 1; seq <= count; seq++) {
      const reply = net.ping(client, ip);
      if (reply) {
        rtts.push(reply.rttMs);
        if (!quiet) lines.push(busybox ? `64 bytes from ${ip}: seq=${seq - 1} ttl=${reply.ttl} time=${fmt(reply.rttMs)} ms` : `64 bytes from ${ip}: icmp_seq=${seq} ttl=${reply.ttl} time=${reply.rttMs < 1 ? fmt(reply.rttMs) : reply.rttMs.toFixed(2)} ms`);
      }
      ctx.host.advance(seq < count ? 1000 : reply ? Math.ceil(reply.rttMs) : waitMs);
    }
    const loss = Math.round((100 * (count - rtts.length)) / count);
    lines.push('', `--- ${target} ping statistics ---`);
    const min = Math.min(...rtts);
    const max = Math.max(...rtts);
    const avg = rtts.reduce((a, b) => a + b, 0) / Math.max(1, rtts.length);
    const mdev = Math.sqrt(rtts.reduce((a, b) => a + (b - avg) ** 2, 0) / Math.max(1, rtts.length));
    if (busybox) {
      lines.push(`${count} packets transmitted, ${rtts.length} packets received, ${loss}% packet loss`);
      if (rtts.length > 0) lines.push(`round-trip min/avg/max = ${fmt(min)}/${fmt(avg)}/${fmt(max)} ms`);
    } else {
      const time = (count - 1) * 1000 + 18 * (count - 1);
      lines.push(`${count} packets transmitted, ${rtts.length} received, ${loss}% packet loss, time ${time}ms`);
      if (rtts.length > 0) lines.push(`rtt min/avg/max/mdev = ${fmt(min)}/${fmt(avg)}/${fmt(max)}/${fmt(mdev)} ms`);
    }
    // iputils ends a run without replies with an empty line; busybox never does.
    if (rtts.length === 0 && !busybox) lines.push('');
    return { stdout: `${lines.join('\n')}\n`, stderr: '', exitCode: rtts.length > 0 ? 0 : 1 };
  };
}
