import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/cli/session';
import { Cluster } from '../../../src/engine/cluster';
import { endpointControllerComponents, workloadControllerComponents } from '../../../src/engine/controllers/index';
import { ingressComponents, match, type Route } from '../../../src/engine/ingress/index';
import { kubeletComponents } from '../../../src/engine/kubelet/index';
import { networkComponents, networkOf } from '../../../src/engine/network/index';
import { schedulerComponents } from '../../../src/engine/scheduler/index';

const SHOP = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
      - path: /api
        pathType: Prefix
        backend:
          service:
            name: api
            port:
              number: 8080
`;

function session(): { sh: (line: string) => string; cluster: Cluster } {
  const cluster = Cluster.create({ seed: 5, workers: 2 }, [schedulerComponents, workloadControllerComponents, endpointControllerComponents, kubeletComponents, ingressComponents, networkComponents]);
  const s = new Session({}, cluster);
  const sh = (line: string) => s.run(line).output;
  sh('kubectl create deployment web --image=nginx:1.27 --replicas=2');
  sh('kubectl expose deployment web --port=80');
  sh('kubectl create deployment api --image=ghcr.io/clusterlab/http-app:1.0 --replicas=1');
  sh('kubectl expose deployment api --port=8080');
  s.fs.write('/root/shop.yaml', SHOP);
  sh('kubectl apply -f shop.yaml');
  cluster.advance(15_000);
  return { sh, cluster };
}

describe('Ingress', () => {
  it('lists Ingresses and IngressClasses as kubectl does', () => {
    const { sh } = session();
    expect(sh('kubectl get ingress')).toBe('NAME   CLASS   HOSTS              ADDRESS     PORTS   AGE\nshop   nginx   shop.example.com   localhost   80      15s\n');
    expect(sh('kubectl get ingressclass')).toBe('NAME    CONTROLLER             PARAMETERS   AGE\nnginx   k8s.io/ingress-nginx   <none>       15s\n');
  });

  it('routes by host and path straight to pod endpoints, from the workstation via localhost', () => {
    const { sh, cluster } = session();
    expect(sh('curl -s -H "Host: shop.example.com" http://localhost/ | head -4 | tail -1')).toBe('<title>Welcome to nginx!</title>\n');
    expect(sh('curl -s -H "Host: shop.example.com" http://localhost/api/')).toBe('404 page not found\n');
    expect(sh('curl -s -o /dev/null -w "%{http_code}" http://localhost/')).toBe('404');
    const verbose = sh('curl -sv -o /dev/null -H "Host: shop.example.com" http://localhost/api');
    expect(verbose).toMatch(/\* \[clusterlab\] ingress-nginx -> default\/shop -> default\/api:8080 -> 10\.244\.\d+\.\d+:8080 \(pod default\/api-[a-z0-9]+-[a-z0-9]{5}\)\n/);
    const net = networkOf(cluster)!;
    const r = net.request({ kind: 'workstation' }, 'http://localhost/', { headers: { Host: 'shop.example.com' }, record: true });
    expect(r.reply?.status).toBe(200);
    expect(net.records().at(-1)?.pod).toMatch(/^default\/web-/);
  });

  it('answers 503 once a backend has no ready endpoints', () => {
    const { sh, cluster } = session();
    sh('kubectl scale deployment api --replicas=0');
    cluster.advance(5000);
    expect(sh('curl -s -o /dev/null -w "%{http_code}" -H "Host: shop.example.com" http://localhost/api')).toBe('503');
  });

  it('rejects an Ingress path without pathType, as the API server does', () => {
    const { sh, cluster } = session();
    cluster.api.tryGet('ingresses', 'default', 'shop');
    const bad = SHOP.replace('name: shop', 'name: bad').replace('        pathType: Prefix\n        backend:\n          service:\n            name: web', '        backend:\n          service:\n            name: web');
    const s = sh(`kubectl apply -f - <<'EOF'\n${bad}EOF`);
    expect(s).toBe('The Ingress "bad" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified\n');
  });
});

describe('Ingress path matching', () => {
  const route = (host: string, path: string, pathType: Route['pathType'], upstream: string): Route => ({ host, path, pathType, ingress: 'default/x', upstream, endpoints: [], pods: {} });
  const routes = [route('', '/', 'Prefix', 'any'), route('a.test', '/', 'Prefix', 'a-root'), route('a.test', '/foo', 'Prefix', 'a-foo'), route('a.test', '/foo', 'Exact', 'a-foo-exact'), route('*.b.test', '/', 'Prefix', 'b-wild')];
  it('prefers a specific host, the longest path, and Exact over Prefix', () => {
    expect(match(routes, 'a.test', '/foo')?.upstream).toBe('a-foo-exact');
    expect(match(routes, 'a.test', '/foo/bar')?.upstream).toBe('a-foo');
    expect(match(routes, 'a.test', '/foobar')?.upstream).toBe('a-root');
    expect(match(routes, 'x.b.test', '/z')?.upstream).toBe('b-wild');
    expect(match(routes, 'y.x.b.test', '/z')?.upstream).toBe('any');
    expect(match(routes, 'other', '/')?.upstream).toBe('any');
  });

});

const SLOW = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: slow
spec:
  ingressClassName: nginx
  rules:
  - host: slow.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: api
            port:
              number: 8080
`;

describe('Ingress in front of a dying pod', () => {
  it('answers 502 itself when the upstream pod dies before its slow answer', () => {
    const { sh } = session();
    sh(`kubectl apply -f - <<EOF\n${SLOW}EOF`);
    sh('kubectl set env deployment/api REQUEST_MS=4000 SHUTDOWN=ignore');
    sh('sleep 30');
    const pod = sh("kubectl get pods -l app=api -o jsonpath='{.items[0].metadata.name}'");
    sh(`kubectl delete pod ${pod} --grace-period=2 --wait=false`);
    sh('sleep 0.2');
    const out = sh('curl -s -o /dev/null -w "%{http_code} %{time_total}\\n" -H "Host: slow.example.com" http://localhost/');
    // ingress-nginx saw its upstream close the connection when the pod was SIGKILLed, after ~1.8 s.
    expect(out).toMatch(/^502 1\.\d+\n$/);
  });
});
