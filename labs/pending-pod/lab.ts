import type { Node, Pod } from 'kubernetes-types/core/v1';
import { cpuMillis } from '../../src/engine/scheduler/quantity';
import { allOf, defineLab, failed, markdownFile, passed, podRunningOnNode, traceSeen, type CheckFn, type LabView } from '../../src/labs/author';

const REPORT_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: report
  labels:
    app: report
spec:
  nodeSelector:
    disktype: ssd
  containers:
  - name: report
    image: busybox:1.36
    command: ["sh", "-c", "echo report ready; sleep 3600"]
    resources:
      requests:
        cpu: "6"
        memory: 256Mi
`;

const REPORTS_NODE = 'node-2';

function reportPod(view: LabView): Pod | undefined {
  return view.get<Pod>('pods', 'default', 'report');
}

const noPod = () => failed('there is no Pod "report" in namespace default: create it again from report.yaml');

/** The Pod asks for no more CPU than the reports node can allocate. */
const requestsFit: CheckFn = (view) => {
  const pod = reportPod(view);
  if (!pod) return noPod();
  const node = view.get<Node>('nodes', undefined, REPORTS_NODE);
  const allocatable = cpuMillis(node?.status?.allocatable?.cpu);
  const requested = (pod.spec?.containers ?? []).reduce((sum, c) => sum + cpuMillis(c.resources?.requests?.cpu), 0);
  if (requested > allocatable) return failed(`Pod "report" requests ${requested}m CPU, but ${REPORTS_NODE} can allocate only ${allocatable}m`, 1);
  return passed(`Pod "report" requests ${requested}m CPU, which fits on ${REPORTS_NODE} (${allocatable}m allocatable)`);
};

const REPORTS_TAINT = { key: 'dedicated', value: 'reports', effect: 'NoSchedule' as const };

/** The Pod tolerates every NoSchedule taint of the reports node, which still keeps other Pods off. */
const toleratesTaint: CheckFn = (view) => {
  const pod = reportPod(view);
  if (!pod) return noPod();
  const taints = view.get<Node>('nodes', undefined, REPORTS_NODE)?.spec?.taints?.filter((t) => t.effect === 'NoSchedule') ?? [];
  if (!taints.some((t) => t.key === REPORTS_TAINT.key && t.value === REPORTS_TAINT.value)) {
    return failed(
      `${REPORTS_NODE} no longer carries its taint dedicated=reports:NoSchedule: put it back (kubectl taint node ${REPORTS_NODE} dedicated=reports:NoSchedule --overwrite). It keeps other Pods off the reports node; the report should tolerate it, not remove it`,
    );
  }
  const tolerations = pod.spec?.tolerations ?? [];
  const untolerated = taints.filter(
    (t) =>
      !tolerations.some(
        (tol) =>
          (tol.key === undefined || tol.key === '' ? tol.operator === 'Exists' : tol.key === t.key) &&
          (tol.operator === 'Exists' || (tol.value ?? '') === (t.value ?? '')) &&
          (tol.effect === undefined || tol.effect === '' || tol.effect === t.effect),
      ),
  );
  if (untolerated.length > 0) {
    const t = untolerated[0]!;
    return failed(`Pod "report" does not tolerate the taint ${t.key}=${t.value ?? ''}:${t.effect} of ${REPORTS_NODE}`, 1);
  }
  return passed(`Pod "report" tolerates the taints of ${REPORTS_NODE}`);
};

/** The reports node carries the label the Pod selects, and the Pod still selects it. */
const selectorMatches: CheckFn = (view) => {
  const pod = reportPod(view);
  if (!pod) return noPod();
  const selector = pod.spec?.nodeSelector ?? {};
  if (selector.disktype !== 'ssd') return failed('Pod "report" no longer asks for disktype=ssd: keep the nodeSelector, it is there for a reason (the report needs a fast disk)');
  const labels = view.get<Node>('nodes', undefined, REPORTS_NODE)?.metadata?.labels ?? {};
  const missing = Object.entries(selector).filter(([k, v]) => labels[k] !== v);
  if (missing.length > 0) return failed(`${REPORTS_NODE} does not have the label ${missing.map(([k, v]) => `${k}=${v}`).join(', ')} the Pod selects (it has disktype=${labels.disktype ?? '<none>'})`, 1);
  return passed(`${REPORTS_NODE} has disktype=ssd, which the Pod selects`);
};

export default defineLab({
  id: 'pending-pod',
  title: 'Why is my Pod Pending?',
  summary: 'A Pod stays Pending for three reasons at once. Read the scheduler\'s verdict, fix each reason, and get it running on the reports node.',
  seed: 11,
  setup: {
    nodes: [
      { name: 'control-plane', controlPlane: true },
      { name: 'node-1', cpu: 4, memory: '8Gi', labels: { disktype: 'hdd' } },
      { name: REPORTS_NODE, cpu: 4, memory: '8Gi', labels: { disktype: 'hdd' }, taints: [REPORTS_TAINT] },
    ],
    manifests: [REPORT_YAML],
    files: { 'report.yaml': REPORT_YAML },
    settle: '5s',
  },
  tasks: [
    {
      id: 'fit',
      title: 'Ask for resources a node has',
      instructions: markdownFile('tasks/fit.md'),
      check: requestsFit,
      hints: [
        '`kubectl describe node node-2` shows what the node can allocate; `kubectl describe pod report` what the Pod requests.',
        'Start the Pod over (its nodeSelector cannot change in place, and although CPU requests can be resized in place since 1.33, a fresh Pod is simplest here): edit `report.yaml` (rewrite it with `cat > report.yaml <<\'EOF\'`) to request `cpu: 500m`, then `kubectl delete pod report` and `kubectl apply -f report.yaml`.',
      ],
    },
    {
      id: 'tolerate',
      title: 'Tolerate the taint of the reports node',
      instructions: markdownFile('tasks/tolerate.md'),
      check: toleratesTaint,
      hints: [
        '`kubectl describe node node-2` lists its taints.',
        'Add to the Pod spec:\n\n```yaml\ntolerations:\n- key: dedicated\n  operator: Equal\n  value: reports\n  effect: NoSchedule\n```',
      ],
    },
    {
      id: 'select',
      title: 'Give the Pod a node it selects',
      instructions: markdownFile('tasks/select.md'),
      check: selectorMatches,
      hints: ['`kubectl get nodes --show-labels` shows every node\'s labels; the Pod asks for `disktype=ssd`.', 'Run `kubectl label node node-2 disktype=ssd --overwrite`.'],
    },
    {
      id: 'running',
      title: 'The report runs on node-2',
      instructions: markdownFile('tasks/running.md'),
      points: 20,
      dependsOn: ['fit', 'tolerate', 'select'],
      check: allOf(
        podRunningOnNode('default', 'report', REPORTS_NODE),
        traceSeen({ component: 'scheduler', action: 'bind', object: 'pods/default/report', describe: 'scheduler binding default/report' }),
      ),
      hints: ['After the fixes, the scheduler retries on its own; give it a few virtual seconds (`sim advance 10s`).'],
    },
  ],
  solution: [
    { input: 'kubectl get pod report' },
    { input: 'kubectl describe pod report' },
    { input: 'kubectl describe node node-2' },
    { input: 'kubectl label node node-2 disktype=ssd --overwrite' },
    {
      input: `cat > report.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: report
  labels:
    app: report
spec:
  nodeSelector:
    disktype: ssd
  tolerations:
  - key: dedicated
    operator: Equal
    value: reports
    effect: NoSchedule
  containers:
  - name: report
    image: busybox:1.36
    command: ["sh", "-c", "echo report ready; sleep 3600"]
    resources:
      requests:
        cpu: 500m
        memory: 256Mi
EOF`,
    },
    { input: 'kubectl delete pod report' },
    { input: 'kubectl apply -f report.yaml' },
    { after: '10s', input: 'kubectl get pod report -o wide' },
    { input: 'check' },
  ],
});
