import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Pod, Service } from 'kubernetes-types/core/v1';
import { defineLab, failed, markdownFile, passed, type CheckFn, type LabView } from '../../src/labs/author';

const OLD_IMAGE = 'ghcr.io/clusterlab/stream-server:1.0';
const NEW_IMAGE = 'ghcr.io/clusterlab/stream-server:2.0';

/** A release as its own Deployment: `live-v1`, later `live-v2`; the Service `live` points at one release. */
function releaseYaml(release: string, image: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: live-${release}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: live
      release: ${release}
  template:
    metadata:
      labels:
        app: live
        release: ${release}
    spec:
      containers:
      - name: stream
        image: ${image}
        env:
        - name: SHUTDOWN
          value: wait
        - name: CLIENTS
          value: "20"
        - name: SESSION_SECONDS
          value: "120"
        ports:
        - containerPort: 8080
`;
}

/** The Service new viewers come through, pointed at one release (switching it is the release). */
function serviceYaml(release: string): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: live
spec:
  selector:
    app: live
    release: ${release}
  ports:
  - port: 80
    targetPort: 8080
`;
}

const SERVICE_YAML = serviceYaml('v1');

const V1_YAML = releaseYaml('v1', OLD_IMAGE);
const V2_YAML = releaseYaml('v2', NEW_IMAGE);

const labelText = (labels: Record<string, string>) => Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',') || '(none)';

const imageOfPod = (p: Pod | undefined) => p?.spec?.containers.find((c) => c.name === 'stream')?.image ?? p?.spec?.containers[0]?.image;

/** Every stream container of a 1.0 pod that ended during the lab: [pod, exit code]. */
function oldStreamExits(view: LabView): { pod: string; code: number }[] {
  const exits: { pod: string; code: number }[] = [];
  for (const e of view.trace({ component: 'kubelet/', action: 'exit', sinceMs: view.startMs })) {
    const name = e.object?.split('/')[2];
    if (!name) continue;
    const first = view.history('pods', 'default', name)[0]?.object as Pod | undefined;
    if (imageOfPod(first) !== OLD_IMAGE) continue;
    const code = Number(/code (\d+)/.exec(e.detail)?.[1] ?? NaN);
    if (Number.isFinite(code)) exits.push({ pod: name, code });
  }
  return exits;
}

const noViewerDropped = (view: LabView) => {
  const dropped = oldStreamExits(view).find((x) => x.code !== 0);
  if (!dropped) return undefined;
  return failed(
    `pod ${dropped.pod} (stream-server 1.0) exited with code ${dropped.code}: the kubelet killed it at the end of its grace period while viewers were still watching, so their streams were cut. Reset the lab and keep the old pods running until their viewers have left`,
    0,
  );
};

function runningPods(view: LabView, image: string): Pod[] {
  return view.list<Pod>('pods', 'default').filter((p) => imageOfPod(p) === image && p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp);
}

const newReleaseRuns: CheckFn = (view) => {
  const cut = noViewerDropped(view);
  if (cut) return cut;
  const v1 = view.get<Deployment>('deployments', 'default', 'live-v1');
  if (v1 && v1.spec?.template.spec?.containers[0]?.image !== OLD_IMAGE) return failed('live-v1 was changed in place to a new image: that rolls its pods and ends their streams. Keep live-v1 as it is and create a new Deployment for 2.0', 0);
  const fresh = runningPods(view, NEW_IMAGE);
  if (fresh.length < 2) return failed(`${fresh.length} pods run ${NEW_IMAGE}; create a second Deployment (live-v2) with 2 replicas of it`, 1);
  const selector = view.get<Service>('services', 'default', 'live')?.spec?.selector ?? {};
  const selects = (p: Pod) => Object.entries(selector).every(([k, v]) => p.metadata?.labels?.[k] === v);
  const reached = fresh.filter(selects);
  if (reached.length === 0) return failed(`2.0 runs, but the Service "live" (selector ${labelText(selector)}) does not select its pods: new viewers still go to 1.0. Point the Service at the 2.0 release`, 1);
  const old = runningPods(view, OLD_IMAGE).filter(selects);
  if (old.length > 0) return failed(`the Service "live" (selector ${labelText(selector)}) still selects 1.0 pods such as ${old[0]!.metadata?.name}: new viewers keep arriving there, so they never drain. Select only the 2.0 release`, 2);
  return passed(`the Service "live" sends new viewers to the ${reached.length} stream-server 2.0 pods; the 1.0 pods keep streaming to the viewers they have`);
};

