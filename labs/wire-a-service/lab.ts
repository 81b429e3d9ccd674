import type { Endpoints, Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { allOf, commandWasRun, defineLab, failed, labTime, markdownFile, passed, type CheckFn, type LabView } from '../../src/labs/author';

/** The address the reporting job on node-1 has hard-coded; inside the static band of 10.96.0.0/12. */
const FIXED_IP = '10.96.0.200';
const BACKEND_PORT = 8080;

const INVENTORY_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: inventory
spec:
  containers:
  - name: app
    image: ghcr.io/clusterlab/http-app:1.0
    ports:
    - containerPort: 8080
`;

const CLIENT_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  containers:
  - name: tools
    image: registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3
    command: ["sleep", "86400"]
`;

const service = (view: LabView) => view.get<Service>('services', 'default', 'inventory');
const podIP = (view: LabView) => view.get<Pod>('pods', 'default', 'inventory')?.status?.podIP;

/** A Service with no selector, on the fixed address, listening on port 80. */
const selectorlessService: CheckFn = (view) => {
  const svc = service(view);
  if (!svc) return failed('there is no Service "inventory" in namespace default yet');
  const selector = svc.spec?.selector ?? {};
  if (Object.keys(selector).length > 0) return failed(`Service "inventory" has a selector (${Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',')}); the inventory Pod has no labels, so the Service must have no selector and you write its Endpoints yourself`, 1);
  if (svc.spec?.clusterIP !== FIXED_IP) return failed(`Service "inventory" got the cluster IP ${svc.spec?.clusterIP ?? '<none>'}, but the reporter calls ${FIXED_IP}: set spec.clusterIP (a Service's cluster IP cannot be changed later, so delete and recreate it)`, 2);
  const ports = svc.spec?.ports ?? [];
  if (!ports.some((p) => p.port === 80 && (p.protocol ?? 'TCP') === 'TCP')) return failed(`Service "inventory" does not listen on port 80/TCP (it has ${ports.map((p) => `${p.port}/${p.protocol ?? 'TCP'}`).join(', ') || 'no ports'})`);
  return passed(`Service "inventory" has no selector and listens on ${FIXED_IP}:80`);
};

/** Hand-written Endpoints with the Pod's IP, port 8080, under the Service port's name. */
const manualEndpoints: CheckFn = (view) => {
  const ip = podIP(view);
  if (!ip) return failed('Pod "inventory" has no IP: it should be Running, do not delete it');
  const ep = view.get<Endpoints>('endpoints', 'default', 'inventory');
  if (!ep) return failed('there is no Endpoints object "inventory" in namespace default: a Service without a selector gets none by itself');
  const subsets = ep.subsets ?? [];
  const addresses = subsets.flatMap((s) => (s.addresses ?? []).map((a) => a.ip));
  if (!addresses.includes(ip)) return failed(`Endpoints "inventory" lists ${addresses.join(', ') || 'no ready addresses'}, but Pod "inventory" has the IP ${ip}`, 0);
  const subset = subsets.find((s) => (s.addresses ?? []).some((a) => a.ip === ip))!;
  const port = (subset.ports ?? []).find((p) => p.port === BACKEND_PORT);
  if (!port) return failed(`Endpoints "inventory" sends ${ip} traffic to port ${(subset.ports ?? []).map((p) => p.port).join(', ') || '<none>'}, but the app listens on ${BACKEND_PORT}`, 1);
  const svcPort = service(view)?.spec?.ports?.find((p) => p.port === 80);
  if (svcPort && (svcPort.name ?? '') !== (port.name ?? '')) {
    const named = (n: string | undefined) => (n ? `is named "${n}"` : 'has no name');
    return failed(`the Service port ${named(svcPort.name)} but the Endpoints port ${named(port.name)}: kube-proxy pairs them by name, so port 80 has no endpoints`, 2);
  }
  return passed(`Endpoints "inventory" point at ${ip}:${BACKEND_PORT}`);
};

/** The EndpointSlice mirroring controller copied the Endpoints into a slice kube-proxy reads. */
const mirroredSlice: CheckFn = (view) => {
  const ip = podIP(view);
  const slices = view.list<EndpointSlice>('endpointslices', 'default').filter((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === 'inventory');
  const mirrored = slices.filter((s) => s.metadata?.labels?.['endpointslice.kubernetes.io/managed-by'] === 'endpointslicemirroring-controller.k8s.io');
  if (mirrored.length === 0) return failed('no EndpointSlice mirrors Endpoints "inventory" yet; give the controllers a moment (`sim advance 2s`)');
  if (!mirrored.some((s) => s.endpoints.some((e) => ip !== undefined && e.addresses.includes(ip)))) return failed(`the mirrored EndpointSlice does not contain ${ip ?? 'the Pod IP'} yet`);
  return passed(`EndpointSlice ${mirrored[0]!.metadata?.name ?? ''} mirrors them (managed by endpointslicemirroring-controller.k8s.io)`);
};

/** The learner reached the Service by name from a Pod, and the answer came from the inventory app. */
const curlFromPod = commandWasRun(/\bkubectl\b.*\bexec\b.*\b(curl|wget)\b.*\binventory\b/, {
  output: 'Hello from inventory',
  describe: 'a curl (or wget) to http://inventory from inside a Pod (kubectl exec client -- curl ...) that got the app\'s answer',
});

/** Since the Endpoints last changed, the reporter's requests to the fixed IP all succeed and reach the Pod. */
const reporterSucceeds: CheckFn = (view) => {
  const last = view.history('endpoints', 'default', 'inventory').at(-1);
  const records = view.traffic().filter((r) => r.client === 'load/reporter');
  if (!last || last.type === 'DELETED') {
    const failures = records.filter((r) => r.error !== undefined).length;
    return failed(`the reporter has sent ${records.length} requests to ${FIXED_IP} and ${failures} failed: Service "inventory" has no Endpoints yet`);
  }
  // kube-proxy needs a moment to program the new endpoint on node-1.
  const since = records.filter((r) => r.t > last.atMs + 2000);
  if (since.length < 5) return failed(`only ${since.length} reporter requests since the Endpoints last changed at ${labTime(last.atMs)}; let it run a few seconds (\`sim advance 5s\`)`);
  const bad = since.filter((r) => r.error !== undefined || (r.status ?? 0) >= 400 || r.pod !== 'default/inventory');
  if (bad.length > 0) {
    const b = bad.at(-1)!;
    return failed(`${bad.length} of the last ${since.length} reporter requests failed; the last at ${labTime(b.t)}: ${b.error ?? `HTTP ${b.status ?? '?'}`}${b.endpoint ? ` (endpoint ${b.endpoint})` : ''}`);
  }
  return passed(`the reporter's last ${since.length} requests to ${FIXED_IP} all reached Pod inventory`);
};

export default defineLab({
  id: 'wire-a-service',
  title: 'Wire a Service by hand',
  summary: 'A legacy Pod has no labels, and a job calls it at a fixed address. Give it a selectorless Service on that address, write its Endpoints yourself, and prove the path from a Pod.',
  seed: 31,
  setup: {
    workers: 2,
    manifests: [INVENTORY_YAML, CLIENT_YAML],
    files: { 'inventory.yaml': INVENTORY_YAML },
    traffic: [{ name: 'reporter', url: `http://${FIXED_IP}/`, rps: 1, from: 'node-1' }],
    settle: '20s',
  },
  tasks: [
    {
      id: 'service',
      title: 'A Service without a selector, on the fixed address',
      instructions: markdownFile('tasks/service.md'),
      check: selectorlessService,
      hints: [
        '`kubectl get pod inventory --show-labels` shows why a selector cannot work here.',
        'A Service without `spec.selector` gets no endpoints from the controllers. `spec.clusterIP` asks the allocator for one exact address; it must be free and inside 10.96.0.0/12.',
        'Write the manifest with a heredoc (`cat > svc.yaml <<\'EOF\'` … `EOF`):\n\n```yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: inventory\nspec:\n  clusterIP: 10.96.0.200\n  ports:\n  - name: http\n    port: 80\n```\n\nthen `kubectl apply -f svc.yaml`.',
      ],
    },
    {
      id: 'endpoints',
      title: 'Endpoints written by hand',
      instructions: markdownFile('tasks/endpoints.md'),
      dependsOn: ['service'],
      check: allOf(manualEndpoints, mirroredSlice),
      hints: [
        '`kubectl get pod inventory -o wide` shows the Pod IP; the app listens on port 8080.',
        'The Endpoints object must have the same name as the Service, and its port the same name as the Service port (`http`), or kube-proxy finds no endpoint for that port.',
        'Apply:\n\n```yaml\napiVersion: v1\nkind: Endpoints\nmetadata:\n  name: inventory\nsubsets:\n- addresses:\n  - ip: POD_IP\n  ports:\n  - name: http\n    port: 8080\n```\n\nwith POD_IP replaced by the address from `kubectl get pod inventory -o wide`.',
      ],
    },
    {
      id: 'prove',
      title: 'Prove the path',
      instructions: markdownFile('tasks/prove.md'),
      points: 20,
      dependsOn: ['endpoints'],
      check: allOf(curlFromPod, reporterSucceeds),
      hints: ['The `client` Pod has curl, nslookup and dig: `kubectl exec client -- nslookup inventory` first.', 'Run `kubectl exec client -- curl -s http://inventory`, then `sim advance 5s` so the reporter sends a few more requests.'],
    },
  ],
  solution: [
    { input: 'kubectl get pods -o wide --show-labels' },
    {
      input: `cat > svc.yaml <<'EOF'
apiVersion: v1
kind: Service
metadata:
  name: inventory
spec:
  clusterIP: ${FIXED_IP}
  ports:
  - name: http
    port: 80
EOF`,
    },
    { input: 'kubectl apply -f svc.yaml' },
    { input: 'kubectl get endpoints inventory' },
    { input: 'IP=$(kubectl get pod inventory -o jsonpath=\'{.status.podIP}\')' },
    {
      input: `cat > ep.yaml <<EOF
apiVersion: v1
kind: Endpoints
metadata:
  name: inventory
subsets:
- addresses:
  - ip: $IP
  ports:
  - name: http
    port: 8080
EOF`,
    },
    { input: 'kubectl apply -f ep.yaml' },
    { after: '2s', input: 'kubectl get endpointslices -l kubernetes.io/service-name=inventory' },
    { input: 'kubectl exec client -- nslookup inventory' },
    { input: 'kubectl exec client -- curl -s http://inventory' },
    { input: 'sim advance 8s' },
    { input: 'check' },
  ],
});
