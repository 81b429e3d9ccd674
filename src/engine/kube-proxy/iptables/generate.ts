import { computeProbability, iptablesChain, iptablesEndpointChain } from '../names';
import { serviceKey, sortedServices, type SyncInput } from '../proxier';
import { categorizeEndpoints, endpointString, externallyAccessible, type EndpointInfo, type ServicePortInfo } from '../service-info';
import { nodeTables, type Match, type Rule, type Tables } from './rules';

const MASQ_MARK = '0x4000';
/** Above this many endpoints kube-proxy drops rule comments to shrink the ruleset. */
export const LARGE_CLUSTER_ENDPOINTS = 1000;

const comment = (text: string): Match => ({ m: 'comment', text });
const conntrackNew: Match = { m: 'conntrack', ctstate: 'NEW' };

/** The jump rules from the built-in chains, in the order EnsureRule(Prepend) leaves them. */
function jumpRules(t: Tables): void {
  const f = t.filter.chains;
  f['INPUT'] = [
    { m: [conntrackNew, comment('kubernetes load balancer firewall')], j: 'KUBE-PROXY-FIREWALL' },
    { m: [comment('kubernetes health check service ports')], j: 'KUBE-NODEPORTS' },
    { m: [conntrackNew, comment('kubernetes externally-visible service portals')], j: 'KUBE-EXTERNAL-SERVICES' },
    { m: [], j: 'KUBE-FIREWALL' },
  ];
  f['FORWARD'] = [
    { m: [conntrackNew, comment('kubernetes load balancer firewall')], j: 'KUBE-PROXY-FIREWALL' },
    { m: [comment('kubernetes forwarding rules')], j: 'KUBE-FORWARD' },
    { m: [conntrackNew, comment('kubernetes service portals')], j: 'KUBE-SERVICES' },
    { m: [conntrackNew, comment('kubernetes externally-visible service portals')], j: 'KUBE-EXTERNAL-SERVICES' },
  ];
  f['OUTPUT'] = [
    { m: [conntrackNew, comment('kubernetes load balancer firewall')], j: 'KUBE-PROXY-FIREWALL' },
    { m: [conntrackNew, comment('kubernetes service portals')], j: 'KUBE-SERVICES' },
    { m: [], j: 'KUBE-FIREWALL' },
  ];
  const n = t.nat.chains;
  n['PREROUTING'] = [{ m: [comment('kubernetes service portals')], j: 'KUBE-SERVICES' }];
  n['OUTPUT'] = [{ m: [comment('kubernetes service portals')], j: 'KUBE-SERVICES' }];
  n['POSTROUTING'] = [{ m: [comment('kubernetes postrouting rules')], j: 'KUBE-POSTROUTING' }];
}

