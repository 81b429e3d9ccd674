import type { ClusterConfig, NodeConfig } from '../cluster-config';
import type { FlowOrigin, RouteDecision } from '../kube-proxy/types';
import type { PodNetns } from '../kubelet/netns';
import type { Rng } from '../sim/rng';
import { inCidr } from './ip';
import { WORKSTATION_IP, TCP_CONNECT_TIMEOUT_MS, type ConnectResult, type ConnTarget, type Destination, type NetClient } from './model';
import { findProxy, type ActorLookup } from './proxies';
import { APISERVER_PORT } from './apiserver-endpoint';

/** The kubelet's HTTPS API port. */
export const KUBELET_PORT = 10250;

/** Actor id of the ingress controller, which listens on every node's port 80. */
export const INGRESS_CONTROLLER_ID = 'ingress-nginx-controller';

/** What routing needs of the cluster: its layout, its actors, and a random source for jitter. */
export interface NetEnv {
  config: ClusterConfig;
  lookup: ActorLookup;
  /** Proxies attached by hand (tests), besides those registered as actors. */
  proxies: readonly unknown[];
  rng: Rng;
}

/** The part of a kubelet the network uses. */
interface KubeletView {
  running: boolean;
  podByIP(ip: string): PodNetns | undefined;
}

function kubeletOf(env: NetEnv, node: string): KubeletView | undefined {
  const k = env.lookup(`kubelet/${node}`) as Partial<KubeletView> | undefined;
  return k && typeof k.podByIP === 'function' ? (k as KubeletView) : undefined;
}

export function nodeByIP(env: NetEnv, ip: string): NodeConfig | undefined {
  return env.config.nodes.find((n) => n.internalIP === ip);
}

export function nodeForPodIP(env: NetEnv, ip: string): NodeConfig | undefined {
  return env.config.nodes.find((n) => inCidr(ip, n.podCIDR));
}

/** The pod network namespace holding `ip`, if its node is up and its sandbox exists. */
export function podAt(env: NetEnv, ip: string): { node: string; netns: PodNetns } | undefined {
  const node = nodeForPodIP(env, ip);
  const kubelet = node ? kubeletOf(env, node.name) : undefined;
  if (!node || !kubelet?.running) return undefined;
  const netns = kubelet.podByIP(ip);
  return netns ? { node: node.name, netns } : undefined;
}

function source(env: NetEnv, c: NetClient): { node?: string; origin: FlowOrigin; ip: string } {
  if (c.kind === 'workstation') return { origin: 'external', ip: WORKSTATION_IP };
  if (c.kind === 'node') return { node: c.node, origin: 'node', ip: env.config.nodes.find((n) => n.name === c.node)?.internalIP ?? '' };
  return { node: c.node, origin: 'pod', ip: c.ip };
}

/** One-way virtual ms between two places (undefined = the workstation), with a little jitter. */
export function hopMs(env: NetEnv, a: string | undefined, b: string | undefined): number {
  const base = a === b ? 0.03 : a === undefined || b === undefined ? 0.2 : 0.12;
  return base * (1 + env.rng.float());
}

/**
 * Open a connection from `client` to `dst`: the source node's kube-proxy rules decide first
 * (DNAT to an endpoint, REJECT, or nothing); a packet for another node's address then meets that
 * node's rules (NodePorts); what is finally at the address accepts, refuses, or never answers.
 */
export function connect(env: NetEnv, client: NetClient, dst: Destination, srcPort: number): ConnectResult {
  const src = source(env, client);
  if (dst.ip === '127.0.0.1' || dst.ip === src.ip) return loopback(env, client, src, dst, srcPort);
  const flow = { protocol: dst.protocol, srcIP: src.ip, srcPort, dstIP: dst.ip, dstPort: dst.port };
  let decision: RouteDecision = { kind: 'none', evaluated: 0 };
  let routeNode = src.node;
  if (src.node) decision = findProxy(env.lookup, src.node, env.proxies)?.route(flow, src.origin) ?? decision;
  const remote = nodeByIP(env, dst.ip);
  if (decision.kind === 'none' && remote && remote.name !== src.node) {
    routeNode = remote.name;
    decision = findProxy(env.lookup, remote.name, env.proxies)?.route(flow, 'external') ?? decision;
  }
  // A LoadBalancer address outside the cluster: the (MetalLB-like) speaker on the first worker
  // answers ARP for it, and that node's rules take the packet from there.
  if (decision.kind === 'none' && client.kind === 'workstation' && !remote && !nodeForPodIP(env, dst.ip) && !inCidr(dst.ip, env.config.serviceCIDR)) {
    const speaker = env.config.nodes.find((n) => !n.controlPlane) ?? env.config.nodes[0];
    const d = speaker ? findProxy(env.lookup, speaker.name, env.proxies)?.route(flow, 'external') : undefined;
    if (d && d.kind !== 'none') {
      decision = d;
      routeNode = speaker!.name;
    }
  }
  const toRouter = hopMs(env, src.node, routeNode);
  if (decision.kind === 'reject') {
    return { ok: false, error: 'connection-refused', afterMs: 2 * toRouter, path: decision.path, ...(routeNode ? { node: routeNode } : {}), reason: decision.reason };
  }
  const path = decision.kind === 'dnat' ? decision.path : [];
  const target = decision.kind === 'dnat' ? { ip: decision.ip, port: decision.port } : { ip: dst.ip, port: dst.port };
  return deliver(env, { src, srcPort, routeNode, path, toRouter }, target, dst.protocol);
}

