import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { allOf, defineLab, failed, labTime, markdownFile, passed, type CheckFn, type LabView } from '../../src/labs/author';

const PAYMENTS_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: payments
  namespace: billing
spec:
  replicas: 2
  selector:
    matchLabels:
      app: payments
  template:
    metadata:
      labels:
        app: payments
    spec:
      containers:
      - name: app
        image: ghcr.io/clusterlab/http-app:1.0
        ports:
        - name: http
          containerPort: 8080
`;

const PAYMENTS_SVC_YAML = `apiVersion: v1
kind: Service
metadata:
  name: payments
  namespace: billing
spec:
  selector:
    app: payments
  ports:
  - name: http
    port: 80
    targetPort: web
`;

const STOREFRONT_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: storefront
  namespace: shop
spec:
  replicas: 1
  selector:
    matchLabels:
      app: storefront
  template:
    metadata:
      labels:
        app: storefront
    spec:
      containers:
      - name: app
        image: registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3
        command: ["sleep", "86400"]
        env:
        - name: PAYMENTS_URL
          value: http://payments/
`;

const NAMESPACES_YAML = `apiVersion: v1
kind: Namespace
metadata:
  name: billing
---
apiVersion: v1
kind: Namespace
metadata:
  name: shop
`;

/** Names under which a Pod in namespace shop finds Service payments in billing (with resolv.conf's search list). */
const GOOD_HOSTS = new Set(['payments.billing', 'payments.billing.svc', 'payments.billing.svc.cluster.local', 'payments.billing.svc.cluster.local.']);