/** Chains and rules every sync writes regardless of Services. */
function fixedRules(t: Tables): void {
  for (const c of ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL', 'KUBE-PROXY-CANARY']) t.filter.chains[c] = [];
  for (const c of ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ', 'KUBE-PROXY-CANARY']) t.nat.chains[c] = [];
  t.mangle.chains['KUBE-PROXY-CANARY'] = [];
  t.nat.chains['KUBE-POSTROUTING'] = [
    { m: [{ m: 'mark', not: true, mark: `${MASQ_MARK}/${MASQ_MARK}` }], j: 'RETURN' },
    { m: [], j: 'MARK', mark: { op: 'xor', value: MASQ_MARK } },
    { m: [comment('kubernetes service traffic requiring SNAT')], j: 'MASQUERADE', randomFully: true },
  ];
  t.nat.chains['KUBE-MARK-MASQ'] = [{ m: [], j: 'MARK', mark: { op: 'or', value: MASQ_MARK } }];
  t.filter.chains['KUBE-FIREWALL'] = [
    { s: '127.0.0.0/8', sNot: true, d: '127.0.0.0/8', m: [comment('block incoming localnet connections'), { m: 'conntrack', not: true, ctstate: 'RELATED,ESTABLISHED,DNAT' }], j: 'DROP' },
  ];
}

/** The iptables proxier's syncProxyRules, producing the tables instead of iptables-restore input. */
export function generateIptables(input: SyncInput): Tables {
  const t = nodeTables();
  jumpRules(t);
  fixedRules(t);
  const services = sortedServices(input.services);
  const total = services.reduce((n, s) => n + (input.endpoints[serviceKey(s)]?.length ?? 0), 0);
  const ctx = { input, t, large: total > LARGE_CLUSTER_ENDPOINTS };
  for (const svc of services) writeService(ctx, svc, input.endpoints[serviceKey(svc)] ?? []);
  t.nat.chains['KUBE-SERVICES']!.push({
    m: [comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain'), { m: 'addrtype', dstType: 'LOCAL' }],
    j: 'KUBE-NODEPORTS',
  });
  t.filter.chains['KUBE-FORWARD']!.push(
    { m: [{ m: 'conntrack', ctstate: 'INVALID' }], j: 'DROP' },
    { m: [comment('kubernetes forwarding rules'), { m: 'mark', mark: `${MASQ_MARK}/${MASQ_MARK}` }], j: 'ACCEPT' },
    { m: [comment('kubernetes forwarding conntrack rule'), { m: 'conntrack', ctstate: 'RELATED,ESTABLISHED' }], j: 'ACCEPT' },
  );
  return t;
}

interface Ctx {
  input: SyncInput;
  t: Tables;
  large: boolean;
}

/** Rules of one Service port: capture in KUBE-SERVICES, then SVC/EXT/FW/SEP chains. */
function writeService(ctx: Ctx, svc: ServicePortInfo, all: EndpointInfo[]): void {
  const { t } = ctx;
  const proto = svc.protocol.toLowerCase();
  const name = svc.name;
  const cat = categorizeEndpoints(svc, all, ctx.input.nodeName);
  const svcChain = iptablesChain('KUBE-SVC-', name, proto);
  // The other chains share the SVC hash: only the prefix differs.
  const hash = svcChain.slice('KUBE-SVC-'.length);
  const svlChain = `KUBE-SVL-${hash}`;
  const extChain = `KUBE-EXT-${hash}`;
  const fwChain = `KUBE-FW-${hash}`;
  const internalChain = svc.internalPolicyLocal ? svlChain : svcChain;
  const hasInternal = cat.hasEndpoints && (!svc.internalPolicyLocal || cat.local.length > 0);
  const hasExternal = cat.hasEndpoints && (!svc.externalPolicyLocal || cat.local.length > 0);
  const usesExt = cat.hasEndpoints && externallyAccessible(svc);
  const usesFw = cat.hasEndpoints && svc.loadBalancerIPs.length > 0 && svc.loadBalancerSourceRanges.length > 0;
  const noEndpoints = !cat.hasEndpoints ? { target: 'REJECT', text: `${name} has no endpoints` } : { target: 'DROP', text: `${name} has no local endpoints` };
  const capture = (text: string, ip: string, port = svc.port): Pick<Rule, 'd' | 'p' | 'm'> => ({ d: ip, p: proto, m: [comment(text), { m: 'proto', proto, dport: port }] });

  if (hasInternal) t.nat.chains['KUBE-SERVICES']!.push({ ...capture(`${name} cluster IP`, svc.clusterIP), j: internalChain });
  else t.filter.chains['KUBE-SERVICES']!.push({ ...capture(noEndpoints.text, svc.clusterIP), j: noEndpoints.target });
  for (const ip of svc.externalIPs) {
    if (cat.hasEndpoints) t.nat.chains['KUBE-SERVICES']!.push({ ...capture(`${name} external IP`, ip), j: extChain });
    if (!hasExternal) t.filter.chains['KUBE-EXTERNAL-SERVICES']!.push({ ...capture(noEndpoints.text, ip), j: noEndpoints.target });
  }
  for (const ip of svc.loadBalancerIPs) {
    if (cat.hasEndpoints) t.nat.chains['KUBE-SERVICES']!.push({ ...capture(`${name} loadbalancer IP`, ip), j: usesFw ? fwChain : extChain });
    if (usesFw) t.filter.chains['KUBE-PROXY-FIREWALL']!.push({ ...capture(`${name} traffic not accepted by ${fwChain}`, ip), j: 'DROP' });
    if (!hasExternal) t.filter.chains['KUBE-EXTERNAL-SERVICES']!.push({ ...capture(noEndpoints.text, ip), j: noEndpoints.target });
  }
  if (svc.nodePort) {
    if (cat.hasEndpoints) t.nat.chains['KUBE-NODEPORTS']!.push({ p: proto, m: [comment(name), { m: 'proto', proto, dport: svc.nodePort }], j: extChain });
    if (!hasExternal) {
      t.filter.chains['KUBE-EXTERNAL-SERVICES']!.push({ p: proto, m: [comment(noEndpoints.text), { m: 'addrtype', dstType: 'LOCAL' }, { m: 'proto', proto, dport: svc.nodePort }], j: noEndpoints.target });
    }
  }
  if (hasInternal) {
    (t.nat.chains[internalChain] ??= []).push({ s: ctx.input.clusterCIDR, sNot: true, ...capture(`${name} cluster IP`, svc.clusterIP), j: 'KUBE-MARK-MASQ' });
  }
  if (usesExt) writeExternalChain(ctx, svc, extChain, svc.externalPolicyLocal ? svlChain : svcChain, svcChain, hasExternal);
  if (usesFw) writeFirewallChain(ctx, svc, fwChain, extChain);
  const usesCluster = cat.cluster.length > 0 && (!svc.internalPolicyLocal || (externallyAccessible(svc) && !svc.externalPolicyLocal));
  if (usesCluster) writeServiceToEndpoints(ctx, svc, svcChain, cat.cluster);
  if (cat.local.length > 0 && (svc.internalPolicyLocal || svc.externalPolicyLocal)) writeServiceToEndpoints(ctx, svc, svlChain, cat.local);
  for (const ep of cat.reachable) writeEndpointChain(ctx, svc, ep);
}

function writeExternalChain(ctx: Ctx, svc: ServicePortInfo, ext: string, policyChain: string, clusterChain: string, hasExternal: boolean): void {
  const rules: Rule[] = (ctx.t.nat.chains[ext] ??= []);
  const name = svc.name;
  if (!svc.externalPolicyLocal) {
    rules.push({ m: [comment(`masquerade traffic for ${name} external destinations`)], j: 'KUBE-MARK-MASQ' });
  } else {
    rules.push({ s: ctx.input.clusterCIDR, m: [comment(`pod traffic for ${name} external destinations`)], j: clusterChain });
    rules.push({ m: [comment(`masquerade LOCAL traffic for ${name} external destinations`), { m: 'addrtype', srcType: 'LOCAL' }], j: 'KUBE-MARK-MASQ' });
    rules.push({ m: [comment(`route LOCAL traffic for ${name} external destinations`), { m: 'addrtype', srcType: 'LOCAL' }], j: clusterChain });
  }
  if (hasExternal) rules.push({ m: [], j: policyChain });
}

function writeFirewallChain(ctx: Ctx, svc: ServicePortInfo, fw: string, ext: string): void {
  const rules: Rule[] = (ctx.t.nat.chains[fw] ??= []);
  for (const cidr of svc.loadBalancerSourceRanges) rules.push({ s: cidr, m: [comment(`${svc.name} loadbalancer IP`)], j: ext });
  // No target: a packet that falls through is dropped by KUBE-PROXY-FIREWALL in the filter table.
  rules.push({ m: [comment(`other traffic to ${svc.name} will be dropped by KUBE-PROXY-FIREWALL`)], j: '' });
}

function svcComment(ctx: Ctx, text: string): Match[] {
  return ctx.large ? [] : [comment(text)];
}

/** Affinity checks, then one statistic rule per endpoint with probability 1/(n-i), the last unconditional. */
function writeServiceToEndpoints(ctx: Ctx, svc: ServicePortInfo, chain: string, eps: EndpointInfo[]): void {
  const rules: Rule[] = (ctx.t.nat.chains[chain] ??= []);
  const proto = svc.protocol.toLowerCase();
  if (svc.stickySeconds > 0) {
    for (const ep of eps) {
      const sep = iptablesEndpointChain(svc.name, proto, endpointString(ep));
      rules.push({ m: [...svcComment(ctx, `${svc.name} -> ${endpointString(ep)}`), { m: 'recent', op: 'rcheck', name: sep, seconds: svc.stickySeconds }], j: sep });
    }
  }
  eps.forEach((ep, i) => {
    const sep = iptablesEndpointChain(svc.name, proto, endpointString(ep));
    const m = svcComment(ctx, `${svc.name} -> ${endpointString(ep)}`);
    if (i < eps.length - 1) m.push({ m: 'statistic', probability: computeProbability(eps.length - i) });
    rules.push({ m, j: sep });
  });
}

function writeEndpointChain(ctx: Ctx, svc: ServicePortInfo, ep: EndpointInfo): void {
  const proto = svc.protocol.toLowerCase();
  const sep = iptablesEndpointChain(svc.name, proto, endpointString(ep));
  const c = svcComment(ctx, svc.name);
  const dnat: Match[] = [...c];
  if (svc.stickySeconds > 0) dnat.push({ m: 'recent', op: 'set', name: sep });
  dnat.push({ m: 'proto', proto });
  ctx.t.nat.chains[sep] = [
    { s: ep.ip, m: [...c], j: 'KUBE-MARK-MASQ' },
    { p: proto, m: dnat, j: 'DNAT', to: endpointString(ep) },
  ];
}
