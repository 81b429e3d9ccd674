import { IptablesProxier } from './iptables/proxier';
import { IpvsProxier } from './ipvs/proxier';
import { NftablesProxier } from './nftables/proxier';
import type { Proxier } from './proxier';
import type { ProxyMode } from './types';
import { UserspaceProxier } from './userspace/proxier';

/** Options a proxier is built with (from config.conf and the cluster's simulated hardware). */
export interface ProxierOptions {
  scheduler: string;
}

export function newProxier(mode: ProxyMode, options: ProxierOptions): Proxier {
  switch (mode) {
    case 'iptables':
      return new IptablesProxier();
    case 'ipvs':
      return new IpvsProxier(options.scheduler || 'rr');
    case 'nftables':
      return new NftablesProxier();
    case 'userspace':
      return new UserspaceProxier();
  }
}
