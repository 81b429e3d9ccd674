import type { Pod } from 'kubernetes-types/core/v1';
import { defineLab, failed, markdownFile, passed, type CheckFn, type LabView } from '../../src/labs/author';

const COUNTER_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: counter
  labels:
    app: counter
spec:
  nodeSelector:
    kubernetes.io/hostname: node-1
  containers:
  - name: counter
    image: ghcr.io/clusterlab/counter:1.0
    ports:
    - containerPort: 8088
`;

const ANNOTATION = 'io.kubernetes.cri-o.annotations.checkpoint.name';
const COUNTER_IMAGE = 'ghcr.io/clusterlab/counter:1.0';
const RESTORED = 'counter-restored';

/** The last checkpoint node-1's kubelet wrote of default/counter/counter during the lab. */
function lastCheckpoint(view: LabView): string | undefined {
  const written = view.trace({ component: 'kubelet/node-1', action: 'checkpoint', object: 'pods/default/counter', sinceMs: view.startMs });
  return written.at(-1)?.detail.replace(/^.* checkpointed to /, '');
}

const checkpointTaken: CheckFn = (view) => {
  const path = lastCheckpoint(view);
  if (!path) return failed("node-1's kubelet has not checkpointed the container counter of Pod default/counter yet", 0);
  return passed(`node-1's kubelet wrote ${path}`);
};

/** The learner looked inside the archive: its file list, or checkpointctl's summary. */
const archiveInspected: CheckFn = (view) => {
  const path = lastCheckpoint(view);
  if (!path) return failed('there is no checkpoint archive to inspect yet');
  const looked = view.transcript().filter((e) => e.exitCode === 0 && /\b(checkpointctl|tar)\b/.test(e.input));
  if (looked.some((e) => e.output.includes('CHKPT SIZE'))) return passed('checkpointctl showed you what the archive holds');
  if (looked.some((e) => e.output.includes('config.dump') && e.output.includes('checkpoint/'))) return passed('you listed the archive: config.dump, spec.dump and the CRIU images under checkpoint/');
  return failed(`you have not listed the archive's contents yet (tar -tf, or checkpointctl show) on node-1`, 0);
};

/** A checkpoint image was configured with the restore annotation and pushed to a registry. */
const imagePushed: CheckFn = (view) => {
  const ok = view.transcript().filter((e) => e.exitCode === 0);
  if (!ok.some((e) => /\bbuildah add\b/.test(e.input))) return failed('you have not added the checkpoint archive to a buildah working container yet (buildah from scratch, buildah add)', 0);
  if (!ok.some((e) => /\bbuildah config\b/.test(e.input) && e.input.includes(`${ANNOTATION}=counter`))) return failed(`the image does not carry the annotation ${ANNOTATION}=counter, which tells CRI-O to restore rather than start a container`, 1);
  const push = ok.filter((e) => /\bbuildah push\b/.test(e.input)).at(-1);
  if (!push) return failed('the image is only on node-1; push it to a registry node-2 can pull from (buildah push)', 2);
  return passed(`you pushed the checkpoint image: ${push.input}`);
};

function runningSince(view: LabView, pod: string): number | undefined {
  return view.trace({ component: 'kubelet/node-2', action: 'start', object: `pods/default/${pod}`, sinceMs: view.startMs }).at(-1)?.t;
}

/** The restored Pod runs on node-2 from the checkpoint image, and the learner saw its count go on. */
const restoredWithState: CheckFn = (view) => {
  const pod = view.get<Pod>('pods', 'default', RESTORED);
  if (!pod) return failed(`there is no Pod ${RESTORED} in namespace default`, 0);
  const image = pod.spec?.containers[0]?.image ?? '';
  if (image === COUNTER_IMAGE) return failed(`Pod ${RESTORED} runs the plain ${COUNTER_IMAGE}, which starts counting from 0; run the checkpoint image you pushed`, 0);
  if (pod.spec?.nodeName !== 'node-2') return failed(`Pod ${RESTORED} is on ${pod.spec?.nodeName ?? 'no node yet'}; restore it on node-2`, 0);
  const status = pod.status?.containerStatuses?.[0];
  if (pod.status?.phase !== 'Running' || !status?.state?.running) {
    const waiting = status?.state?.waiting;
    return failed(`Pod ${RESTORED} is not running${waiting ? `: ${waiting.reason ?? ''} ${waiting.message ?? ''}`.trimEnd() : ''}`, 1);
  }
  const started = runningSince(view, RESTORED);
  const ip = pod.status?.podIP ?? '';
  const seen = view.transcript().filter((e) => started !== undefined && e.atMs > started && (e.input.includes(RESTORED) || (ip !== '' && e.input.includes(ip))));
  const counts = seen.map((e) => ({ e, n: Math.max(-1, ...[...e.output.matchAll(/counter: (\d+)/g)].map((m) => Number(m[1]))) }));
  const shown = counts.filter((c) => c.n >= 0);
  if (shown.length === 0) return failed(`Pod ${RESTORED} runs; now show that it kept the count: read its logs (kubectl logs) or ask it (curl its IP on port 8088)`, 2);
  const continued = shown.find((c) => c.n > Math.ceil((c.e.atMs - started!) / 1000) + 1);
  if (!continued) return failed(`Pod ${RESTORED} counted only as far as a fresh start would have (${shown.at(-1)!.n}): it did not resume from the checkpoint`, 1);
  return passed(`Pod ${RESTORED} showed counter: ${continued.n} after running ${Math.round((continued.e.atMs - started!) / 1000)} s on node-2: the count went on from the checkpoint`);
};

