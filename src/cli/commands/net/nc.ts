import type { Cluster } from '../../../engine/cluster';
import type { Command } from '../../types';
import { expandShort, needNetwork, secondsToMs, type NetHostOf } from './context';

const SERVICES: Record<number, string> = { 22: 'ssh', 53: 'domain', 80: 'http', 443: 'https', 6379: 'redis', 6443: 'sun-sr-https', 8080: 'http-alt', 10250: '*' };

/**
 * `nc -zv HOST PORT`: a TCP connect and nothing else. Nodes have netcat-openbsd; busybox images
 * print busybox's shorter lines.
 */
export function createNc(cluster: Cluster, hostOf: NetHostOf): Command {
  return (ctx) => {
    const args = expandShort(ctx.argv, 'w');
    let verbose = false;
    let waitMs: number | undefined;
    const rest: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-v') verbose = true;
      else if (a === '-z' || a === '-n') continue;
      else if (a === '-w') waitMs = secondsToMs(args[++i]);
      else rest.push(a);
    }
    const [host, portText] = rest;
    const busybox = hostOf().flavour === 'busybox';
    if (!host || !portText) return { stdout: '', stderr: busybox ? 'BusyBox v1.37.0 multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\n' : 'usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n\t  [destination] [port]\n', exitCode: 1 };
    const port = Number(portText);
    const net = needNetwork(cluster, 'nc');
    if ('exitCode' in net) return net;
    const client = hostOf().client;
    const dns = net.resolve(client, host);
    if (!dns.ok) {
      ctx.host.advance(Math.ceil(dns.ms));
      return { stdout: '', stderr: busybox ? `nc: bad address '${host}'\n` : `nc: getaddrinfo for host "${host}" port ${port}: Name or service not known\n`, exitCode: 1 };
    }
    const ip = dns.ips[0]!;
    const conn = net.connect(client, ip, port);
    if (conn.ok) {
      net.close(conn);
      ctx.host.advance(Math.ceil(conn.connectMs));
      const svc = SERVICES[port] ?? '*';
      const line = busybox ? `${host} (${ip}:${port}) open\n` : `Connection to ${host} (${ip}) ${port} port [tcp/${svc}] succeeded!\n`;
      return { stdout: '', stderr: verbose ? line : '', exitCode: 0 };
    }
    const timedOut = conn.error === 'timeout' || (waitMs !== undefined && conn.afterMs > waitMs);
    ctx.host.advance(Math.ceil(timedOut && waitMs !== undefined ? waitMs : conn.afterMs));
    const why = timedOut ? 'Connection timed out' : 'Connection refused';
    const line = busybox ? `nc: ${host} (${ip}:${port}): ${why}\n` : timedOut ? `nc: connect to ${host} (${ip}) port ${port} (tcp) timed out: Operation now in progress\n` : `nc: connect to ${host} (${ip}) port ${port} (tcp) failed: ${why}\n`;
    return { stdout: '', stderr: verbose || busybox ? line : '', exitCode: 1 };
  };
}
