import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { dashed, inCidr, isIPv4 } from '../network/ip';
import { CLUSTER_DOMAIN, RECORD_TTL, type DnsAnswer, type RR, type RRType } from './types';

/** What the kubernetes plugin knows: Services, their EndpointSlices, namespaces. */
export interface DnsView {
  services: readonly Service[];
  slices: readonly EndpointSlice[];
  namespaces: ReadonlySet<string>;
  /** SOA serial: the (Unix) second of the last change CoreDNS saw. */
  serial: number;
  /** Pod network, for PTR fallthrough decisions. */
  clusterCIDR: string;
}

const ZONE = `${CLUSTER_DOMAIN}.`;

export function soa(serial: number): RR {
  return { name: ZONE, ttl: RECORD_TTL, type: 'SOA', data: `ns.dns.${ZONE} hostmaster.${ZONE} ${serial} 7200 1800 86400 ${RECORD_TTL}` };
}

const rr = (name: string, type: RRType, data: string): RR => ({ name, ttl: RECORD_TTL, type, data });
const ok = (answer: RR[], additional: RR[] = []): DnsAnswer => ({ rcode: 'NOERROR', aa: true, answer, authority: [], additional });

function nx(view: DnsView): DnsAnswer {
  return { rcode: 'NXDOMAIN', aa: true, answer: [], authority: [soa(view.serial)], additional: [] };
}

function nodata(view: DnsView): DnsAnswer {
  return { rcode: 'NOERROR', aa: true, answer: [], authority: [soa(view.serial)], additional: [] };
}

/** Ready endpoints of a Service (one per address), with the DNS name each is known by. */
function endpointsOf(view: DnsView, svc: Service): { ip: string; host: string; ports: { name: string; port: number; protocol: string }[] }[] {
  const out: { ip: string; host: string; ports: { name: string; port: number; protocol: string }[] }[] = [];
  const seen = new Set<string>();
  for (const s of view.slices) {
    if (s.metadata?.namespace !== svc.metadata?.namespace || s.metadata?.labels?.['kubernetes.io/service-name'] !== svc.metadata?.name) continue;
    const ports = (s.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port ?? 0, protocol: p.protocol ?? 'TCP' }));
    for (const ep of s.endpoints) {
      if (ep.conditions?.ready === false && !svc.spec?.publishNotReadyAddresses) continue;
      for (const ip of ep.addresses) {
        if (seen.has(ip)) continue;
        seen.add(ip);
        out.push({ ip, host: ep.hostname ?? dashed(ip), ports });
      }
    }
  }
  return out.sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));
}

const headless = (svc: Service) => svc.spec?.clusterIP === 'None';

/** Answer one question for the cluster zone, as CoreDNS's kubernetes plugin would. */
export function answerCluster(view: DnsView, qname: string, qtype: RRType): DnsAnswer {
  const name = qname.toLowerCase();
  if (name.endsWith('.in-addr.arpa.')) return answerPtr(view, name, qtype);
  const labels = name.slice(0, -ZONE.length - 1).split('.');
  if (!name.endsWith(`.${ZONE}`) || labels.length < 2) return nx(view);
  const kind = labels[labels.length - 1];
  const namespace = labels[labels.length - 2]!;
  if (!view.namespaces.has(namespace)) return nx(view);
  if (kind === 'pod' && labels.length === 3) {
    const ip = labels[0]!.replace(/-/g, '.');
    if (!isIPv4(ip)) return nx(view);
    return qtype === 'A' ? ok([rr(name, 'A', ip)]) : nodata(view);
  }
  if (kind !== 'svc' || labels.length < 3) return labels.length === 2 && (kind === 'svc' || kind === 'pod') ? nodata(view) : nx(view);
  const svcName = labels[labels.length - 3]!;
  const svc = view.services.find((s) => s.metadata?.namespace === namespace && s.metadata?.name === svcName);
  if (!svc) return nx(view);
  const svcFqdn = `${svcName}.${namespace}.svc.${ZONE}`;
  const rest = labels.slice(0, -3);
  if (rest.length === 0) return answerService(view, svc, svcFqdn, qtype);
  if (rest.length === 1 && headless(svc)) {
    const ep = endpointsOf(view, svc).filter((e) => e.host === rest[0]);
    if (ep.length === 0) return nx(view);
    return qtype === 'A' ? ok(ep.map((e) => rr(name, 'A', e.ip))) : nodata(view);
  }
  if (rest.length === 2 && rest[0]!.startsWith('_') && rest[1]!.startsWith('_')) return answerSrv(view, svc, svcFqdn, name, rest[0]!.slice(1), rest[1]!.slice(1), qtype);
  return nx(view);
}

