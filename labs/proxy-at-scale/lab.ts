import { proxyCost } from '../../src/engine/kube-proxy/cost';
import type { NodeProxy, ProxyMode } from '../../src/engine/kube-proxy/types';
import { allOf, commandWasRun, defineLab, failed, markdownFile, passed, type CheckFn, type LabView } from '../../src/labs/author';

/** Small enough for a fast `lab test`, big enough that the linear walk dominates. */
const SERVICES = 100;
const ENDPOINTS = 3;
const name = (i: number) => `svc-${String(i).padStart(3, '0')}`;

/**
 * A Service without a selector and its EndpointSlice with three ready endpoints. The setup is one
 * JSON `List` of these, not YAML: kubectl reads JSON far faster, and parsing 200 YAML documents
 * was a third of this lab's start in the browser.
 */
function serviceObjects(i: number): object[] {
  const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: name(i) }, spec: { ports: [{ port: 80, targetPort: 8080 }] } };
  const slice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${name(i)}-1`, labels: { 'kubernetes.io/service-name': name(i) } },
    addressType: 'IPv4',
    ports: [{ name: '', port: 8080, protocol: 'TCP' }],
    endpoints: Array.from({ length: ENDPOINTS }, (_, e) => ({ addresses: [`10.10.${i}.${e + 1}`], conditions: { ready: true } })),
  };
  return [service, slice];
}

const NODE = 'node-1';
const ANSWERS = '/root/scale.txt';
const WALKED = 'default/svc-099';
const AT_SCALE = 10_000;
/** `10,000`, grouped without Intl: the lab loads in the worker, where Intl's first use costs ~25 ms. */
const AT_SCALE_TEXT = String(AT_SCALE).replace(/\B(?=(\d{3})+$)/g, ',');

function nodeProxy(view: LabView): NodeProxy | undefined {
  return view.proxies().find((p) => p.nodeName === NODE);
}

/** Endpoints per Service port that node-1 programs a load-balancing rule for, in KUBE-SERVICES order. */
function programmedPorts(view: LabView): { name: string; endpoints: number }[] {
  return (nodeProxy(view)?.programmed() ?? []).filter((p) => p.endpoints.length > 0).map((p) => ({ name: p.servicePort.replace(/:$/, ''), endpoints: p.endpoints.length }));
}

/**
 * The engine's cost model summed over this node's Service ports: the fixed rules of the mode
 * once, plus each port's own rules for its endpoint count (the model is linear per port).
 */
function modelRules(mode: ProxyMode, ports: { endpoints: number }[]): number {
  const fixed = proxyCost(mode, 0, 1).rules;
  return ports.reduce((sum, p) => sum + proxyCost(mode, 1, p.endpoints).rules - fixed, fixed);
}

/** `key=value` or `key: value` lines of ~/scale.txt. */
function answers(view: LabView): Record<string, string> | undefined {
  const text = view.file(ANSWERS);
  if (text === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([\w-]+)\s*[=:]\s*(\S+)/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

/** Check one numeric answer against the expected value (relative tolerance for predictions). */
function numberAnswer(key: string, expected: (view: LabView) => number | string, why: string, hint: number, tolerance = 0): CheckFn {
  return (view) => {
    const all = answers(view);
    if (all === undefined) return failed(`there is no file ~/scale.txt: write your answers into it, one "key=value" per line`, hint);
    const given = all[key];
    if (given === undefined) return failed(`~/scale.txt has no line "${key}=…"`, hint);
    const want = expected(view);
    if (typeof want === 'string') return failed(want);
    const value = Number(given);
    if (!Number.isFinite(value)) return failed(`~/scale.txt says ${key}=${given}, which is not a number`, hint);
    if (Math.abs(value - want) > tolerance * Math.abs(want) + 1e-9) return failed(`~/scale.txt says ${key}=${given}, but that is not ${why}`, hint);
    return passed(`${key}=${given} is ${why}`);
  };
}

const iptablesRules = numberAnswer('iptables-rules', (view) => modelRules('iptables', programmedPorts(view)), `the number of rules kube-proxy's iptables mode programs on ${NODE} (every -A line in every table)`, 1);

const walkLength = numberAnswer(
  'svc-099-worst',
  (view) => {
    const ports = programmedPorts(view);
    const at = ports.findIndex((p) => p.name === WALKED);
    if (at < 0) return `${NODE}'s kube-proxy has no rules for ${WALKED}`;
    // PREROUTING's jump, KUBE-SERVICES down to the match, the KUBE-SVC masquerade rule, every
    // statistic rule (worst case: the last endpoint), then the two KUBE-SEP rules.
    return 1 + (at + 1) + 1 + ports[at]!.endpoints + 2;
  },
  `the most rules a pod's first packet to ${WALKED} is checked against in iptables mode`,
  2,
);

const ipvsRules = numberAnswer('ipvs-rules', (view) => modelRules('ipvs', programmedPorts(view)), `the iptables rules plus IPVS virtual and real servers kube-proxy's IPVS mode programs on ${NODE}`, 2);

const nodeRunsIpvs: CheckFn = (view) => {
  const p = nodeProxy(view);
  if (p?.mode !== 'ipvs') return failed(`${NODE}'s kube-proxy runs in ${p?.mode ?? 'no'} mode: switch it to ipvs first (ConfigMap kube-system/kube-proxy, then recreate the kube-proxy Pods)`, 0);
  return passed(`${NODE}'s kube-proxy runs in IPVS mode`);
};

