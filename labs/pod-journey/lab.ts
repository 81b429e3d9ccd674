import type { Pod } from 'kubernetes-types/core/v1';
import {
  allOf,
  commandWasRun,
  createdDuringLab,
  defineLab,
  failed,
  markdownFile,
  objectExists,
  passed,
  podPhasesSeen,
  podRunningOnNode,
  type CheckFn,
} from '../../src/labs/author';

const WEB_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - containerPort: 80
`;

/** ~/answer.txt names the node the scheduler bound web to (read from the Pod, not guessed by the lab). */
const answerNamesTheNode: CheckFn = (view) => {
  const node = view.get<Pod>('pods', 'default', 'web')?.spec?.nodeName;
  if (!node) return failed('Pod "web" is not bound to a node yet, so there is nothing to answer');
  const answer = view.file('/root/answer.txt');
  if (answer === undefined) return failed('there is no file ~/answer.txt: write the node name into it', 1);
  if (answer.trim() !== node) return failed(`~/answer.txt says "${answer.trim()}", but that is not the node the scheduler chose`, 1);
  return passed(`~/answer.txt names ${node}, the node the scheduler chose`);
};

export default defineLab({
  id: 'pod-journey',
  title: 'Follow a Pod from apply to Running',
  summary: 'Create one Pod and watch every component touch it: the API server stores it in etcd, the scheduler binds it, the kubelet starts it.',
  seed: 7,
  setup: {
    workers: 2,
    files: { 'web.yaml': WEB_YAML },
  },
  tasks: [
    {
      id: 'create',
      title: 'Create the Pod',
      instructions: markdownFile('tasks/create.md'),
      points: 10,
      check: allOf(createdDuringLab('pods', 'default', 'web'), objectExists('pods', 'default', 'web', { 'spec.containers[0].image': 'nginx:1.27' })),
      hints: ['The manifest is already on your workstation: `cat web.yaml`.', 'Run `kubectl apply -f web.yaml`.'],
    },
    {
      id: 'etcd',
      title: 'Find the Pod in etcd',
      instructions: markdownFile('tasks/etcd.md'),
      points: 10,
      dependsOn: ['create'],
      check: commandWasRun(/\betcdctl\b/, { output: '/registry/pods/default/web', describe: 'an etcdctl command that shows the key /registry/pods/default/web' }),
      hints: [
        'Objects live under `/registry/<resource>/<namespace>/<name>`; etcdctl can list keys under a prefix.',
        'Run `etcdctl get /registry/pods --prefix --keys-only`.',
      ],
    },
    {
      id: 'scheduler',
      title: "Read the scheduler's decision",
      instructions: markdownFile('tasks/scheduler.md'),
      points: 20,
      dependsOn: ['create'],
      check: allOf(
        commandWasRun(/\bsim\s+trace\b/, { output: /scheduler\s+bind\s+bound default\/web to /, describe: "a 'sim trace' that shows the scheduler binding default/web" }),
        answerNamesTheNode,
      ),
      hints: [
        '`sim trace pod/web` lists what every component did to the Pod; look for the scheduler lines.',
        'The `bind` line ends with the node: `bound default/web to NODE`. Then `echo NODE > ~/answer.txt`.',
      ],
    },
    {
      id: 'kubelet',
      title: 'See what the kubelet did',
      instructions: markdownFile('tasks/kubelet.md'),
      points: 10,
      dependsOn: ['create'],
      // The wording of 1.34 and of 1.35 (PR #134043), so the task survives a version bump.
      check: commandWasRun(/\bkubectl\b.*\b(describe|events)\b/, { output: /Started container nginx|Container started/, describe: 'kubectl describe pod web (or kubectl get events) showing the container start' }),
      hints: ['Events are listed at the end of `kubectl describe pod web`, and by `kubectl get events`.', 'Once the Pod runs, `kubectl describe pod web` shows `Started container nginx`.'],
    },
    {
      id: 'running',
      title: 'Pending, then Running',
      instructions: markdownFile('tasks/running.md'),
      points: 10,
      dependsOn: ['create'],
      check: allOf(podRunningOnNode('default', 'web'), podPhasesSeen('default', 'web', ['Pending', 'Running'])),
      hints: ['Pulling the image takes a few virtual seconds: `sim advance 10s`, then `kubectl get pod web`.'],
    },
  ],
  solution: [
    { input: 'cat web.yaml' },
    { input: 'kubectl apply -f web.yaml' },
    { input: 'etcdctl get /registry/pods --prefix --keys-only' },
    { after: '1s', input: 'sim trace pod/web' },
    { input: "kubectl get pod web -o jsonpath='{.spec.nodeName}' > answer.txt" },
    { after: '10s', input: 'kubectl get pod web -o wide' },
    { input: 'kubectl describe pod web' },
    { input: 'check' },
  ],
});
