import type { Deployment } from 'kubernetes-types/apps/v1';
import { defineLab, failed, markdownFile, passed, type CheckFn } from '../../src/labs/author';
import { CLIENT_YAML, LOAD_COMMAND, NEW_IMAGE, WEB_YAML, failedRequest, imageOf, loadCovered, requestsDuring, rolloutsOf, servingAfterDeleteSeconds } from '../lost-requests/rollout';

/** Long enough for every node's kube-proxy to have dropped the endpoint before the app stops. */
const MIN_SECONDS = 3;

const PROTECTED_YAML = WEB_YAML.replace(
  '        readinessProbe:',
  `        lifecycle:
          preStop:
            sleep:
              seconds: 5
        readinessProbe:`,
);

const protectedTemplate: CheckFn = (view) => {
  const d = view.get<Deployment>('deployments', 'default', 'web');
  if (!d?.spec?.template) return failed('there is no Deployment "web" in namespace default: apply web.yaml again');
  const seconds = servingAfterDeleteSeconds(d.spec.template);
  if (seconds === 0) return failed('the pods of "web" stop serving the moment they are deleted: give the container "app" a preStop hook that sleeps, or make the app keep serving after SIGTERM', 0);
  if (seconds < MIN_SECONDS) return failed(`the pods of "web" keep serving only ${seconds} s after deletion starts; kube-proxy on every node needs longer: make it at least ${MIN_SECONDS} s`, 1);
  const grace = d.spec.template.spec?.terminationGracePeriodSeconds ?? 30;
  if (grace <= seconds) return failed(`terminationGracePeriodSeconds is ${grace} s, which the ${seconds} s wait uses up: the kubelet would SIGKILL the app before it can stop on its own`, 1);
  const pending = rolloutsOf(view).filter((r) => r.toMs === undefined);
  if (pending.length > 0 || (d.status?.updatedReplicas ?? 0) < (d.spec.replicas ?? 1)) return failed('the change is still rolling out: wait until every pod runs the new template (kubectl rollout status deployment/web)', 2);
  return passed(`every pod of "web" keeps serving ${seconds} s after its deletion starts, within a ${grace} s grace period`);
};

const zeroFailures: CheckFn = (view) => {
  const rollouts = rolloutsOf(view).filter((r) => imageOf(r.after) === NEW_IMAGE && imageOf(r.before) !== NEW_IMAGE);
  if (rollouts.length === 0) return failed(`the web Deployment was never updated to ${NEW_IMAGE}: protect the pods first, then run the rollout under load`, 0);
  const results = rollouts.map((r) => ({ r, requests: requestsDuring(view, r) }));
  const good = results.find(({ r, requests }) => r.toMs !== undefined && servingAfterDeleteSeconds(r.before) >= MIN_SECONDS && loadCovered(view, r) && requests.length > 0 && !requests.some(failedRequest));
  if (good) return passed(`the rollout to 2.0 ran under load and all ${good.requests.length} requests sent meanwhile succeeded`);
  const last = results.at(-1)!;
  if (last.r.toMs === undefined) return failed('the rollout to 2.0 is still running: let it finish under load', 1);
  if (servingAfterDeleteSeconds(last.r.before) < MIN_SECONDS) return failed('the pods this rollout replaced were not protected (no preStop wait, no drain): protect the 1.0 pods first, then roll out 2.0', 0);
  if (last.requests.length === 0 || !loadCovered(view, last.r)) return failed('the load did not cover the whole rollout: start it right after kubectl set image, for 60 s', 1);
  const bad = last.requests.filter(failedRequest);
  return failed(`${bad.length} of ${last.requests.length} requests failed during the rollout (the first: ${bad[0]!.error ?? `HTTP ${bad[0]!.status}`}); roll back to 1.0 and try again`, 2);
};

export default defineLab({
  id: 'zero-downtime',
  title: 'A rolling update that loses no request',
  summary: 'The same Deployment, the same load, the same rollout as in lost-requests: make the old pods keep serving until every node has stopped sending them traffic, and prove it with zero failures.',
  seed: 7,
  setup: {
    workers: 2,
    manifests: [WEB_YAML, CLIENT_YAML],
    files: { 'web.yaml': WEB_YAML },
    settle: '15s',
  },
  tasks: [
    {
      id: 'protect',
      title: 'Keep deleted pods serving for a few seconds',
      instructions: markdownFile('tasks/protect.md'),
      check: protectedTemplate,
      hints: [
        'A `preStop` hook runs before the kubelet sends SIGTERM; the pod keeps serving while it runs.',
        'Since Kubernetes 1.30 a hook can sleep without a `sleep` binary in the image: `lifecycle: { preStop: { sleep: { seconds: 5 } } }` in the container `app`.',
        'Edit web.yaml, add the hook under the container (at the same level as `readinessProbe`), then `kubectl apply -f web.yaml` and `kubectl rollout status deployment/web`.',
      ],
    },
    {
      id: 'zero',
      title: 'Roll out 2.0 under load with zero failures',
      instructions: markdownFile('tasks/zero.md'),
      dependsOn: ['protect'],
      check: zeroFailures,
      hints: [
        'The rollout that counts is the one from 1.0 to 2.0, after the 1.0 pods got their preStop hook.',
        `Run \`kubectl set image deployment/web app=${NEW_IMAGE}\`, then at once \`${LOAD_COMMAND}\`.`,
        'If a rollout failed requests, `kubectl rollout undo deployment/web` takes you back to the protected 1.0 pods; wait for it, then try again.',
      ],
    },
  ],
  solution: [
    { input: `cat > web.yaml <<'EOF'\n${PROTECTED_YAML.trimEnd()}\nEOF` },
    { input: 'kubectl apply -f web.yaml' },
    { input: 'kubectl rollout status deployment/web' },
    { input: 'sim advance 10s' },
    { input: `kubectl set image deployment/web app=${NEW_IMAGE}` },
    { input: LOAD_COMMAND },
    { input: 'kubectl rollout status deployment/web' },
    { input: 'check' },
  ],
});
