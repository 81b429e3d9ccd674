import { sortedServices, serviceKey, type Proxier, type RouteEnv, type SyncInput, type SyncResult } from '../proxier';
import { categorizeEndpoints, endpointString } from '../service-info';
import type { FlowKey, FlowOrigin, ProgrammedServicePort, RouteDecision } from '../types';
import { generateIptables } from './generate';
import { nodeTables, ruleCount, type Tables } from './rules';
import { walkIptables, type RecentLists } from './walk';

interface IptablesState {
  tables: Tables;
  recent: RecentLists;
  programmed: ProgrammedServicePort[];
  nodeIP: string;
}

/** The iptables proxier: rules in the nat and filter tables, walked linearly per first packet. */
export class IptablesProxier implements Proxier {
  readonly mode = 'iptables' as const;
  #s: IptablesState = { tables: nodeTables(), recent: {}, programmed: [], nodeIP: '' };

  get tables(): Tables {
    return this.#s.tables;
  }

  sync(input: SyncInput): SyncResult {
    const before = ruleCount(this.#s.tables);
    this.#s.tables = generateIptables(input);
    this.#s.nodeIP = input.nodeIP;
    this.#s.programmed = programmedPorts(input);
    const rules = ruleCount(this.#s.tables);
    // iptables-restore gets every rule of the nat and filter tables on a full sync.
    return { rules, written: Math.max(rules, before) };
  }

  route(flow: FlowKey, origin: FlowOrigin, env: RouteEnv): RouteDecision {
    return walkIptables(this.#s.tables, { flow, origin, env, nodeIP: this.#s.nodeIP, recent: this.#s.recent });
  }

  programmed(): ProgrammedServicePort[] {
    return this.#s.programmed;
  }

  snapshot(): unknown {
    return JSON.parse(JSON.stringify(this.#s)) as unknown;
  }

  restore(state: unknown): void {
    this.#s = JSON.parse(JSON.stringify(state)) as IptablesState;
  }
}

/** Every proxier reports what it programs the same way: the endpoints traffic may go to. */
export function programmedPorts(input: SyncInput): ProgrammedServicePort[] {
  return sortedServices(input.services).map((svc) => {
    const cat = categorizeEndpoints(svc, input.endpoints[serviceKey(svc)] ?? [], input.nodeName);
    return {
      servicePort: svc.name.includes(':') ? svc.name : `${svc.name}:`,
      clusterIP: svc.clusterIP,
      port: svc.port,
      protocol: svc.protocol,
      ...(svc.nodePort ? { nodePort: svc.nodePort } : {}),
      endpoints: cat.reachable.map(endpointString),
    };
  });
}