const oldReleaseRetired: CheckFn = (view) => {
  const cut = noViewerDropped(view);
  if (cut) return cut;
  const still = view.list<Pod>('pods', 'default').filter((p) => imageOfPod(p) === OLD_IMAGE);
  if (still.length > 0) return failed(`${still.length} stream-server 1.0 pods still exist (${still.map((p) => p.metadata?.name).join(', ')}): once their viewers have left, scale live-v1 to zero`, 1);
  const exits = oldStreamExits(view);
  if (exits.length === 0) return failed('no stream-server 1.0 container was seen stopping during the lab');
  if (runningPods(view, NEW_IMAGE).length < 2) return failed('the 1.0 pods are gone, but fewer than 2 pods run 2.0: new viewers would have nowhere to go', 0);
  return passed(`all ${exits.length} stream-server 1.0 containers exited 0 after their last viewer left; none was killed`);
};

export default defineLab({
  id: 'long-running-jobs',
  title: 'Release a new version without cutting live streams',
  summary: 'Viewers stay connected to the stream server for two minutes, longer than any grace period you would want on a rollout. Release 2.0 as a rainbow deployment and retire 1.0 without dropping a single viewer.',
  seed: 5,
  setup: {
    workers: 2,
    manifests: [V1_YAML, SERVICE_YAML],
    files: { 'live-v1.yaml': V1_YAML, 'service.yaml': SERVICE_YAML },
    settle: '10s',
  },
  tasks: [
    {
      id: 'release',
      title: 'Release 2.0 next to 1.0',
      instructions: markdownFile('tasks/release.md'),
      check: newReleaseRuns,
      hints: [
        '`kubectl set image` on live-v1 would replace its pods now: each gets 30 s to stop, but its viewers stay 120 s.',
        'Copy live-v1.yaml to live-v2.yaml and change the name, the `release` label (in the selector and the template) and the image.',
        "`sed 's/live-v1/live-v2/; s/release: v1/release: v2/; s/stream-server:1.0/stream-server:2.0/' live-v1.yaml > live-v2.yaml`, then `kubectl apply -f live-v2.yaml`.",
        'Then switch the Service: `sed \'s/release: v1/release: v2/\' service.yaml > service-v2.yaml` and `kubectl apply -f service-v2.yaml`. The 1.0 pods leave its endpoints but keep their connected viewers.',
      ],
    },
    {
      id: 'retire',
      title: 'Retire 1.0 once its viewers have left',
      instructions: markdownFile('tasks/retire.md'),
      dependsOn: ['release'],
      check: oldReleaseRetired,
      hints: [
        '`kubectl logs deployment/live-v1` shows viewers connecting and disconnecting; `kubectl exec` into a 1.0 pod and `wget -qO- localhost:8080/stats` would too, but the image has no shell: read the logs.',
        'Wait until the logs say `(0 connected)` on every 1.0 pod (`sim advance 30s` lets time pass), then `kubectl scale deployment live-v1 --replicas=0`.',
      ],
    },
  ],
  solution: [
    { input: 'kubectl get deployments,pods -o wide' },
    { input: `cat > live-v2.yaml <<'EOF'\n${V2_YAML.trimEnd()}\nEOF` },
    { input: 'kubectl apply -f live-v2.yaml' },
    { input: 'kubectl rollout status deployment/live-v2' },
    { input: "sed 's/release: v1/release: v2/' service.yaml > service-v2.yaml" },
    { input: 'kubectl apply -f service-v2.yaml' },
    { input: 'kubectl get endpointslices -l kubernetes.io/service-name=live' },
    { input: 'sim advance 2m' },
    { input: 'kubectl logs deployment/live-v1 --tail=2' },
    { input: 'kubectl scale deployment live-v1 --replicas=0' },
    { input: 'sim advance 10s' },
    { input: 'kubectl get pods' },
    { input: 'check' },
  ],
});
