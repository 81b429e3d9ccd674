import { defineLab, deploymentRolledOut, failed, markdownFile, passed, type CheckFn } from '../../src/labs/author';
import { CLIENT_YAML, LOAD_COMMAND, NEW_IMAGE, WEB_YAML, failedRequest, imageOf, loadCovered, requestsDuring, rolloutsOf, type Rollout } from './rollout';

/** The first rollout to the new image that has finished, with its requests. */
function finishedRollout(view: Parameters<CheckFn>[0]): Rollout | undefined {
  return rolloutsOf(view).find((r) => imageOf(r.after) === NEW_IMAGE && r.toMs !== undefined);
}

const rolledOutUnderLoad: CheckFn = (view) => {
  const rollouts = rolloutsOf(view).filter((r) => imageOf(r.after) === NEW_IMAGE);
  if (rollouts.length === 0) return failed(`the web Deployment was never changed to ${NEW_IMAGE}: start the rolling update with kubectl set image`, 0);
  const done = rollouts.find((r) => r.toMs !== undefined);
  if (!done) return failed('the rolling update to 2.0 has started, but old pods are still running or terminating: let it finish', 1);
  const requests = requestsDuring(view, done);
  if (requests.length === 0) return failed('no requests reached the cluster while the rollout ran: send the load during the rollout, not before or after it', 1);
  if (!loadCovered(view, done)) return failed(`the rollout took ${((done.toMs! - done.fromMs) / 1000).toFixed(1)} s, but the load did not cover all of it: start the load right after kubectl set image, for 60 s`, 1);
  return passed(`the rollout to 2.0 ran under load: ${requests.length} requests were sent while it ran`);
};

const reportedFailures: CheckFn = (view) => {
  const rollout = finishedRollout(view);
  if (!rollout) return failed('there is no finished rollout to 2.0 yet, so there is nothing to count');
  const lost = requestsDuring(view, rollout).filter(failedRequest).length;
  const answer = view.file('/root/failed.txt');
  if (answer === undefined) return failed('there is no file ~/failed.txt: write the number of failed requests into it', 0);
  const n = Number(answer.trim());
  if (!Number.isInteger(n)) return failed(`~/failed.txt should hold a single whole number, not "${answer.trim()}"`, 0);
  if (n !== lost) return failed(`~/failed.txt says ${n}, but that is not how many requests failed during the rollout: add up every outcome other than 200`, 1);
  return passed(`~/failed.txt says ${n}: that many requests were lost while the old pods shut down`);
};

export default defineLab({
  id: 'lost-requests',
  title: 'Count the requests a rolling update loses',
  summary: 'Roll out a new version of a web service while it serves 100 requests a second, and count the requests that fail although every pod was healthy.',
  seed: 7,
  setup: {
    workers: 2,
    manifests: [WEB_YAML, CLIENT_YAML],
    files: { 'web.yaml': WEB_YAML },
    settle: '15s',
  },
  tasks: [
    {
      id: 'rollout',
      title: 'Roll out 2.0 under load',
      instructions: markdownFile('tasks/rollout.md'),
      check: deploymentRolledOutUnderLoad(),
      hints: [
        '`kubectl set image` starts a rolling update; `sim load` sends traffic and lets virtual time pass while it does.',
        'Start the update first, then the load, one command after the other, so the load covers the whole rollout.',
        `Run \`kubectl set image deployment/web app=${NEW_IMAGE}\`, then \`${LOAD_COMMAND}\`.`,
      ],
    },
    {
      id: 'report',
      title: 'Report the lost requests',
      instructions: markdownFile('tasks/report.md'),
      dependsOn: ['rollout'],
      check: reportedFailures,
      hints: [
        'The summary `sim load` printed lists the outcomes: `200` is success, everything else (connection-refused, connection-reset, timeout, 5xx) failed.',
        'Add up the counts of every outcome other than `200`, and write the sum with `echo N > failed.txt`.',
      ],
    },
  ],
  solution: [
    { input: 'kubectl get pods -o wide' },
    { input: `kubectl set image deployment/web app=${NEW_IMAGE}` },
    { input: LOAD_COMMAND },
    { input: 'kubectl rollout status deployment/web' },
    { input: 'echo 60 > failed.txt' },
    { input: 'check' },
  ],
});

function deploymentRolledOutUnderLoad(): CheckFn {
  const rolledOut = deploymentRolledOut('default', 'web', NEW_IMAGE);
  return (view) => {
    const under = rolledOutUnderLoad(view);
    if (!under.pass) return under;
    const end = rolledOut(view);
    return end.pass ? under : end;
  };
}