const paymentSlices = (view: LabView) => view.list<EndpointSlice>('endpointslices', 'billing').filter((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === 'payments');

/** The Service's target port resolves in the payments Pods, so its slices carry port 8080 and both Pods. */
const servicePortsResolve: CheckFn = (view) => {
  const svc = view.get<Service>('services', 'billing', 'payments');
  if (!svc) return failed('there is no Service "payments" in namespace billing: re-create it from payments-svc.yaml (with the fix)');
  const target = svc.spec?.ports?.[0]?.targetPort;
  if (target !== 'http' && target !== 8080) return failed(`Service "payments" sends traffic to targetPort ${JSON.stringify(target ?? '<unset>')}, but the payments containers have no port by that name (theirs is "http", 8080)`, 1);
  const withPort = paymentSlices(view).filter((s) => (s.ports ?? []).some((p) => p.port === 8080));
  const ready = withPort.flatMap((s) => s.endpoints.filter((e) => e.conditions?.ready !== false).flatMap((e) => e.addresses));
  if (ready.length < 2) return failed(`the EndpointSlices of Service "payments" list ${ready.length} ready endpoints with port 8080 yet; give the controller a moment (\`sim advance 2s\`)`);
  return passed(`Service "payments" targets the port named http: its EndpointSlice lists ${[...new Set(ready)].sort().join(', ')} on 8080`);
};

const urlIn = (d: Deployment | undefined) => d?.spec?.template?.spec?.containers?.[0]?.env?.find((e) => e.name === 'PAYMENTS_URL')?.value;

function storefrontURL(view: LabView): string | undefined {
  return urlIn(view.get<Deployment>('deployments', 'shop', 'storefront'));
}

function hostOf(url: string): string | undefined {
  const m = /^https?:\/\/([^/:]+)(:(\d+))?(\/.*)?$/.exec(url);
  if (!m || (m[3] !== undefined && m[3] !== '80')) return undefined;
  return m[1];
}

/** The storefront's URL names the Service in a way that resolves from namespace shop, and a Pod runs with it. */
const storefrontUsesResolvableName: CheckFn = (view) => {
  const url = storefrontURL(view);
  if (url === undefined) return failed('Deployment "storefront" in namespace shop has no PAYMENTS_URL any more: keep the variable and fix its value');
  const host = hostOf(url);
  if (host === 'payments') return failed(`PAYMENTS_URL is ${url}: from namespace shop the search list turns "payments" into payments.shop.svc.cluster.local, which does not exist`, 1);
  if (host === undefined || !GOOD_HOSTS.has(host)) return failed(`PAYMENTS_URL is ${url}, which does not name Service payments in namespace billing on port 80`, 1);
  const pods = view.list<Pod>('pods', 'shop').filter((p) => p.metadata?.labels?.app === 'storefront' && !p.metadata?.deletionTimestamp && p.status?.phase === 'Running');
  const current = pods.find((p) => p.spec?.containers?.[0]?.env?.some((e) => e.name === 'PAYMENTS_URL' && e.value === url));
  if (!current) return failed(`no running storefront Pod has PAYMENTS_URL=${url} yet: apply the Deployment and wait for its rollout`, 2);
  return passed(`PAYMENTS_URL=${url} resolves from namespace shop, and Pod ${current.metadata?.name ?? ''} runs with it`);
};

/** When the last fix landed (the Service's last change, or the Deployment taking its current URL): earlier requests do not count. */
function fixedAt(view: LabView): number {
  const svc = view.history('services', 'billing', 'payments').at(-1)?.atMs ?? 0;
  const versions = view.history('deployments', 'shop', 'storefront');
  const url = storefrontURL(view);
  let dep = versions.at(-1)?.atMs ?? 0;
  for (let i = versions.length - 1; i >= 0 && urlIn(versions[i]!.object as Deployment) === url; i--) dep = versions[i]!.atMs;
  return Math.max(svc, dep);
}

/** Load sent from the storefront Pod to PAYMENTS_URL after the fixes all succeeded, answered by payments Pods. */
const requestsSucceed: CheckFn = (view) => {
  const url = storefrontURL(view) ?? '';
  const since = fixedAt(view);
  const records = view.traffic().filter((r) => r.t >= since && r.url === url && (r.client === 'sim-load' || r.client.startsWith('pod/shop/storefront')));
  if (records.length < 10) return failed(`${records.length} requests to ${url || 'PAYMENTS_URL'} were sent from the storefront since the fixes (at ${labTime(since)}); send at least 10 with sim load --from pod/STOREFRONT_POD -n shop --url ${url || 'URL'}`, 0);
  const bad = records.filter((r) => r.error !== undefined || (r.status ?? 0) >= 400);
  if (bad.length > 0) {
    const b = bad.at(-1)!;
    return failed(`${bad.length} of ${records.length} requests to ${url} failed; the last at ${labTime(b.t)}: ${b.error ?? `HTTP ${b.status ?? '?'}`}`, 1);
  }
  const pods = [...new Set(records.map((r) => r.pod).filter((p): p is string => p !== undefined))].sort();
  if (!pods.every((p) => p.startsWith('billing/payments-'))) return failed(`some requests were answered by ${pods.join(', ')}, not by the payments Pods`);
  return passed(`all ${records.length} requests to ${url} succeeded, answered by ${pods.join(' and ')}`);
};

export default defineLab({
  id: 'discovery-bug',
  title: 'Find and fix a discovery bug',
  summary: 'The storefront cannot reach the payments Service. Find out why with nslookup, env and the EndpointSlices, fix both causes, and prove it under load.',
  seed: 47,
  setup: {
    workers: 2,
    manifests: [NAMESPACES_YAML, PAYMENTS_YAML, PAYMENTS_SVC_YAML, STOREFRONT_YAML],
    files: { 'payments-svc.yaml': PAYMENTS_SVC_YAML, 'storefront.yaml': STOREFRONT_YAML },
    settle: '20s',
  },
  tasks: [
    {
      id: 'endpoints',
      title: 'Give the payments Service real endpoints',
      instructions: markdownFile('tasks/endpoints.md'),
      check: servicePortsResolve,
      hints: [
        'Compare `kubectl get endpointslices -n billing` with `kubectl get endpoints -n billing`: one lists addresses but no ports, the other nothing.',
        'A named `targetPort` is looked up in each Pod\'s container ports. `kubectl get svc payments -n billing -o yaml` and `kubectl get pods -n billing -o yaml | grep -A2 ports:` show both names.',
        'Run `sed -i \'s/targetPort: web/targetPort: http/\' payments-svc.yaml` and `kubectl apply -f payments-svc.yaml`.',
      ],
    },
    {
      id: 'dns-name',
      title: 'Point the storefront at a name that resolves',
      instructions: markdownFile('tasks/dns-name.md'),
      check: storefrontUsesResolvableName,
      hints: [
        'From the storefront Pod, `nslookup payments` fails while `kubectl get svc -A` shows the Service exists. `cat /etc/resolv.conf` in the Pod shows which names get tried.',
        'The search list of a Pod in namespace shop starts with shop.svc.cluster.local. A Service in another namespace needs at least `NAME.NAMESPACE`: `payments.billing`.',
        'Run `sed -i \'s#http://payments/#http://payments.billing/#\' storefront.yaml`, `kubectl apply -f storefront.yaml` and `kubectl rollout status deployment/storefront -n shop`.',
      ],
    },
    {
      id: 'requests',
      title: 'Prove it under load',
      instructions: markdownFile('tasks/requests.md'),
      points: 20,
      dependsOn: ['endpoints', 'dns-name'],
      check: allOf(servicePortsResolve, storefrontUsesResolvableName, requestsSucceed),
      hints: [
        '`kubectl get pods -n shop` gives the storefront Pod\'s name; `sim load --help` shows the flags.',
        'Once the old storefront Pod is gone (its `sleep` ignores SIGTERM, so that takes the 30 s grace period), run `sim load --from pod/$(kubectl get pods -n shop -o jsonpath=\'{.items[0].metadata.name}\') -n shop --url http://payments.billing/ --rps 5 --duration 4s`.',
      ],
    },
  ],
  solution: [
    { input: 'kubectl get pods -n shop' },
    { input: "P=$(kubectl get pods -n shop -o jsonpath='{.items[0].metadata.name}')" },
    { input: 'kubectl exec -n shop $P -- printenv PAYMENTS_URL' },
    { input: 'kubectl exec -n shop $P -- nslookup payments' },
    { input: 'kubectl exec -n shop $P -- cat /etc/resolv.conf' },
    { input: 'kubectl exec -n shop $P -- nslookup payments.billing' },
    { input: 'kubectl exec -n shop $P -- curl -sS http://payments.billing/' },
    { input: 'kubectl get endpointslices -n billing' },
    { input: 'kubectl describe svc payments -n billing' },
    { input: "sed -i 's/targetPort: web/targetPort: http/' payments-svc.yaml" },
    { input: 'kubectl apply -f payments-svc.yaml' },
    { input: "sed -i 's#http://payments/#http://payments.billing/#' storefront.yaml" },
    { input: 'kubectl apply -f storefront.yaml' },
    { input: 'kubectl rollout status deployment/storefront -n shop' },
    // The old Pod runs sleep as PID 1, which ignores SIGTERM: it goes only when the 30 s grace period ends.
    { after: '30s', input: 'kubectl get pods -n shop' },
    { input: "P=$(kubectl get pods -n shop -o jsonpath='{.items[0].metadata.name}')" },
    { input: 'kubectl exec -n shop $P -- curl -sS http://payments.billing/' },
    { input: 'sim load --from pod/$P -n shop --url http://payments.billing/ --rps 5 --duration 4s' },
    { input: 'check' },
  ],
});
