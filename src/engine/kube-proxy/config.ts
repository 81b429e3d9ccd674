import { parse } from 'yaml';
import type { ClusterConfig } from '../cluster-config';
import { parseDuration } from '../sim/time';
import type { ProxyMode } from './types';

/**
 * The `kubeProxy` section of a cluster's config: what kube-proxy's ConfigMap starts with, plus
 * what the simulation adds around it (kernel modules per node, per-node delays, jitter).
 * Defaults are a kubeadm cluster's: iptables, minSyncPeriod 1s, syncPeriod 30s.
 */
export interface KubeProxySettings {
  /** '' means the default (iptables), as in KubeProxyConfiguration. */
  mode?: ProxyMode | '';
  minSyncPeriodMs?: number;
  syncPeriodMs?: number;
  /** Runs the BoundedFrequencyRunner allows back to back (upstream hard-codes 2). */
  burst?: number;
  /** ipvs.scheduler: rr, wrr, lc, wlc, lblc, lblcr, sh, dh, sed, nq ('' = rr). */
  ipvsScheduler?: string;
  /** Whether nodes have the ip_vs kernel modules: for all nodes, or per node name (default true). */
  ipvsModulesAvailable?: boolean | Record<string, boolean>;
  /** Extra virtual ms a node's kube-proxy takes to react to a change (a slow node). */
  nodeDelayMs?: Record<string, number>;
  /** Random extra delay per change, 0..jitterMs, so nodes converge at different times (default 100). */
  jitterMs?: number;
  /** klog verbosity in the ConfigMap (0 as kubeadm; 2 shows each sync in the logs). */
  verbosity?: number;
}

/** KubeProxyConfiguration as the proxy reads it from config.conf, reduced to what we model. */
export interface ProxyRunConfig {
  /** As written: may be invalid (`userspace` on a new release) or '' for the default. */
  mode: string;
  minSyncPeriodMs: number;
  syncPeriodMs: number;
  scheduler: string;
  clusterCIDR: string;
  verbosity: number;
}

const DEFAULTS = { minSyncPeriodMs: 1000, syncPeriodMs: 30_000 };

/** config.conf as kubeadm writes it into the kube-proxy ConfigMap. */
export function kubeadmConfigConf(cluster: ClusterConfig): string {
  const kp = cluster.kubeProxy ?? {};
  const dur = (ms: number | undefined) => (ms === undefined ? '0s' : `${ms / 1000}s`);
  const sync = `  minSyncPeriod: ${dur(kp.minSyncPeriodMs)}\n  syncPeriod: ${dur(kp.syncPeriodMs)}\n`;
  const text = renderConfigConf(cluster.clusterCIDR, kp, dur, sync);
  const periods = { minSyncPeriod: dur(kp.minSyncPeriodMs), syncPeriod: dur(kp.syncPeriodMs) };
  rememberRendered(text, {
    clusterCIDR: cluster.clusterCIDR,
    iptables: periods,
    ipvs: { ...periods, scheduler: kp.ipvsScheduler ?? '' },
    logging: { verbosity: kp.verbosity ?? 0 },
    mode: kp.mode ?? '',
    nftables: periods,
  });
  return text;
}

function renderConfigConf(clusterCIDR: string, kp: KubeProxySettings, dur: (ms: number | undefined) => string, sync: string): string {
  return [
    'apiVersion: kubeproxy.config.k8s.io/v1alpha1',
    'bindAddress: 0.0.0.0',
    'bindAddressHardFail: false',
    'clientConnection:',
    '  acceptContentTypes: ""',
    '  burst: 0',
    '  contentType: ""',
    '  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf',
    '  qps: 0',
    `clusterCIDR: ${clusterCIDR}`,
    'configSyncPeriod: 0s',
    'conntrack:',
    '  maxPerCore: null',
    '  min: null',
    '  tcpBeLiberal: false',
    '  tcpCloseWaitTimeout: null',
    '  tcpEstablishedTimeout: null',
    '  udpStreamTimeout: 0s',
    '  udpTimeout: 0s',
    'detectLocal:',
    '  bridgeInterface: ""',
    '  interfaceNamePrefix: ""',
    'detectLocalMode: ""',
    'enableProfiling: false',
    'healthzBindAddress: ""',
    'hostnameOverride: ""',
    'iptables:',
    '  localhostNodePorts: null',
    '  masqueradeAll: false',
    '  masqueradeBit: null',
    sync + 'ipvs:',
    '  excludeCIDRs: null',
    `  minSyncPeriod: ${dur(kp.minSyncPeriodMs)}`,
    `  scheduler: "${kp.ipvsScheduler ?? ''}"`,
    '  strictARP: false',
    `  syncPeriod: ${dur(kp.syncPeriodMs)}`,
    '  tcpFinTimeout: 0s',
    '  tcpTimeout: 0s',
    '  udpTimeout: 0s',
    'kind: KubeProxyConfiguration',
    'logging:',
    '  flushFrequency: 0',
    '  options:',
    '    json:',
    '      infoBufferSize: "0"',
    '    text:',
    '      infoBufferSize: "0"',
    `  verbosity: ${kp.verbosity ?? 0}`,
    'metricsBindAddress: ""',
    `mode: "${kp.mode ?? ''}"`,
    'nftables:',
    '  masqueradeAll: false',
    '  masqueradeBit: null',
    sync + 'nodePortAddresses: null',
    'oomScoreAdj: null',
    'portRange: ""',
    'showHiddenMetricsForVersion: ""',
    'winkernel:',
    '  enableDSR: false',
    '  forwardHealthCheckVip: false',
    '  networkName: ""',
    '  rootHnsEndpointName: ""',
    '  sourceVip: ""',
    '',
  ].join('\n');
}

