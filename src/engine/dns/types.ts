/** DNS messages as the simulated CoreDNS answers and the stub resolvers print them. */

export type RRType = 'A' | 'AAAA' | 'SRV' | 'PTR' | 'CNAME' | 'SOA' | 'TXT';

export interface RR {
  /** Fully qualified, ending in a dot. */
  name: string;
  ttl: number;
  type: RRType;
  /** Presentation form of the RDATA, as dig prints it. */
  data: string;
}

export type Rcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED';

export interface DnsAnswer {
  rcode: Rcode;
  /** Authoritative (CoreDNS's kubernetes plugin answers for its zone with aa set). */
  aa: boolean;
  /** Recursion available: set on answers forwarded from an upstream resolver. */
  ra?: boolean;
  answer: RR[];
  authority: RR[];
  additional: RR[];
}

/** The cluster domain kubeadm configures. */
export const CLUSTER_DOMAIN = 'cluster.local';
/** The kube-dns Service's ClusterIP (kubeadm's DefaultClusterDNSIP). */
export const CLUSTER_DNS_IP = '10.96.0.10';
/** What an upstream resolver says about a name nobody has: NXDOMAIN with the root zone's SOA. */
export function upstreamNxdomain(): DnsAnswer {
  return { rcode: 'NXDOMAIN', aa: false, ra: true, answer: [], authority: [{ name: '.', ttl: 86400, type: 'SOA', data: 'a.root-servers.net. nstld.verisign-grs.com. 2026010100 1800 900 604800 86400' }], additional: [] };
}

/** The kubeadm Corefile says `ttl 30` to the kubernetes plugin. */
export const RECORD_TTL = 30;
