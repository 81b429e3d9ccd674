/** The kube-proxy nftables table as data: sets, maps and chains in the order nft lists them. */

export interface NftSet {
  name: string;
  kind: 'set' | 'map';
  type: string;
  comment?: string;
  /** Dynamic affinity sets: timeout in seconds. */
  timeoutSec?: number;
  /** Set members (`10.96.0.1`), or map elements `key : verdict` with optional comment. */
  elements: { key: string; value?: string; comment?: string }[];
}

export interface NftChain {
  name: string;
  /** `type filter hook input priority -110; policy accept;` for base chains. */
  base?: string;
  comment?: string;
  rules: string[];
}

/** What route() reads instead of parsing rule text. */
export interface NftRouting {
  /** `ip . proto . port` → chain (service-ips). */
  serviceIPs: Record<string, string>;
  /** `proto . port` → chain (service-nodeports). */
  nodePorts: Record<string, string>;
  /** `ip . proto . port` → `reject` or `drop` (no-endpoint-services), with the Service's name. */
  noEndpoints: Record<string, { verdict: 'reject' | 'drop'; service: string }>;
  clusterIPs: string[];
  /** Service (and local-) chains; masqFromOutside is '' when the chain has no masquerade rule. */
  services: Record<string, { clusterIP: string; masqFromOutside: string; affinity: { set: string; chain: string }[]; endpoints: string[] }>;
  /** External chains: Cluster policy masquerades; Local short-circuits pod (podCIDR) and node traffic. */
  external: Record<string, { masq: boolean; target: string; shortCircuit?: string; podCIDR?: string }>;
  endpoints: Record<string, { ip: string; to: string; affinitySet?: string }>;
}

export interface NftTable {
  sets: NftSet[];
  chains: NftChain[];
  routing: NftRouting;
}

/** nft's duration format: `3h`, `10m`, `1h1m1s`. */
export function nftDuration(sec: number): string {
  const d = Math.floor(sec / 86400);
  const h = Math.floor((sec % 86400) / 3600);
  const m = Math.floor((sec % 3600) / 60);
  const s = sec % 60;
  const out = `${d ? `${d}d` : ''}${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
  return out || '0s';
}
