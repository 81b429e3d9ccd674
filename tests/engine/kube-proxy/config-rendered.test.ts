import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defaultClusterConfig } from '../../../src/engine/cluster-config';
import { kubeadmConfigConf, renderedConfigDoc, type KubeProxySettings } from '../../../src/engine/kube-proxy/config';

/** The fields parseConfigText reads, from a parsed document. */
function read(doc: Record<string, unknown>) {
  const pick = (section: unknown, ...keys: string[]) => Object.fromEntries(keys.map((k) => [k, (section as Record<string, unknown> | undefined)?.[k]]));
  return {
    clusterCIDR: doc.clusterCIDR,
    mode: doc.mode,
    iptables: pick(doc.iptables, 'minSyncPeriod', 'syncPeriod'),
    ipvs: pick(doc.ipvs, 'minSyncPeriod', 'syncPeriod', 'scheduler'),
    nftables: pick(doc.nftables, 'minSyncPeriod', 'syncPeriod'),
    logging: pick(doc.logging, 'verbosity'),
  };
}

const SETTINGS: KubeProxySettings[] = [
  {},
  { mode: 'ipvs', ipvsScheduler: 'lc' },
  { mode: 'nftables', minSyncPeriodMs: 1500, syncPeriodMs: 60_000, verbosity: 2 },
  { mode: '', minSyncPeriodMs: 0, syncPeriodMs: 250 },
  { mode: 'iptables', ipvsScheduler: '', verbosity: 4 },
];

describe('the config.conf kubeadm writes', () => {
  it.each(SETTINGS.map((s) => [JSON.stringify(s), s]))('is read without the YAML parser exactly as the parser reads it: %s', (_name, settings) => {
    const cluster = { ...defaultClusterConfig({ workers: 2 }), kubeProxy: settings };
    const text = kubeadmConfigConf(cluster);
    expect(renderedConfigDoc(text)).toEqual(read(parse(text) as Record<string, unknown>));
  });

  it('is not taken for an edited text, which the parser reads', () => {
    const text = kubeadmConfigConf({ ...defaultClusterConfig({ workers: 2 }), kubeProxy: {} });
    expect(renderedConfigDoc(text.replace('mode: ""', 'mode: "ipvs"'))).toBeUndefined();
  });
});
