import { describe, expect, it } from 'vitest';
import { netSession, service } from './setup';

describe('cluster DNS', () => {
  it('answers a Service name through the pod search path (busybox nslookup)', () => {
    const { sh } = netSession();
    expect(sh('kubectl exec box -- nslookup web')).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.96.100.100\n\n');
    expect(sh('kubectl exec box -- cat /etc/resolv.conf')).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  it('says NXDOMAIN for a name nobody serves', () => {
    const { sh } = netSession();
    expect(sh('kubectl exec box -- nslookup nope')).toBe("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find nope: NXDOMAIN\n\n** server can't find nope: NXDOMAIN\n\ncommand terminated with exit code 1\n");
  });

  it('answers dig from a node as CoreDNS does: A, SRV for named ports, PTR', () => {
    const { sh } = netSession();
    sh('ssh node-1');
    expect(sh('dig +short @10.96.0.10 web.default.svc.cluster.local')).toBe('10.96.100.100\n');
    expect(sh('dig +short @10.96.0.10 -t SRV _http._tcp.web.default.svc.cluster.local')).toBe('0 100 80 web.default.svc.cluster.local.\n');
    expect(sh('dig +short @10.96.0.10 -x 10.96.100.100')).toBe('web.default.svc.cluster.local.\n');
    const full = sh('dig @10.96.0.10 web.default.svc.cluster.local');
    expect(full).toContain(';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: ');
    expect(full).toContain(';; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1\n');
    expect(full).toContain(';; QUESTION SECTION:\n;web.default.svc.cluster.local.\tIN\tA\n\n;; ANSWER SECTION:\nweb.default.svc.cluster.local. 30 IN\tA\t10.96.100.100\n');
    expect(full).toContain(';; SERVER: 10.96.0.10#53(10.96.0.10) (UDP)\n');
    const nx = sh('dig @10.96.0.10 nope.default.svc.cluster.local');
    expect(nx).toContain('status: NXDOMAIN');
    expect(nx).toMatch(/;; AUTHORITY SECTION:\ncluster\.local\.\t\t30\tIN\tSOA\tns\.dns\.cluster\.local\. hostmaster\.cluster\.local\. \d+ 7200 1800 86400 30\n/);
  });

  it('gives headless Services one A record per ready pod and ExternalName a CNAME', () => {
    const { sh, cluster } = netSession();
    cluster.api.create('services', service('web-headless', 'None', { selector: { app: 'web' } }));
    cluster.api.create('endpointslices', {
      metadata: { name: 'web-headless-abcde', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web-headless' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.244.2.2'], conditions: { ready: true } }, { addresses: ['10.244.1.2'], conditions: { ready: true }, hostname: 'web-0' }],
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    });
    cluster.api.create('services', { metadata: { name: 'ext', namespace: 'default' }, spec: { type: 'ExternalName', externalName: 'example.com' } });
    cluster.advance(1000);
    sh('ssh node-1');
    expect(sh('dig +short @10.96.0.10 web-headless.default.svc.cluster.local')).toBe('10.244.1.2\n10.244.2.2\n');
    expect(sh('dig +short @10.96.0.10 web-0.web-headless.default.svc.cluster.local')).toBe('10.244.1.2\n');
    expect(sh('dig +short @10.96.0.10 SRV _http._tcp.web-headless.default.svc.cluster.local')).toBe('0 50 80 web-0.web-headless.default.svc.cluster.local.\n0 50 80 10-244-2-2.web-headless.default.svc.cluster.local.\n');
    expect(sh('nslookup ext.default.svc.cluster.local 10.96.0.10')).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\next.default.svc.cluster.local\tcanonical name = example.com.\n\n');
  });

  it('learns of a new Service after its propagation delay; a replica that said NXDOMAIN keeps saying it for 30 s', () => {
    const { sh, cluster } = netSession();
    const replica = sh("kubectl -n kube-system get pods -o jsonpath='{.items[0].status.podIP}'");
    sh('ssh node-1');
    cluster.api.create('services', service('late', '10.96.100.150'));
    cluster.advance(5);
    expect(sh(`dig +short @${replica} late.default.svc.cluster.local`)).toBe('');
    cluster.advance(600);
    expect(sh(`dig @${replica} late.default.svc.cluster.local`)).toMatch(/status: NXDOMAIN[^]*cluster\.local\.\t\t(29|30)\tIN\tSOA/);
    cluster.advance(30_000);
    expect(sh(`dig +short @${replica} late.default.svc.cluster.local`)).toBe('10.96.100.150\n');
  });

  it('serves nodes and the workstation from their own resolver, which knows no cluster names', () => {
    const { sh } = netSession();
    expect(sh('curl -s http://web.default.svc.cluster.local; echo $?')).toBe('6\n');
    sh('ssh node-2');
    expect(sh('cat /etc/resolv.conf')).toBe('nameserver 172.18.0.1\noptions ndots:0\n');
    expect(sh('nslookup web.default.svc.cluster.local')).toBe("Server:\t\t172.18.0.1\nAddress:\t172.18.0.1#53\n\n** server can't find web.default.svc.cluster.local: NXDOMAIN\n\n");
  });
});
