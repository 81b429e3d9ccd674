import { describe, expect, test } from 'vitest';
import { Session } from '../../../src/cli/session';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

function session(): Session {
  return new Session({ seed: 1 });
}

function run(s: Session, input: string): string {
  const r = s.run(input);
  if (r.exitCode !== 0) throw new Error(`"${input}" exited ${r.exitCode}:\n${r.output}`);
  return r.output;
}

const ipNumber = (ip: string) => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);

/** The allocated cluster IP and node port, and the pods' IPs in name order (the slice's order). */
function facts(s: Session): { ip: string; nodePort: number; podIPs: string[] } {
  const ip = run(s, "kubectl get svc web -o jsonpath='{.spec.clusterIP}'");
  const nodePort = Number(run(s, "kubectl get svc web -o jsonpath='{.spec.ports[0].nodePort}'"));
  const podIPs = run(s, "kubectl get pods -l app=web -o jsonpath='{.items[*].status.podIP}'").trim().split(' ');
  return { ip, nodePort, podIPs };
}

/** A 5-replica nginx Deployment exposed as a NodePort Service, 10 s after the expose. */
function exposedWeb(): Session {
  const s = session();
  run(s, 'kubectl create deployment web --image=nginx --replicas=5 --port=80');
  run(s, 'sim advance 30s');
  run(s, 'kubectl expose deployment web --port=80 --type=NodePort');
  run(s, 'sim advance 10s');
  return s;
}