/** Connections to the host itself never meet kube-proxy's rules: they stay in the namespace. */
function loopback(env: NetEnv, client: NetClient, src: { node?: string; ip: string }, dst: Destination, srcPort: number): ConnectResult {
  const leg = { src, srcPort, routeNode: src.node, path: [], toRouter: 0 };
  if (client.kind === 'pod') return deliver(env, leg, { ip: client.ip, port: dst.port }, dst.protocol);
  // On a node, localhost reaches the node's own daemons (the kubelet on 10250, the API server).
  const self = client.kind === 'node' ? env.config.nodes.find((n) => n.name === client.node) : undefined;
  if (self && (dst.port === KUBELET_PORT || (self.controlPlane && dst.port === APISERVER_PORT))) return deliver(env, leg, { ip: self.internalIP, port: dst.port }, dst.protocol);
  // kind maps the workstation's localhost:80/443 to the ingress controller's hostPorts.
  const cp = env.config.nodes.find((n) => n.controlPlane) ?? env.config.nodes[0];
  if (client.kind === 'workstation' && (dst.port === 80 || dst.port === 443) && cp && env.lookup(INGRESS_CONTROLLER_ID)) {
    return { ok: true, srcIP: src.ip, srcPort, endpoint: `${cp.internalIP}:${dst.port}`, path: [], node: cp.name, routerIP: cp.internalIP, connectMs: 2 * hopMs(env, undefined, cp.name), target: { kind: 'ingress', node: cp.name } };
  }
  return { ok: false, error: 'connection-refused', afterMs: 0.05, path: [], endpoint: `${dst.ip}:${dst.port}` };
}

interface Leg {
  src: { node?: string; ip: string };
  srcPort: number;
  routeNode: string | undefined;
  path: string[];
  toRouter: number;
}

function deliver(env: NetEnv, leg: Leg, target: { ip: string; port: number }, protocol: Destination['protocol']): ConnectResult {
  const endpoint = `${target.ip}:${target.port}`;
  const node = leg.routeNode ? { node: leg.routeNode } : {};
  const routerIP = env.config.nodes.find((n) => n.name === leg.routeNode)?.internalIP;
  const timeout = (pod?: string): ConnectResult => ({ ok: false, error: 'timeout', afterMs: TCP_CONNECT_TIMEOUT_MS, path: leg.path, ...node, endpoint, ...(pod ? { pod } : {}) });
  const base = { srcIP: leg.src.ip, srcPort: leg.srcPort, endpoint, path: leg.path, ...node, ...(routerIP ? { routerIP } : {}) };
  const pod = podAt(env, target.ip);
  if (pod) {
    const rtt = 2 * (leg.toRouter + hopMs(env, leg.routeNode, pod.node));
    const podName = `${pod.netns.namespace}/${pod.netns.name}`;
    if (!pod.netns.listening().includes(target.port)) {
      return { ok: false, error: 'connection-refused', afterMs: rtt, path: leg.path, ...node, endpoint, pod: podName };
    }
    const kind: ConnTarget['kind'] = protocol === 'UDP' && pod.netns.kind() === 'coredns' ? 'dns' : 'pod';
    return { ok: true, ...base, pod: podName, connectMs: rtt, target: { kind, node: pod.node, ip: target.ip } };
  }
  if (nodeForPodIP(env, target.ip)) return timeout();
  const host = nodeByIP(env, target.ip);
  if (host) {
    const rtt = 2 * (leg.toRouter + hopMs(env, leg.routeNode, host.name));
    if (target.port === KUBELET_PORT) {
      const kubelet = kubeletOf(env, host.name);
      if (kubelet?.running) return { ok: true, ...base, connectMs: rtt, target: { kind: 'kubelet', node: host.name } };
      return { ok: false, error: 'connection-refused', afterMs: rtt, path: leg.path, ...node, endpoint };
    }
    if (host.controlPlane && target.port === APISERVER_PORT) return { ok: true, ...base, connectMs: rtt, target: { kind: 'apiserver', node: host.name } };
    if ((target.port === 80 || target.port === 443) && env.lookup(INGRESS_CONTROLLER_ID)) {
      return { ok: true, ...base, connectMs: rtt, target: { kind: 'ingress', node: host.name } };
    }
    return { ok: false, error: 'connection-refused', afterMs: rtt, path: leg.path, ...node, endpoint };
  }
  return timeout();
}
