import { ipToInt, serviceKey, sortedServices, type SyncInput } from '../proxier';
import { nftEndpointBase, nftServiceBase } from '../names';
import { categorizeEndpoints, endpointString, externallyAccessible, type EndpointInfo, type ServicePortInfo } from '../service-info';
import type { NftChain, NftSet, NftTable } from './model';

const BASE_CHAINS: [string, string][] = [
  ['filter-prerouting', 'type filter hook prerouting priority dstnat - 10; policy accept;'],
  ['filter-input', 'type filter hook input priority -110; policy accept;'],
  ['filter-forward', 'type filter hook forward priority -110; policy accept;'],
  ['filter-output', 'type filter hook output priority -110; policy accept;'],
  ['filter-output-post-dnat', 'type filter hook output priority -90; policy accept;'],
  ['nat-prerouting', 'type nat hook prerouting priority dstnat; policy accept;'],
  ['nat-output', 'type nat hook output priority -100; policy accept;'],
  ['nat-postrouting', 'type nat hook postrouting priority srcnat; policy accept;'],
];

const SERVICE_MAP = 'ipv4_addr . inet_proto . inet_service : verdict';
const PORT_MAP = 'inet_proto . inet_service : verdict';

/** The fixed part of the table, as setupNFTables creates it (the order nft lists it in). */
function skeleton(input: SyncInput): { sets: NftSet[]; chains: NftChain[] } {
  const sets: NftSet[] = [
    { name: 'cluster-ips', kind: 'set', type: 'ipv4_addr', comment: 'Active ClusterIPs', elements: [] },
    { name: 'no-endpoint-services', kind: 'map', type: SERVICE_MAP, comment: 'vmap to drop or reject packets to services with no endpoints', elements: [] },
    { name: 'no-endpoint-nodeports', kind: 'map', type: PORT_MAP, comment: 'vmap to drop or reject packets to service nodeports with no endpoints', elements: [] },
    { name: 'firewall-ips', kind: 'map', type: SERVICE_MAP, comment: 'destinations that are subject to LoadBalancerSourceRanges', elements: [] },
    { name: 'service-ips', kind: 'map', type: SERVICE_MAP, comment: 'ClusterIP, ExternalIP and LoadBalancer IP traffic', elements: [] },
    { name: 'service-nodeports', kind: 'map', type: PORT_MAP, comment: 'NodePort traffic', elements: [] },
  ];
  const rules: Record<string, string[]> = {
    'filter-prerouting': ['ct state new jump firewall-check'],
    'filter-input': ['ct state new jump nodeport-endpoints-check', 'ct state new jump service-endpoints-check'],
    'filter-forward': ['ct state new jump service-endpoints-check', 'ct state new jump cluster-ips-check'],
    'filter-output': ['ct state new jump service-endpoints-check', 'ct state new jump firewall-check'],
    'filter-output-post-dnat': ['ct state new jump cluster-ips-check'],
    'nat-prerouting': ['jump services'],
    'nat-output': ['jump services'],
    'nat-postrouting': ['jump masquerading'],
  };
  const chains: NftChain[] = BASE_CHAINS.map(([name, base]) => ({ name, base, rules: rules[name] ?? [] }));
  chains.push(
    { name: 'nodeport-endpoints-check', rules: ['ip daddr != 127.0.0.0/8 meta l4proto . th dport vmap @no-endpoint-nodeports'] },
    { name: 'service-endpoints-check', rules: ['ip daddr . meta l4proto . th dport vmap @no-endpoint-services'] },
    { name: 'firewall-check', rules: ['ip daddr . meta l4proto . th dport vmap @firewall-ips'] },
    { name: 'services', rules: ['ip daddr . meta l4proto . th dport vmap @service-ips', 'fib daddr type local ip daddr != 127.0.0.0/8 meta l4proto . th dport vmap @service-nodeports'] },
    { name: 'masquerading', rules: ['meta mark & 0x00004000 == 0x00000000 return', 'meta mark set meta mark ^ 0x00004000', 'masquerade fully-random'] },
    {
      name: 'cluster-ips-check',
      rules: ['ip daddr @cluster-ips reject comment "Reject traffic to invalid ports of ClusterIPs"', `ip daddr ${input.serviceCIDR} drop comment "Drop traffic to unallocated ClusterIPs"`],
    },
    { name: 'mark-for-masquerade', rules: ['meta mark set meta mark | 0x00004000'] },
    { name: 'reject-chain', comment: 'helper for @no-endpoint-services / @no-endpoint-nodeports', rules: ['reject'] },
  );
  return { sets, chains };
}