function answerService(view: DnsView, svc: Service, fqdn: string, qtype: RRType): DnsAnswer {
  if (svc.spec?.type === 'ExternalName') {
    const target = `${(svc.spec.externalName ?? '').replace(/\.$/, '')}.`;
    return ok([rr(fqdn, 'CNAME', target)]);
  }
  if (headless(svc)) {
    const eps = endpointsOf(view, svc);
    if (eps.length === 0) return nx(view);
    if (qtype === 'A') return ok(eps.map((e) => rr(fqdn, 'A', e.ip)));
    if (qtype === 'SRV') return srvHeadless(view, svc, fqdn, fqdn, eps, () => true);
    return nodata(view);
  }
  const ip = svc.spec?.clusterIP;
  if (!ip || !isIPv4(ip)) return nx(view);
  if (qtype === 'A') return ok([rr(fqdn, 'A', ip)]);
  if (qtype === 'SRV') {
    const named = (svc.spec?.ports ?? []).filter((p) => p.name);
    return ok(named.map((p) => rr(fqdn, 'SRV', `0 ${Math.floor(100 / named.length)} ${p.port} ${fqdn}`)), [rr(fqdn, 'A', ip)]);
  }
  return nodata(view);
}

function answerSrv(view: DnsView, svc: Service, fqdn: string, qname: string, port: string, proto: string, qtype: RRType): DnsAnswer {
  const match = (p: { name?: string; protocol?: string }) => p.name === port && (p.protocol ?? 'TCP').toLowerCase() === proto;
  if (headless(svc)) {
    const eps = endpointsOf(view, svc).filter((e) => e.ports.some(match));
    if (eps.length === 0) return nx(view);
    return qtype === 'SRV' ? srvHeadless(view, svc, fqdn, qname, eps, match) : nodata(view);
  }
  const p = (svc.spec?.ports ?? []).find(match);
  const ip = svc.spec?.clusterIP ?? '';
  if (!p) return nx(view);
  if (qtype === 'A') return ok([rr(qname, 'A', ip)]);
  if (qtype !== 'SRV') return nodata(view);
  return ok([rr(qname, 'SRV', `0 100 ${p.port} ${fqdn}`)], [rr(fqdn, 'A', ip)]);
}

function srvHeadless(_view: DnsView, _svc: Service, fqdn: string, qname: string, eps: ReturnType<typeof endpointsOf>, match: (p: { name?: string; protocol?: string }) => boolean): DnsAnswer {
  const weight = Math.floor(100 / eps.length);
  const answer: RR[] = [];
  const extra: RR[] = [];
  for (const e of eps) {
    const target = `${e.host}.${fqdn}`;
    for (const p of e.ports.filter(match)) answer.push(rr(qname, 'SRV', `0 ${weight} ${p.port} ${target}`));
    extra.push(rr(target, 'A', e.ip));
  }
  return ok(answer, extra);
}

function answerPtr(view: DnsView, name: string, qtype: RRType): DnsAnswer {
  const ip = name.slice(0, -'.in-addr.arpa.'.length).split('.').reverse().join('.');
  if (qtype !== 'PTR' || !isIPv4(ip)) return nx(view);
  for (const svc of view.services) {
    const fqdn = `${svc.metadata?.name}.${svc.metadata?.namespace}.svc.${ZONE}`;
    if (svc.spec?.clusterIP === ip) return ok([rr(name, 'PTR', fqdn)]);
    if (headless(svc)) {
      const ep = endpointsOf(view, svc).find((e) => e.ip === ip);
      if (ep) return ok([rr(name, 'PTR', `${ep.host}.${fqdn}`)]);
    }
  }
  return inCidr(ip, view.clusterCIDR) ? nx(view) : { rcode: 'NXDOMAIN', aa: false, answer: [], authority: [], additional: [] };
}
