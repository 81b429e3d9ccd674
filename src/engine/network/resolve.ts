import type { DnsAnswer, RRType } from '../dns/types';
import { CLUSTER_DNS_IP, CLUSTER_DOMAIN, upstreamNxdomain } from '../dns/types';
import { COREDNS_ID } from '../dns/resolver';
import { isIPv4 } from './ip';
import type { NetClient } from './model';
import { connect, type NetEnv } from './route';

/** glibc's default `options timeout:5 attempts:2`: an unanswered query costs 10 s. */
export const DNS_TIMEOUT_MS = 5000;
export const DNS_ATTEMPTS = 2;

/** One DNS exchange as a stub resolver saw it. */
export interface DnsExchange {
  server: string;
  qname: string;
  qtype: RRType;
  answer?: DnsAnswer;
  error?: 'timeout' | 'refused';
  ms: number;
}

export type ResolveResult =
  | { ok: true; fqdn: string; ips: string[]; cnames: string[]; tries: DnsExchange[]; ms: number }
  | { ok: false; error: 'nxdomain' | 'timeout' | 'refused'; tries: DnsExchange[]; ms: number };

interface Answerer {
  answer(serverIP: string, qname: string, qtype: RRType): DnsAnswer;
}

/** The resolver nodes use (docker's network gateway in kind) and the workstation's stub resolver. */
export const NODE_DNS_IP = '172.18.0.1';
export const WORKSTATION_DNS_IP = '127.0.0.53';

export interface ResolvConf {
  nameserver: string;
  search: string[];
  ndots: number;
}

/** The resolv.conf a client uses: pods (dnsPolicy ClusterFirst) ask the cluster DNS. */
export function resolvConf(client: NetClient): ResolvConf {
  if (client.kind === 'workstation') return { nameserver: WORKSTATION_DNS_IP, search: [], ndots: 1 };
  // dnsPolicy Default (CoreDNS's own pods) inherits the node's resolver.
  if (client.kind === 'node' || client.dnsPolicy === 'Default') return { nameserver: NODE_DNS_IP, search: [], ndots: 1 };
  const d = CLUSTER_DOMAIN;
  return { nameserver: CLUSTER_DNS_IP, search: [`${client.namespace}.svc.${d}`, `svc.${d}`, d], ndots: 5 };
}

/** The upstream resolver outside the cluster: it knows the nodes and nothing of cluster.local. */
function upstream(env: NetEnv, qname: string, qtype: RRType): DnsAnswer {
  const ip = hostsFile(env, qname.replace(/\.$/, ''));
  if (ip && ip !== '127.0.0.1') return { rcode: 'NOERROR', aa: false, ra: true, answer: qtype === 'A' ? [{ name: qname, ttl: 600, type: 'A', data: ip }] : [], authority: [], additional: [] };
  return upstreamNxdomain();
}

/** Send one question to `server` over UDP/53 through the client's node rules. */
export function query(env: NetEnv, client: NetClient, server: string, qname: string, qtype: RRType, srcPort: number): DnsExchange {
  const fq = qname.endsWith('.') ? qname : `${qname}.`;
  if (server === NODE_DNS_IP || server === WORKSTATION_DNS_IP) return { server, qname: fq, qtype, answer: upstream(env, fq, qtype), ms: 0.4 + 0.4 * env.rng.float() };
  const conn = connect(env, client, { ip: server, port: 53, protocol: 'UDP' }, srcPort);
  const base = { server, qname: fq, qtype };
  if (!conn.ok) {
    // UDP has no handshake: a REJECT comes back as ICMP port unreachable, silence is a timeout.
    return conn.error === 'connection-refused' ? { ...base, error: 'refused', ms: conn.afterMs } : { ...base, error: 'timeout', ms: DNS_TIMEOUT_MS * DNS_ATTEMPTS };
  }
  const dns = env.lookup(COREDNS_ID) as Partial<Answerer> | undefined;
  if (conn.target.kind !== 'dns' || !dns?.answer) return { ...base, error: 'timeout', ms: DNS_TIMEOUT_MS * DNS_ATTEMPTS };
  return { ...base, answer: dns.answer(conn.target.ip, fq, qtype), ms: conn.connectMs + 0.2 * (1 + env.rng.float()) };
}

/** Names the client tries, in order (search list first when the name has fewer than ndots dots). */
export function candidates(name: string, conf: { search: string[]; ndots: number }): string[] {
  if (name.endsWith('.')) return [name];
  const dots = name.split('.').length - 1;
  const searched = conf.search.map((s) => `${name}.${s}.`);
  return dots >= conf.ndots ? [`${name}.`, ...searched] : [...searched, `${name}.`];
}

/** Static names every host knows: itself, localhost, and (in kind) the nodes by name. */
export function hostsFile(env: NetEnv, name: string): string | undefined {
  if (name === 'localhost') return '127.0.0.1';
  return env.config.nodes.find((n) => n.name === name)?.internalIP;
}

/**
 * getaddrinfo for an A record: literal IPs and /etc/hosts first; pods then walk their search
 * list against the cluster DNS. Nodes and the workstation only know /etc/hosts here (their
 * upstream resolver has never heard of cluster.local).
 */
export function resolveHost(env: NetEnv, client: NetClient, name: string, nextPort: () => number): ResolveResult {
  if (isIPv4(name)) return { ok: true, fqdn: name, ips: [name], cnames: [], tries: [], ms: 0 };
  const local = hostsFile(env, name.replace(/\.$/, ''));
  if (local) return { ok: true, fqdn: name, ips: [local], cnames: [], tries: [], ms: 0 };
  const conf = resolvConf(client);
  const tries: DnsExchange[] = [];
  let ms = 0;
  for (const qname of candidates(name, conf)) {
    const ex = query(env, client, conf.nameserver, qname, 'A', nextPort());
    tries.push(ex);
    ms += ex.ms;
    if (ex.error) return { ok: false, error: ex.error, tries, ms };
    const a = ex.answer!;
    if (a.rcode !== 'NOERROR' || a.answer.length === 0) continue;
    const ips = a.answer.filter((r) => r.type === 'A').map((r) => r.data);
    const cnames = a.answer.filter((r) => r.type === 'CNAME').map((r) => r.data);
    if (ips.length === 0) return { ok: false, error: 'nxdomain', tries, ms };
    return { ok: true, fqdn: qname, ips, cnames, tries, ms };
  }
  return { ok: false, error: 'nxdomain', tries, ms };
}