/** The nftables proxier's syncProxyRules, producing the table as data. */
export function generateNftables(input: SyncInput): NftTable {
  const { sets, chains } = skeleton(input);
  const table: NftTable = { sets, chains, routing: { serviceIPs: {}, nodePorts: {}, noEndpoints: {}, clusterIPs: [], services: {}, external: {}, endpoints: {} } };
  const b: Builder = { t: table, chains: new Map(chains.map((c) => [c.name, c])), sets: new Map(sets.map((x) => [x.name, x])), clusterIPs: new Set() };
  for (const svc of sortedServices(input.services)) writeService(b, input, svc, input.endpoints[serviceKey(svc)] ?? []);
  sortElements(table);
  return table;
}

/** The table being built, with name indexes so 10,000 Services stay linear. */
interface Builder {
  t: NftTable;
  chains: Map<string, NftChain>;
  sets: Map<string, NftSet>;
  clusterIPs: Set<string>;
}

function set(b: Builder, name: string): NftSet {
  return b.sets.get(name)!;
}

function chain(b: Builder, name: string): NftChain {
  let c = b.chains.get(name);
  if (!c) {
    b.t.chains.push((c = { name, rules: [] }));
    b.chains.set(name, c);
  }
  return c;
}

function writeService(b: Builder, input: SyncInput, svc: ServicePortInfo, all: EndpointInfo[]): void {
  const t = b.t;
  const proto = svc.protocol.toLowerCase();
  const base = nftServiceBase(svc.namespace, svc.service, proto, svc.portName);
  const [svcChain, localChain, extChain] = [`service-${base}`, `local-${base}`, `external-${base}`];
  const cat = categorizeEndpoints(svc, all, input.nodeName);
  const epName = (ep: EndpointInfo) => `endpoint-${nftEndpointBase(svc.namespace, svc.service, proto, svc.portName, endpointString(ep))}`;
  const external = externallyAccessible(svc);
  const usesCluster = cat.cluster.length > 0 && (!svc.internalPolicyLocal || (external && !svc.externalPolicyLocal));
  const usesLocal = cat.local.length > 0 && (svc.internalPolicyLocal || svc.externalPolicyLocal);
  const usesExt = cat.hasEndpoints && external;
  const hasInternal = cat.hasEndpoints && (!svc.internalPolicyLocal || cat.local.length > 0);
  const hasExternal = cat.hasEndpoints && (!svc.externalPolicyLocal || cat.local.length > 0);
  const internalChain = svc.internalPolicyLocal ? localChain : svcChain;
  for (const ep of cat.reachable) chain(b, epName(ep));
  if (usesCluster) chain(b, svcChain);
  if (usesLocal) chain(b, localChain);
  if (usesExt) chain(b, extChain);
  writeElements(b, svc, { hasEndpoints: cat.hasEndpoints, hasInternal, hasExternal, internalChain, extChain });
  if (!cat.hasEndpoints) return;
  if (hasInternal) chain(b, internalChain).rules.push(`ip daddr ${svc.clusterIP} ${proto} dport ${svc.port} ip saddr != ${input.clusterCIDR} jump mark-for-masquerade`);
  if (usesExt) writeExternal(b, input, svc, extChain, svcChain, hasExternal ? (svc.externalPolicyLocal ? localChain : svcChain) : '');
  if (usesCluster) writeServiceToEndpoints(b, svc, svcChain, cat.cluster, epName, hasInternal && !svc.internalPolicyLocal ? input.clusterCIDR : '');
  if (usesLocal) writeServiceToEndpoints(b, svc, localChain, cat.local, epName, hasInternal && svc.internalPolicyLocal ? input.clusterCIDR : '');
  for (const ep of cat.reachable) {
    const name = epName(ep);
    const affinitySet = name.replace(/^endpoint-/, 'affinity-');
    const rules = [`ip saddr ${ep.ip} jump mark-for-masquerade`];
    if (svc.stickySeconds > 0) {
      const set: NftSet = { name: affinitySet, kind: 'set', type: 'ipv4_addr', timeoutSec: svc.stickySeconds, elements: [] };
      t.sets.push(set);
      b.sets.set(set.name, set);
      rules.push(`update @${affinitySet} { ip saddr }`);
    }
    rules.push(`meta l4proto ${proto} dnat to ${endpointString(ep)}`);
    chain(b, name).rules.push(...rules);
    t.routing.endpoints[name] = { ip: ep.ip, to: endpointString(ep), ...(svc.stickySeconds > 0 ? { affinitySet } : {}) };
  }
}

interface Targets {
  hasEndpoints: boolean;
  hasInternal: boolean;
  hasExternal: boolean;
  internalChain: string;
  extChain: string;
}

