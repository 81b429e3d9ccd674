import type { Cluster } from '../../../engine/cluster';
import type { Command } from '../../types';
import type { NetHostOf } from './context';
import { deferredCommand } from '../../deferred';

export type NetCommandSet = Record<string, { command: Command; help: string }>;

/** Tools that run on every host kind that has them (workstation, nodes, pod images). */
export const NET_TOOLS: readonly string[] = ['curl', 'wget', 'nc', 'ping', 'nslookup', 'dig'];

/** Network commands for one host: each sends as the client `hostOf()` names. */
export function createNetCommands(cluster: Cluster, hostOf: NetHostOf): NetCommandSet & { simLoad: { command: Command; help: string } } {
  return {
    curl: { command: deferredCommand((p) => p.createCurl(cluster, hostOf)), help: 'HTTP requests through the simulated network (curl -v http://web)' },
    wget: { command: deferredCommand((p) => p.createWget(cluster, hostOf)), help: 'download a URL (wget -qO- http://web)' },
    nc: { command: deferredCommand((p) => p.createNc(cluster, hostOf)), help: 'test a TCP port (nc -zv 10.96.0.10 53)' },
    ping: { command: deferredCommand((p) => p.createPing(cluster, hostOf)), help: 'ICMP echo (ping -c 3 10.244.1.5)' },
    nslookup: { command: deferredCommand((p) => p.createNslookup(cluster, hostOf)), help: 'query DNS (nslookup web.default)' },
    dig: { command: deferredCommand((p) => p.createDig(cluster, hostOf)), help: 'query DNS (dig +short web.default.svc.cluster.local)' },
    hey: { command: deferredCommand((p) => p.createHey(cluster, hostOf)), help: 'HTTP load generator (hey -z 30s -q 10 -c 5 http://172.18.0.3:30080/)' },
    simLoad: { command: deferredCommand((p) => p.createSimLoad(cluster, hostOf)), help: 'traffic generator in virtual time' },
  };
}

/** Node-only tools, answered on the workstation with a pointer to where they live. */
export function nodeOnlyHints(): NetCommandSet {
  const out: NetCommandSet = {};
  for (const name of ['iptables-save', 'iptables', 'ipvsadm', 'ipset', 'conntrack', 'nft']) {
    out[name] = { command: () => ({ stdout: '', stderr: `${name}: command not found (kube-proxy rules live on the nodes: ssh node-1)\n`, exitCode: 127 }), help: `${name} (on the nodes: ssh node-1)` };
  }
  return out;
}
