import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { defineLab, failed, labTime, markdownFile, passed, type CheckFn, type LabView } from '../../src/labs/author';

const WEB_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
`;

const POD_PREFIX = 'pods/default/web-';

interface Replacement {
  /** The Pod the learner deleted, and when. */
  deleted: string;
  deletedAt: number;
  /** The Pod the ReplicaSet controller created after that, and when. */
  created: string;
  createdAt: number;
}

const podName = (object: string | undefined) => object?.split('/')[2] ?? '';

/**
 * Read from the trace: the learner (kubectl) asked to delete one of web's Pods, and after that the
 * ReplicaSet controller created a new one. The end state alone (three Pods) cannot show this.
 */
function replacement(view: LabView): Replacement | undefined {
  const deletions = view.trace({ component: 'kube-apiserver', action: 'delete', sinceMs: view.startMs }).filter((e) => e.object?.startsWith(POD_PREFIX) && e.detail.startsWith('kubectl '));
  for (const deletion of deletions) {
    const created = view
      .trace({ component: 'kube-apiserver', action: 'create', sinceMs: deletion.t })
      .find((e) => e.object?.startsWith(POD_PREFIX) && e.detail.startsWith('replicaset-controller created Pod'));
    if (created) return { deleted: podName(deletion.object), deletedAt: deletion.t, created: podName(created.object), createdAt: created.t };
  }
  return undefined;
}

/** The ReplicaSet named as the controller of a Pod, read from the Pod's first stored version (it may be gone now). */
function ownerOf(view: LabView, pod: string): string | undefined {
  const first = view.history('pods', 'default', pod).find((v) => v.type === 'ADDED')?.object as Pod | undefined;
  return first?.metadata?.ownerReferences?.find((r) => r.controller)?.name;
}

const replaced: CheckFn = (view) => {
  const r = replacement(view);
  if (!r) {
    const deleted = view.trace({ component: 'kube-apiserver', action: 'delete', sinceMs: view.startMs }).some((e) => e.object?.startsWith(POD_PREFIX) && e.detail.startsWith('kubectl '));
    if (!deleted) return failed('you have not deleted any of the Pods of Deployment "web" yet', 0);
    return failed('you deleted a Pod of "web", but no replacement has been created yet: give the controllers a moment (sim advance 5s)', 1);
  }
  const ran = view.history('pods', 'default', r.created).some((v) => (v.object as Pod).status?.phase === 'Running');
  if (!ran) return failed(`the ReplicaSet created ${r.created} at ${labTime(r.createdAt)} to replace ${r.deleted}, but it is not Running yet: sim advance 5s`, 1);
  return passed(`you deleted ${r.deleted} at ${labTime(r.deletedAt)}; the ReplicaSet controller created ${r.created} ${r.createdAt - r.deletedAt} ms later, and it ran`);
};

/** Scaled through the Deployment (the ReplicaSet alone would be scaled back) and all five available. */
const scaledToFive: CheckFn = (view) => {
  const d = view.get<Deployment>('deployments', 'default', 'web');
  if (!d) return failed('there is no Deployment "web" any more: recreate it from web.yaml');
  const want = d.spec?.replicas ?? 1;
  if (want !== 5) return failed(`Deployment "web" asks for ${want} replicas, not 5`, 0);
  const available = d.status?.availableReplicas ?? 0;
  if ((d.status?.observedGeneration ?? 0) < (d.metadata?.generation ?? 0) || available < 5) return failed(`Deployment "web" asks for 5 replicas, but only ${available} are available so far: sim advance 5s`, 1);
  const rss = view.list<ReplicaSet>('replicasets', 'default').filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.uid === d.metadata?.uid));
  const active = rss.filter((rs) => (rs.spec?.replicas ?? 0) > 0);
  if (active.length !== 1) return failed(`scaling should not start a rollout, but ${active.length} ReplicaSets of "web" have replicas`);
  return passed(`Deployment "web" runs 5 available replicas, all from ReplicaSet ${active[0]!.metadata?.name}`);
};

/** ~/owner.txt names the ReplicaSet that created the replacement, which the learner read from the Pod. */
const ownerNamed: CheckFn = (view) => {
  const r = replacement(view);
  if (!r) return failed('first finish the task "Delete a Pod": there is no replacement Pod to explain yet');
  const owner = ownerOf(view, r.created);
  if (!owner) return failed(`the history of ${r.created} names no controller`);
  const answer = view.file('/root/owner.txt');
  if (answer === undefined) return failed('there is no file ~/owner.txt: write the name of the ReplicaSet that owns the replacement Pod into it', 1);
  if (answer.trim() !== owner) return failed(`~/owner.txt says "${answer.trim()}", but ${r.created} is controlled by a different object`, 1);
  return passed(`~/owner.txt names ${owner}, the controller of ${r.created}`);
};

export default defineLab({
  id: 'heal-and-scale',
  title: 'Heal and scale a Deployment',
  summary: 'Delete a Pod and watch its ReplicaSet replace it, scale the Deployment, and follow the owner references that tie Pods to their controllers.',
  seed: 21,
  setup: {
    workers: 2,
    manifests: [WEB_YAML],
    files: { 'web.yaml': WEB_YAML },
    settle: '10s',
  },
  tasks: [
    {
      id: 'heal',
      title: 'Delete a Pod and watch it come back',
      instructions: markdownFile('tasks/heal.md'),
      points: 20,
      check: replaced,
      hints: [
        '`kubectl get pods` lists the three Pods of `web`; pick any one of them.',
        'Delete it with `kubectl delete pod NAME`, then `sim advance 5s` and `kubectl get pods` again.',
        '`sim trace` shows the `delete` by kubectl and, a few milliseconds later, `replicaset-controller created Pod ...`.',
      ],
    },
    {
      id: 'owner',
      title: 'Who created the replacement?',
      instructions: markdownFile('tasks/owner.md'),
      points: 10,
      dependsOn: ['heal'],
      check: ownerNamed,
      hints: [
        'Every Pod a ReplicaSet creates carries `metadata.ownerReferences`; `kubectl describe pod NAME` shows it as `Controlled By`.',
        "Run `kubectl get pod NAME -o jsonpath='{.metadata.ownerReferences[0].name}' > owner.txt` with the replacement Pod's name.",
      ],
    },
    {
      id: 'scale',
      title: 'Scale to five replicas',
      instructions: markdownFile('tasks/scale.md'),
      points: 10,
      check: scaledToFive,
      hints: ['Change the desired state of the Deployment, not of its ReplicaSet: `kubectl scale --help`.', 'Run `kubectl scale deployment web --replicas=5`, then `kubectl rollout status deployment/web`.'],
    },
  ],
  solution: [
    { input: 'kubectl get pods' },
    { input: "kubectl delete pod $(kubectl get pods -o jsonpath='{.items[0].metadata.name}')" },
    { after: '5s', input: 'kubectl get pods' },
    { input: 'sim trace | grep replicaset-controller' },
    { input: "kubectl describe pod $(kubectl get pods --sort-by=.metadata.creationTimestamp -o jsonpath='{.items[2].metadata.name}')" },
    { input: "kubectl get pod $(kubectl get pods --sort-by=.metadata.creationTimestamp -o jsonpath='{.items[2].metadata.name}') -o jsonpath='{.metadata.ownerReferences[0].name}' > owner.txt" },
    { input: 'kubectl scale deployment web --replicas=5' },
    { input: 'kubectl rollout status deployment/web' },
    { input: 'kubectl get deployment,replicaset' },
    { input: 'check' },
  ],
});