/** cluster-ips, service-ips, service-nodeports, and the no-endpoint maps (reject, or drop for Local). */
function writeElements(b: Builder, svc: ServicePortInfo, x: Targets): void {
  const t = b.t;
  const proto = svc.protocol.toLowerCase();
  const key = (ip: string) => `${ip} . ${proto} . ${svc.port}`;
  if (!b.clusterIPs.has(svc.clusterIP)) {
    b.clusterIPs.add(svc.clusterIP);
    t.routing.clusterIPs.push(svc.clusterIP);
    set(b, 'cluster-ips').elements.push({ key: svc.clusterIP });
  }
  const to = (ip: string, target: string) => {
    set(b, 'service-ips').elements.push({ key: key(ip), value: `goto ${target}` });
    t.routing.serviceIPs[key(ip)] = target;
  };
  const none = (k: string, verdict: 'reject' | 'drop', map = 'no-endpoint-services') => {
    set(b, map).elements.push({ key: k, value: verdict === 'reject' ? 'goto reject-chain' : 'drop', comment: svc.name });
    if (map === 'no-endpoint-services') t.routing.noEndpoints[k] = { verdict, service: svc.name };
  };
  const verdict = x.hasEndpoints ? 'drop' : 'reject';
  if (x.hasInternal) to(svc.clusterIP, x.internalChain);
  else none(key(svc.clusterIP), verdict);
  for (const ip of [...svc.externalIPs, ...svc.loadBalancerIPs]) {
    if (x.hasEndpoints) to(ip, x.extChain);
    if (!x.hasExternal) none(key(ip), verdict);
  }
  if (svc.nodePort) {
    const k = `${proto} . ${svc.nodePort}`;
    if (x.hasEndpoints) {
      set(b, 'service-nodeports').elements.push({ key: k, value: `goto ${x.extChain}` });
      t.routing.nodePorts[k] = x.extChain;
    }
    if (!x.hasExternal) none(k, verdict, 'no-endpoint-nodeports');
  }
}

/** The external chain: masquerade (Cluster policy) or short-circuit pod and node traffic (Local). */
function writeExternal(b: Builder, input: SyncInput, svc: ServicePortInfo, ext: string, clusterChain: string, policyChain: string): void {
  const rules = chain(b, ext).rules;
  if (!svc.externalPolicyLocal) rules.push('jump mark-for-masquerade');
  else {
    rules.push(
      `ip saddr ${input.clusterCIDR} goto ${clusterChain} comment "short-circuit pod traffic"`,
      'fib saddr type local jump mark-for-masquerade comment "masquerade local traffic"',
      `fib saddr type local goto ${clusterChain} comment "short-circuit local traffic"`,
    );
  }
  if (policyChain) rules.push(`goto ${policyChain}`);
  b.t.routing.external[ext] = { masq: !svc.externalPolicyLocal, target: policyChain, ...(svc.externalPolicyLocal ? { shortCircuit: clusterChain, podCIDR: input.clusterCIDR } : {}) };
}

/** Affinity checks, then `numgen random mod N` over the endpoint chains. */
function writeServiceToEndpoints(b: Builder, svc: ServicePortInfo, name: string, eps: EndpointInfo[], epName: (ep: EndpointInfo) => string, masqFromOutside: string): void {
  const affinity = svc.stickySeconds > 0 ? eps.map((ep) => ({ set: epName(ep).replace(/^endpoint-/, 'affinity-'), chain: epName(ep) })) : [];
  const chains = eps.map(epName);
  const vmap = chains.map((c, i) => `${i} : goto ${c}`).join(', ');
  chain(b, name).rules.push(...affinity.map((a) => `ip saddr @${a.set} goto ${a.chain}`), `numgen random mod ${chains.length} vmap { ${vmap} }`);
  b.t.routing.services[name] = { clusterIP: svc.clusterIP, masqFromOutside, affinity, endpoints: chains };
}

/** Stable element order: by address, protocol and port (real nft lists hash order). */
function sortElements(t: NftTable): void {
  const rank = (key: string): [number, string, number] => {
    const parts = key.split(' . ');
    const concat = parts.length === 3;
    return [concat || parts.length === 1 ? ipToInt(parts[0] ?? '') : 0, concat ? (parts[1] ?? '') : parts.length === 2 ? (parts[0] ?? '') : '', Number(parts[parts.length - 1])];
  };
  for (const s of t.sets) {
    const ranked = s.elements.map((e) => ({ e, r: rank(e.key) }));
    ranked.sort((a, b) => a.r[0] - b.r[0] || (a.r[1] < b.r[1] ? -1 : a.r[1] > b.r[1] ? 1 : 0) || a.r[2] - b.r[2]);
    s.elements = ranked.map((x) => x.e);
  }
}
