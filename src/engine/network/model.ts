import type { Protocol } from '../kube-proxy/types';
import type { RequestError } from './types';

/** Who sends a packet: the learner's workstation (outside the cluster), a node, or a pod. */
export type NetClient =
  | { kind: 'workstation' }
  | { kind: 'node'; node: string }
  | { kind: 'pod'; node: string; namespace: string; name: string; ip: string; dnsPolicy?: string };

/** How a TrafficRecord names a client. */
export function clientLabel(c: NetClient): string {
  if (c.kind === 'workstation') return 'workstation';
  if (c.kind === 'node') return `node/${c.node}`;
  return `pod/${c.namespace}/${c.name}`;
}

/** The workstation's address on the nodes' network (kind's docker bridge gateway). */
export const WORKSTATION_IP = '172.18.0.1';

export interface Destination {
  ip: string;
  port: number;
  protocol: Protocol;
}

/** A connection that was accepted: where it ended up and how it got there. */
export interface Connected {
  ok: true;
  srcIP: string;
  srcPort: number;
  /** Address after DNAT (the pod, or the node socket). */
  endpoint: string;
  /** `namespace/name` of the pod behind the endpoint. */
  pod?: string;
  /** Node whose rules made the decision. */
  node?: string;
  /** That node's address (the source a masqueraded connection shows). */
  routerIP?: string;
  /** Rules the connection went through (kube-proxy's path, ingress hops). */
  path: string[];
  /** Virtual ms for the connection handshake. */
  connectMs: number;
  /** What accepted the connection. */
  target: ConnTarget;
}

/** What can accept a connection. */
export type ConnTarget =
  | { kind: 'pod'; node: string; ip: string }
  | { kind: 'ingress'; node: string }
  | { kind: 'apiserver'; node: string }
  | { kind: 'kubelet'; node: string }
  | { kind: 'dns'; node: string; ip: string };

export interface Failed {
  ok: false;
  error: RequestError;
  /** Virtual ms until the client learns of it (a timeout is the kernel's SYN retry budget). */
  afterMs: number;
  path: string[];
  node?: string;
  endpoint?: string;
  pod?: string;
  /** Text for `curl -v` explaining why, e.g. `REJECT: default/web has no endpoints`. */
  reason?: string;
}

export type ConnectResult = Connected | Failed;

/** The kernel gives up a TCP connect after 6 SYN retransmissions (1+2+4+8+16+32+64 s). */
export const TCP_CONNECT_TIMEOUT_MS = 127_000;
