import type { Pod, Service } from 'kubernetes-types/core/v1';
import type { Cluster } from '../../../src/engine/cluster';
import type { FlowKey, NodeProxy, ProgrammedServicePort, Protocol, RouteDecision } from '../../../src/engine/kube-proxy/types';

/**
 * A hand-written kube-proxy for network tests: it programs ClusterIP rules from the API only
 * when sync() is called, and picks endpoints round-robin, so a test decides when rules change.
 */
export class StaticProxy implements NodeProxy {
  readonly mode = 'iptables' as const;
  lastSyncMs: number | undefined;
  #rules: ProgrammedServicePort[] = [];
  #next = 0;

  constructor(
    readonly nodeName: string,
    private readonly cluster: Cluster,
  ) {}

  sync(): void {
    const pods = this.cluster.api.list<Pod>('pods').items;
    this.#rules = [];
    for (const svc of this.cluster.api.list<Service>('services').items) {
      const sel = svc.spec?.selector;
      const ip = svc.spec?.clusterIP;
      if (!sel || !ip || ip === 'None') continue;
      const ready = pods.filter((p) => p.metadata?.namespace === svc.metadata?.namespace && !p.metadata?.deletionTimestamp && p.status?.podIP && Object.entries(sel).every(([k, v]) => p.metadata?.labels?.[k] === v) && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
      for (const port of svc.spec?.ports ?? []) {
        const target = typeof port.targetPort === 'number' ? port.targetPort : port.port;
        const endpoints = ready.map((p) => `${p.status!.podIP}:${target}`).sort();
        this.#rules.push({ servicePort: `${svc.metadata!.namespace}/${svc.metadata!.name}:${port.name ?? ''}`, clusterIP: ip, port: port.port, protocol: (port.protocol ?? 'TCP') as Protocol, endpoints });
      }
    }
    this.lastSyncMs = this.cluster.now();
  }

  route(flow: FlowKey): RouteDecision {
    const rule = this.#rules.find((r) => r.clusterIP === flow.dstIP && r.port === flow.dstPort && r.protocol === flow.protocol);
    if (!rule) return { kind: 'none', evaluated: this.#rules.length };
    if (rule.endpoints.length === 0) return { kind: 'reject', path: ['KUBE-SERVICES'], evaluated: 1, reason: `${rule.servicePort} has no endpoints` };
    const ep = rule.endpoints[this.#next++ % rule.endpoints.length]!;
    const [ip, port] = ep.split(':');
    return { kind: 'dnat', ip: ip!, port: Number(port), path: ['KUBE-SERVICES', 'KUBE-SVC-TEST', `KUBE-SEP-${ep}`], evaluated: 3, masquerade: false };
  }

  programmed(): ProgrammedServicePort[] {
    return this.#rules;
  }
}