describe('kubectl and Services', () => {
  test('expose allocates a cluster IP and node port; get svc, endpoints and endpointslices print them', () => {
    const s = exposedWeb();
    const { ip, nodePort, podIPs } = facts(s);
    const svc = run(s, 'kubectl get svc').split('\n');
    expect(svc[0]).toMatch(/^NAME {9}TYPE {8}CLUSTER-IP +EXTERNAL-IP {3}PORT\(S\) {8}AGE$/);
    expect(svc[1]).toMatch(/^kubernetes {3}ClusterIP {3}10\.96\.0\.1 +<none> {8}443\/TCP {8}40s$/);
    expect(svc[2]).toMatch(new RegExp(`^web {10}NodePort {4}${ip.replace(/\./g, '\\.')} +<none> {8}80:${nodePort}/TCP {3}10s$`));
    expect(ipNumber(ip)).toBeGreaterThanOrEqual(ipNumber('10.96.1.1'));
    expect(nodePort).toBeGreaterThanOrEqual(30086);
    // Endpoints list ready addresses sorted as strings, three of them, then how many more.
    const sorted = [...podIPs].sort();
    expect(run(s, 'kubectl get endpoints web')).toMatch(new RegExp(`^web +${sorted.slice(0, 3).map((a) => `${a}:80`).join(',')} \\+ 2 more\\.\\.\\. +10s$`, 'm'));
    expect(run(s, 'kubectl get endpointslices')).toMatch(new RegExp(`^web-[a-z0-9]{5} +IPv4 +80 +${podIPs.slice(0, 3).join(',')} \\+ 2 more\\.\\.\\. +10s$`, 'm'));
  });

  test('describe service shows the address family, IPs, ports and endpoints from the slices', () => {
    const s = exposedWeb();
    const { ip, nodePort, podIPs } = facts(s);
    expect(run(s, 'kubectl describe svc web')).toBe(
      lines(
        'Name:                     web',
        'Namespace:                default',
        'Labels:                   app=web',
        'Annotations:              <none>',
        'Selector:                 app=web',
        'Type:                     NodePort',
        'IP Family Policy:         SingleStack',
        'IP Families:              IPv4',
        `IP:                       ${ip}`,
        `IPs:                      ${ip}`,
        'Port:                     <unset>  80/TCP',
        'TargetPort:               80/TCP',
        `NodePort:                 <unset>  ${nodePort}/TCP`,
        `Endpoints:                ${podIPs.slice(0, 3).map((a) => `${a}:80`).join(',')} + 2 more...`,
        'Session Affinity:         None',
        'External Traffic Policy:  Cluster',
        'Internal Traffic Policy:  Cluster',
        'Events:                   <none>',
      ),
    );
  });

  test('a LoadBalancer shows <pending> until the cloud controller has provisioned an address', () => {
    const s = session();
    s.fs.write(
      '/root/lb.yaml',
      lines('apiVersion: v1', 'kind: Service', 'metadata:', '  name: front', 'spec:', '  type: LoadBalancer', '  selector:', '    app: front', '  ports:', '  - port: 80'),
    );
    run(s, 'kubectl apply -f lb.yaml');
    expect(run(s, 'kubectl get svc front')).toMatch(/^front\s+LoadBalancer\s+10\.\S+\s+<pending>\s+80:3\d{4}\/TCP\s+0s$/m);
    run(s, 'sim advance 3s');
    expect(run(s, 'kubectl get svc front')).toMatch(/^front\s+LoadBalancer\s+10\.\S+\s+172\.18\.255\.200\s+80:3\d{4}\/TCP\s+3s$/m);
    const describe = run(s, 'kubectl describe svc front');
    expect(describe).toContain('LoadBalancer Ingress:     172.18.255.200 (VIP)\n');
    expect(describe).toContain(
      lines(
        'Events:',
        '  Type    Reason                Age   From                Message',
        '  ----    ------                ----  ----                -------',
        '  Normal  EnsuringLoadBalancer  3s    service-controller  Ensuring load balancer',
        '  Normal  EnsuredLoadBalancer   1s    service-controller  Ensured load balancer',
      ),
    );
  });

  test('allocation failures print the API server 422 texts', () => {
    const s = session();
    const manifest = (name: string, spec: string[]) => lines('apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${name}`, 'spec:', ...spec.map((l) => `  ${l}`));
    s.fs.write('/root/out.yaml', manifest('out', ['clusterIP: 10.0.0.1', 'ports:', '- port: 80']));
    s.fs.write('/root/np1.yaml', manifest('np1', ['type: NodePort', 'ports:', '- port: 80', '  nodePort: 30080']));
    s.fs.write('/root/np2.yaml', manifest('np2', ['type: NodePort', 'ports:', '- port: 80', '  nodePort: 30080']));
    s.fs.write('/root/np3.yaml', manifest('np3', ['type: NodePort', 'ports:', '- port: 80', '  nodePort: 38080']));
    const fail = (cmd: string) => {
      const r = s.run(cmd);
      expect(r.exitCode).toBe(1);
      return r.output;
    };
    expect(fail('kubectl create -f out.yaml')).toBe(
      'The Service "out" is invalid: spec.clusterIPs: Invalid value: ["10.0.0.1"]: failed to allocate IP 10.0.0.1: the provided network does not match the current range\n',
    );
    run(s, 'kubectl create -f np1.yaml');
    expect(fail('kubectl create -f np2.yaml')).toBe('The Service "np2" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated\n');
    expect(fail('kubectl create -f np3.yaml')).toBe(
      'The Service "np3" is invalid: spec.ports[0].nodePort: Invalid value: 38080: provided port is not in the valid range. The range of valid ports is 30000-32767\n',
    );
  });

  test('Service variables reach containers started after the Service, not those started before', () => {
    const s = session();
    run(s, 'kubectl run before --image=nginx');
    run(s, 'sim advance 10s');
    run(s, 'kubectl create deployment redis-master --image=redis --port=6379');
    run(s, 'kubectl expose deployment redis-master --port=6379');
    run(s, 'kubectl run after --image=nginx');
    run(s, 'sim advance 10s');
    const ip = run(s, "kubectl get svc redis-master -o jsonpath='{.spec.clusterIP}'");
    expect(run(s, 'kubectl exec after -- env')).toContain(
      lines(
        'REDIS_MASTER_SERVICE_PORT=6379',
        `REDIS_MASTER_PORT_6379_TCP=tcp://${ip}:6379`,
        'REDIS_MASTER_PORT_6379_TCP_PROTO=tcp',
        'REDIS_MASTER_PORT_6379_TCP_PORT=6379',
        `REDIS_MASTER_PORT_6379_TCP_ADDR=${ip}`,
        `REDIS_MASTER_SERVICE_HOST=${ip}`,
        `REDIS_MASTER_PORT=tcp://${ip}:6379`,
      ),
    );
    const before = s.run('kubectl exec before -- printenv REDIS_MASTER_SERVICE_HOST');
    expect(before.exitCode).toBe(1);
    expect(before.output).not.toContain(ip);
    expect(run(s, 'kubectl exec before -- printenv KUBERNETES_SERVICE_HOST')).toBe('10.96.0.1\n');
  });

  test('enableServiceLinks: false leaves only the kubernetes Service variables', () => {
    const s = session();
    s.fs.write('/root/db.yaml', lines('apiVersion: v1', 'kind: Service', 'metadata:', '  name: db', 'spec:', '  ports:', '  - port: 5432'));
    run(s, 'kubectl apply -f db.yaml');
    s.fs.write(
      '/root/pod.yaml',
      lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: quiet', 'spec:', '  enableServiceLinks: false', '  containers:', '  - name: c', '    image: nginx'),
    );
    run(s, 'kubectl apply -f pod.yaml');
    run(s, 'sim advance 10s');
    const env = run(s, 'kubectl exec quiet -- env');
    expect(env).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1\n');
    expect(env).not.toContain('DB_');
  });

  test('describe endpointslice: a Service without pods keeps one empty placeholder slice', () => {
    const s = session();
    s.fs.write('/root/db.yaml', lines('apiVersion: v1', 'kind: Service', 'metadata:', '  name: db', 'spec:', '  selector:', '    app: db', '  ports:', '  - port: 5432'));
    run(s, 'kubectl apply -f db.yaml');
    run(s, 'sim advance 1s');
    const name = run(s, "kubectl get endpointslices -l kubernetes.io/service-name=db -o jsonpath='{.items[0].metadata.name}'");
    expect(run(s, `kubectl get endpointslice ${name}`)).toBe(lines('NAME       ADDRESSTYPE   PORTS     ENDPOINTS   AGE', `${name}   IPv4          <unset>   <unset>     1s`));
    expect(run(s, `kubectl describe endpointslice ${name}`)).toBe(
      lines(
        `Name:         ${name}`,
        'Namespace:    default',
        'Labels:       endpointslice.kubernetes.io/managed-by=endpointslice-controller.k8s.io',
        '              kubernetes.io/service-name=db',
        'Annotations:  endpoints.kubernetes.io/last-change-trigger-time: 2026-01-01T00:00:00Z',
        'AddressType:  IPv4',
        'Ports: <unset>',
        'Endpoints: <none>',
        // Lines without a tab end a tabwriter block, so Events aligns on its own.
        'Events:  <none>',
      ),
    );
  });

  test('a selectorless Service with hand-written Endpoints gets a mirrored EndpointSlice', () => {
    const s = session();
    s.fs.write(
      '/root/ext.yaml',
      lines(
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  name: ext',
        'spec:',
        '  ports:',
        '  - port: 80',
        '---',
        'apiVersion: v1',
        'kind: Endpoints',
        'metadata:',
        '  name: ext',
        'subsets:',
        '- addresses:',
        '  - ip: 192.168.1.10',
        '  ports:',
        '  - port: 80',
      ),
    );
    run(s, 'kubectl apply -f ext.yaml');
    run(s, 'sim advance 1s');
    expect(run(s, 'kubectl get endpointslices -l kubernetes.io/service-name=ext')).toMatch(/^ext-[a-z0-9]{5}\s+IPv4\s+80\s+192\.168\.1\.10\s+1s$/m);
  });
});