type Section = Record<string, unknown> | undefined;

function ms(value: unknown, fallback: number): number {
  if (typeof value !== 'string') return fallback;
  const parsed = parseDuration(value);
  return parsed === undefined || parsed === 0 ? fallback : parsed;
}

/**
 * What YAML reads from each config.conf kubeadmConfigConf wrote, for the fields parseConfigText
 * uses (a test checks they agree): every cluster starts with one, and reading it was the only
 * use of the YAML parser when a lab starts, which compiling cold cost 10-15 ms. A text edited
 * since (a learner switching modes) is not among them and goes through the parser.
 */
const RENDERED = new Map<string, Record<string, unknown>>();

function rememberRendered(text: string, doc: Record<string, unknown>): void {
  if (RENDERED.size >= 16) RENDERED.clear();
  RENDERED.set(text, doc);
}

/** The fields of a config.conf that kubeadmConfigConf wrote, as YAML reads them; else undefined. */
export function renderedConfigDoc(text: string): Record<string, unknown> | undefined {
  return RENDERED.get(text);
}

/**
 * The last config.conf read. Every kube-proxy of a cluster reads the same ConfigMap when it
 * starts, and parsing the YAML a hundred times was a visible share of building a 100-node cluster.
 */
let lastParsed: { text: string; fallbackCIDR: string; result: ProxyRunConfig | { error: string } } | undefined;

/** Read config.conf; unset durations (`0s`) take kube-proxy's defaults for the chosen mode. */
export function parseConfigConf(text: string, fallbackCIDR: string): ProxyRunConfig | { error: string } {
  if (lastParsed?.text !== text || lastParsed.fallbackCIDR !== fallbackCIDR) lastParsed = { text, fallbackCIDR, result: parseConfigText(text, fallbackCIDR) };
  return { ...lastParsed.result }; // every field is a primitive: a shallow copy is a private one
}

function parseConfigText(text: string, fallbackCIDR: string): ProxyRunConfig | { error: string } {
  let doc: Record<string, unknown>;
  try {
    doc = RENDERED.get(text) ?? ((parse(text) ?? {}) as Record<string, unknown>);
  } catch (e) {
    return { error: `failed to load config file "/var/lib/kube-proxy/config.conf": ${(e as Error).message}` };
  }
  const mode = typeof doc.mode === 'string' ? doc.mode : '';
  const section = (doc[mode === 'ipvs' ? 'ipvs' : mode === 'nftables' ? 'nftables' : 'iptables'] ?? {}) as Section;
  const ipvsMin = mode === 'ipvs' ? 0 : DEFAULTS.minSyncPeriodMs;
  return {
    mode,
    minSyncPeriodMs: ms(section?.minSyncPeriod, ipvsMin),
    syncPeriodMs: ms(section?.syncPeriod, DEFAULTS.syncPeriodMs),
    scheduler: typeof (doc.ipvs as Section)?.scheduler === 'string' ? ((doc.ipvs as Record<string, string>).scheduler ?? '') : '',
    clusterCIDR: typeof doc.clusterCIDR === 'string' ? doc.clusterCIDR : fallbackCIDR,
    verbosity: typeof (doc.logging as Section)?.verbosity === 'number' ? ((doc.logging as Record<string, number>).verbosity ?? 0) : 0,
  };
}
