import type { Deployment, DeploymentCondition, ReplicaSet } from 'kubernetes-types/apps/v1';
import {
  allOf,
  commandWasRun,
  defineLab,
  deploymentRolledOut,
  eventSeen,
  failed,
  labTime,
  markdownFile,
  passed,
  withHint,
  type CheckFn,
  type LabView,
} from '../../src/labs/author';

const GOOD_IMAGE = 'nginx:1.28';
const BAD_IMAGE = 'nginx:1.92';
const REVISION = 'deployment.kubernetes.io/revision';
const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

const WEB_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
  annotations:
    kubernetes.io/change-cause: deploy nginx 1.28
spec:
  replicas: 4
  progressDeadlineSeconds: 60
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
        image: ${GOOD_IMAGE}
        ports:
        - containerPort: 80
`;

/** The ReplicaSets of Deployment "web" (by owner uid), with the image of their template. */
function replicaSets(view: LabView): { rs: ReplicaSet; image: string | undefined }[] {
  const d = view.get<Deployment>('deployments', 'default', 'web');
  return view
    .list<ReplicaSet>('replicasets', 'default')
    .filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.controller && o.uid === d?.metadata?.uid))
    .map((rs) => ({ rs, image: rs.spec?.template?.spec?.containers?.[0]?.image }));
}

const revisionOf = (rs: ReplicaSet) => Number(rs.metadata?.annotations?.[REVISION] ?? 0);

/** The bad revision exists as a ReplicaSet the rollout created, and its change-cause says what it was. */
const badRevisionRecorded: CheckFn = (view) => {
  if (!view.get('deployments', 'default', 'web')) return failed('there is no Deployment "web" any more: recreate it with kubectl apply -f web.yaml');
  const bad = replicaSets(view).find((r) => r.image === BAD_IMAGE)?.rs;
  if (!bad) return failed(`no ReplicaSet of "web" runs ${BAD_IMAGE}: roll the Deployment out to that image`, 0);
  const cause = bad.metadata?.annotations?.[CHANGE_CAUSE] ?? '';
  if (!cause.includes('1.92')) {
    return failed(`revision ${revisionOf(bad)} (${bad.metadata?.name}) has the change-cause "${cause || '<none>'}": annotate the Deployment so the history says this revision brought nginx 1.92`, 1);
  }
  return passed(`revision ${revisionOf(bad)} is ReplicaSet ${bad.metadata?.name}, recorded as "${cause}"`);
};

/** The Deployment's history shows the Progressing condition turning False with ProgressDeadlineExceeded. */
const deadlineExceeded: CheckFn = (view) => {
  const timedOut = view
    .history('deployments', 'default', 'web')
    .filter((v) => v.type !== 'DELETED' && v.revision > view.startRevision)
    .map((v) => ({ at: v.atMs, cond: (v.object as Deployment).status?.conditions?.find((c: DeploymentCondition) => c.type === 'Progressing') }))
    .find((v) => v.cond?.reason === 'ProgressDeadlineExceeded');
  if (!timedOut) return failed('the Deployment has not reported ProgressDeadlineExceeded yet: its progressDeadlineSeconds is 60, so wait (kubectl rollout status waits for you)', 1);
  return passed(`at ${labTime(timedOut.at)} the Deployment reported Progressing=False: ${timedOut.cond?.message ?? ''}`);
};

/** `kubectl rollout undo` put the old template back: the nginx:1.28 ReplicaSet got a new, higher revision and the bad one is scaled to 0. */
const rolledBack: CheckFn = (view) => {
  const rss = replicaSets(view);
  const bad = rss.find((r) => r.image === BAD_IMAGE)?.rs;
  const good = rss.find((r) => r.image === GOOD_IMAGE)?.rs;
  if (!bad) return failed(`there is no ${BAD_IMAGE} revision to roll back from: do the first task first`);
  if (!good) return failed(`the ReplicaSet running ${GOOD_IMAGE} is gone`);
  if (revisionOf(good) < revisionOf(bad)) return failed(`the newest revision is still ${revisionOf(bad)} (${BAD_IMAGE}): roll back to the revision before it`, 1);
  if ((bad.spec?.replicas ?? 0) > 0) return failed(`ReplicaSet ${bad.metadata?.name} (${BAD_IMAGE}) still wants ${bad.spec?.replicas} Pods`, 1);
  const history = good.metadata?.annotations?.[REVISION_HISTORY] ?? '';
  return passed(`ReplicaSet ${good.metadata?.name} (${GOOD_IMAGE}) is revision ${revisionOf(good)} now${history ? ` (it was revision ${history})` : ''}; ${bad.metadata?.name} is scaled to 0`);
};

export default defineLab({
  id: 'bad-rollout',
  title: 'Roll out a bad image and roll back',
  summary: 'Roll a Deployment out to an image tag that does not exist, watch the rollout stall without taking the service down, hit the progress deadline, and undo it.',
  seed: 23,
  setup: {
    workers: 2,
    manifests: [WEB_YAML],
    files: { 'web.yaml': WEB_YAML },
    settle: '10s',
  },
  tasks: [
    {
      id: 'rollout',
      title: 'Roll out nginx:1.92, with a change-cause',
      instructions: markdownFile('tasks/rollout.md'),
      points: 10,
      check: badRevisionRecorded,
      hints: [
        '`kubectl set image --help`: the container in `web` is called `nginx`.',
        'Run `kubectl set image deployment/web nginx=nginx:1.92`, then `kubectl annotate deployment web kubernetes.io/change-cause="upgrade to nginx 1.92" --overwrite`.',
      ],
    },
    {
      id: 'stuck',
      title: 'See it stuck',
      instructions: markdownFile('tasks/stuck.md'),
      points: 20,
      check: allOf(
        withHint(eventSeen({ reason: 'Failed', type: 'Warning', message: 'Error: ImagePullBackOff' }), 0),
        deadlineExceeded,
        commandWasRun(/\bkubectl\s+rollout\s+status\b/, { output: 'exceeded its progress deadline', exitCode: 1, describe: "'kubectl rollout status deployment/web' reporting the exceeded deadline" }),
      ),
      hints: [
        '`kubectl get pods` shows the new Pods; `kubectl describe pod NAME` shows why they do not start.',
        '`kubectl rollout status deployment/web` waits until the rollout finishes or its progress deadline passes.',
      ],
    },
    {
      id: 'undo',
      title: 'Roll back',
      instructions: markdownFile('tasks/undo.md'),
      points: 20,
      check: allOf(
        commandWasRun(/\bkubectl\s+rollout\s+undo\b/, { describe: "'kubectl rollout undo'" }),
        rolledBack,
        deploymentRolledOut('default', 'web', GOOD_IMAGE),
      ),
      hints: [
        '`kubectl rollout history deployment/web` lists the revisions; `kubectl rollout undo --help` how to go back.',
        'Run `kubectl rollout undo deployment/web`, then `kubectl rollout status deployment/web`.',
      ],
    },
  ],
  solution: [
    { input: 'kubectl rollout history deployment/web' },
    { input: 'kubectl set image deployment/web nginx=nginx:1.92' },
    { input: 'kubectl annotate deployment web kubernetes.io/change-cause="upgrade to nginx 1.92" --overwrite' },
    { after: '20s', input: 'kubectl get pods' },
    { input: 'kubectl rollout status deployment/web' },
    { input: 'kubectl get deployment,replicaset' },
    { input: 'kubectl rollout history deployment/web' },
    { input: 'kubectl rollout undo deployment/web' },
    { input: 'kubectl rollout status deployment/web' },
    { input: 'kubectl rollout history deployment/web' },
    { input: 'check' },
  ],
});