const perPacket = (mode: ProxyMode) => proxyCost(mode, AT_SCALE, ENDPOINTS).firstPacket.average;
const predictIptables = numberAnswer('iptables-average-10000', () => perPacket('iptables'), `the average number of rules a first packet meets in iptables mode with ${AT_SCALE} Services of ${ENDPOINTS} endpoints`, 1, 0.01);
const predictIpvs = numberAnswer('ipvs-average-10000', () => perPacket('ipvs'), `the average first-packet work in IPVS mode with ${AT_SCALE} Services`, 2, 0.01);

export default defineLab({
  id: 'proxy-at-scale',
  title: 'kube-proxy at scale: count the rules and the walk',
  summary: `A cluster with ${SERVICES} Services: count what iptables and IPVS mode program on a node, how far a first packet walks, and predict ${AT_SCALE_TEXT} Services.`,
  seed: 13,
  setup: {
    workers: 1,
    manifests: [JSON.stringify({ apiVersion: 'v1', kind: 'List', items: Array.from({ length: SERVICES }, (_, i) => serviceObjects(i)).flat() })],
    settle: '10s',
  },
  tasks: [
    {
      id: 'count-iptables',
      title: 'Count the iptables rules',
      instructions: markdownFile('tasks/count-iptables.md'),
      points: 10,
      check: allOf(commandWasRun(/\biptables-save\b/, { describe: 'iptables-save on a node' }), iptablesRules),
      hints: [
        'The rules are on the node: `ssh node-1`. `iptables-save` without `-t` prints every table.',
        'Every rule is one line starting with `-A`; `grep -c` counts matching lines.',
        "On node-1: `iptables-save | grep -c '^-A'`; then on your workstation `echo iptables-rules=N >> scale.txt`.",
      ],
    },
    {
      id: 'walk',
      title: 'How far does a first packet walk?',
      instructions: markdownFile('tasks/walk.md'),
      points: 20,
      dependsOn: ['count-iptables'],
      check: allOf(commandWasRun(/\biptables\b/, { output: 'default/svc-099 cluster IP', describe: "an iptables listing on a node that shows svc-099's KUBE-SERVICES rule" }), walkLength),
      hints: [
        'Packets from a pod enter the nat table at PREROUTING, which has one rule: a jump to KUBE-SERVICES.',
        "`iptables -t nat -L KUBE-SERVICES -n --line-numbers | grep svc-099` gives svc-099's position; `iptables -t nat -S KUBE-SVC-…` and `-S KUBE-SEP-…` show the rest of the way.",
        '1 (PREROUTING) + the line number + 1 (the KUBE-MARK-MASQ rule of KUBE-SVC-…) + 3 (one rule per endpoint; the worst case reaches the last) + 2 (the KUBE-SEP-… chain).',
      ],
    },
    {
      id: 'count-ipvs',
      title: 'Switch to IPVS and count again',
      instructions: markdownFile('tasks/count-ipvs.md'),
      points: 20,
      dependsOn: ['walk'],
      check: allOf(nodeRunsIpvs, commandWasRun(/\bipvsadm\b/, { describe: 'ipvsadm on a node' }), ipvsRules),
      hints: [
        '`kubectl -n kube-system get cm kube-proxy -o yaml > kp.yaml`, change `mode: ""` to `mode: "ipvs"` with `sed -i`, `kubectl replace -f kp.yaml`, then `kubectl -n kube-system delete pod -l k8s-app=kube-proxy` and `sim advance 5s`.',
        "On node-1: `iptables-save | grep -c '^-A'` for the rules left, `ipvsadm -Ln | grep -c -e '^TCP' -e '^UDP'` for virtual servers, `ipvsadm -Ln | grep -c -- '-> [0-9]'` for real servers.",
        'Add the three numbers and `echo ipvs-rules=N >> scale.txt`.',
      ],
    },
    {
      id: 'predict',
      title: 'Predict 10,000 Services',
      instructions: markdownFile('tasks/predict.md'),
      points: 20,
      dependsOn: ['walk'],
      check: allOf(predictIptables, predictIpvs),
      hints: [
        'In iptables mode a Service in position k costs 1 + k + 1 + j + 2 rules when the packet takes endpoint rule j. Average k over 1..N and j over 1..M.',
        'The average of 1..N is (N+1)/2. In IPVS mode nothing depends on N: count the rules you walk in KUBE-SERVICES and add one hash lookup.',
        'iptables: 4 + (10000+1)/2 + (3+1)/2. IPVS: PREROUTING (1) + KUBE-SERVICES (3) + KUBE-NODE-PORT (1) + the IPVS lookup (1).',
      ],
    },
  ],
  solution: [
    { input: 'ssh node-1' },
    { input: "iptables-save | grep -c '^-A'" },
    { input: 'iptables -t nat -L KUBE-SERVICES -n --line-numbers | grep svc-099' },
    { input: 'exit' },
    { input: 'echo iptables-rules=1152 > scale.txt' },
    { input: 'echo svc-099-worst=108 >> scale.txt' },
    { input: 'kubectl -n kube-system get cm kube-proxy -o yaml > kp.yaml' },
    { input: "sed -i 's/mode: \"\"/mode: \"ipvs\"/' kp.yaml" },
    { input: 'kubectl replace -f kp.yaml' },
    { input: 'kubectl -n kube-system delete pod -l k8s-app=kube-proxy' },
    { after: '5s', input: 'ssh node-1' },
    { input: "iptables-save | grep -c '^-A'" },
    { input: "ipvsadm -Ln | grep -c -e '^TCP' -e '^UDP'" },
    { input: "ipvsadm -Ln | grep -c -- '-> [0-9]'" },
    { input: 'exit' },
    { input: 'echo ipvs-rules=427 >> scale.txt' },
    { input: 'echo iptables-average-10000=5006.5 >> scale.txt' },
    { input: 'echo ipvs-average-10000=6 >> scale.txt' },
    { input: 'check' },
  ],
});