export default defineLab({
  id: 'restore-elsewhere',
  title: 'Restore a container on another node',
  summary: 'Checkpoint a counter, look inside the archive, turn it into an image, and restore the container on another node with its count intact.',
  seed: 62,
  setup: {
    containerRuntime: { name: 'cri-o', version: '1.34.0', criuVersion: '4.1' },
    workers: 2,
    manifests: [COUNTER_YAML],
    files: { 'counter.yaml': COUNTER_YAML },
    settle: '12s',
  },
  tasks: [
    {
      id: 'checkpoint',
      title: 'Checkpoint the counter',
      instructions: markdownFile('tasks/checkpoint.md'),
      check: checkpointTaken,
      hints: [
        'Only the control plane has a certificate the kubelet lets checkpoint: `ssh control-plane`, and look in `/etc/kubernetes/pki/`.',
        'On the control plane: `curl -sk -X POST https://172.18.0.3:10250/checkpoint/default/counter/counter --cert /etc/kubernetes/pki/apiserver-kubelet-client.crt --key /etc/kubernetes/pki/apiserver-kubelet-client.key`',
      ],
    },
    {
      id: 'inspect',
      title: 'Look inside the archive',
      instructions: markdownFile('tasks/inspect.md'),
      dependsOn: ['checkpoint'],
      check: archiveInspected,
      hints: ['`ssh node-1`, `cd /var/lib/kubelet/checkpoints`, `ls`, then `tar -tf` or `checkpointctl show` with the archive\'s name.'],
    },
    {
      id: 'image',
      title: 'Build and push a checkpoint image',
      instructions: markdownFile('tasks/image.md'),
      dependsOn: ['checkpoint'],
      check: imagePushed,
      hints: [
        'On node-1: `newcontainer=$(buildah from scratch)`, then `buildah add $newcontainer /var/lib/kubelet/checkpoints/ARCHIVE /`.',
        `\`buildah config --annotation=${ANNOTATION}=counter $newcontainer\`, then \`buildah commit $newcontainer counter-checkpoint:1\`.`,
        '`buildah push localhost/counter-checkpoint:1 registry.local:5000/counter-checkpoint:1`',
      ],
    },
    {
      id: 'restore',
      title: 'Restore it on node-2',
      instructions: markdownFile('tasks/restore.md'),
      dependsOn: ['image'],
      check: restoredWithState,
      hints: [
        `Copy \`counter.yaml\` to a new file, name the Pod \`${RESTORED}\` (keep the container's name, \`counter\`), select \`node-2\` and use the image you pushed.`,
        'If the Pod does not start, `kubectl describe pod` shows the runtime\'s error: did the image get the annotation? Is the image name the one you pushed?',
        `\`kubectl logs ${RESTORED}\` shows the log the checkpoint carried, then the count going on.`,
      ],
    },
  ],
  solution: [
    { input: 'ssh control-plane' },
    { input: 'curl -sk -X POST https://172.18.0.3:10250/checkpoint/default/counter/counter --cert /etc/kubernetes/pki/apiserver-kubelet-client.crt --key /etc/kubernetes/pki/apiserver-kubelet-client.key' },
    { input: 'exit' },
    { input: 'ssh node-1' },
    { input: 'cd /var/lib/kubelet/checkpoints' },
    { input: 'archive=$(ls)' },
    { input: 'checkpointctl show $archive' },
    { input: 'tar -tf $archive' },
    { input: 'newcontainer=$(buildah from scratch)' },
    { input: 'buildah add $newcontainer $archive /' },
    { input: `buildah config --annotation=${ANNOTATION}=counter $newcontainer` },
    { input: 'buildah commit $newcontainer counter-checkpoint:1' },
    { input: 'buildah rm $newcontainer' },
    { input: 'buildah push localhost/counter-checkpoint:1 registry.local:5000/counter-checkpoint:1' },
    { input: 'exit' },
    { input: `sed -e 's/^  name: counter$/  name: ${RESTORED}/' -e 's/node-1/node-2/' -e 's#image: .*#image: registry.local:5000/counter-checkpoint:1#' counter.yaml > restored.yaml` },
    { input: 'kubectl apply -f restored.yaml' },
    { input: `kubectl wait --for=condition=Ready pod/${RESTORED} --timeout=60s` },
    { after: '3s', input: `kubectl logs ${RESTORED} --tail=3` },
    { input: 'check' },
  ],
});
