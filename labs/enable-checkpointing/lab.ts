import type { Pod } from 'kubernetes-types/core/v1';
import { defineLab, failed, markdownFile, passed, podRunningOnNode, type CheckFn, type LabView } from '../../src/labs/author';

const CACHE_YAML = `apiVersion: v1
kind: Pod
metadata:
  name: cache
  labels:
    app: cache
spec:
  nodeSelector:
    kubernetes.io/hostname: node-1
  containers:
  - name: cache
    image: ghcr.io/clusterlab/counter:1.0
    ports:
    - containerPort: 8088
`;

/** Every input the learner sent to the kubelet's checkpoint endpoint for default/cache/cache, oldest first. */
function checkpointCalls(view: LabView) {
  return view.transcript().filter((e) => /:10250\/checkpoint\//.test(e.input));
}

/** The learner got past authentication and authorization and saw the runtime's own error. */
const sawRuntimeError: CheckFn = (view) => {
  const calls = checkpointCalls(view);
  if (calls.some((e) => e.output.includes('checkpointing of default/cache/cache failed (rpc error: code = Unknown desc = checkpoint/restore support not available)'))) {
    return passed("the kubelet accepted your request and passed on CRI-O's answer: checkpoint/restore support not available");
  }
  if (calls.length === 0) return failed("you have not sent a request to a kubelet's checkpoint endpoint (https://NODE-IP:10250/checkpoint/NAMESPACE/POD/CONTAINER) yet", 0);
  const last = calls.at(-1)!.output;
  if (last.startsWith('Unauthorized')) return failed('the kubelet answered 401 Unauthorized: it did not get a client certificate it trusts (curl --cert and --key)', 1);
  if (last.startsWith('Forbidden')) return failed(`the kubelet knew who you were but refused: ${last.trim()}. That certificate is a node's; the API server's kubelet client certificate is allowed`, 1);
  if (last.includes('404 page not found')) return failed('the kubelet answered "404 page not found": the path is not /checkpoint/NAMESPACE/POD/CONTAINER', 0);
  if (last.includes('405')) return failed('the kubelet answered 405 Method Not Allowed: the checkpoint API only takes POST (curl -X POST)', 0);
  if (last.includes('pod does not exist')) return failed('the kubelet answered "pod does not exist": it knows only the pods on its own node; send the request to the node that runs cache, with namespace default', 0);
  if (/container \S+ does not exist/.test(last)) return failed(`the kubelet answered "${last.trim()}": the last path segment is the container's name, as in the Pod spec`, 0);
  if (last.includes('curl: (58)')) return failed("curl could not load the client certificate or key on the machine you ran it on: kubeadm keeps the API server's kubelet client certificate on the control plane", 1);
  if (last.includes('"items"')) return passed('the kubelet took a checkpoint');
  return failed(`your last request did not reach the checkpoint handler: ${last.trim().split('\n')[0] ?? ''}`, 1);
};

/** Nodes whose CRI-O has CRIU, so checkpoint/restore support is on. */
const CRIU_NODES = ['node-2', 'node-3'];

/** Pod cache runs again, on a node whose runtime can checkpoint it. */
const movedToCriuNode: CheckFn = (view) => {
  const pod = view.get<Pod>('pods', 'default', 'cache');
  const node = pod?.spec?.nodeName;
  if (pod && node !== undefined && !CRIU_NODES.includes(node)) return failed(`Pod cache runs on ${node}, where CRI-O answers "checkpoint/restore support not available"`, 1);
  return podRunningOnNode('default', 'cache', node ?? 'node-2')(view);
};

/** A kubelet with CRIU wrote a checkpoint archive of cache, in answer to the learner's request. */
const checkpointTaken: CheckFn = (view) => {
  const written = view.trace({ component: 'kubelet/', action: 'checkpoint', object: 'pods/default/cache', sinceMs: view.startMs });
  const last = written.at(-1);
  if (!last) return failed('no kubelet has written a checkpoint of default/cache/cache yet', 0);
  const path = last.detail.replace(/^.* checkpointed to /, '');
  const node = last.component.replace('kubelet/', '');
  if (!checkpointCalls(view).some((e) => e.output.includes(`{"items":["${path}"]}`))) return failed(`an archive exists on ${node} (${path}), but not from a request you made to the kubelet's checkpoint API`, 1);
  return passed(`${node}'s kubelet wrote ${path}`);
};

export default defineLab({
  id: 'enable-checkpointing',
  title: 'Make checkpointing work',
  summary: 'A checkpoint request fails. Authenticate to the kubelet, read the runtime\'s error, find the node whose runtime can checkpoint, and take the checkpoint there.',
  seed: 61,
  setup: {
    nodes: [
      { name: 'control-plane', controlPlane: true, runtime: { name: 'cri-o', version: '1.34.0' } },
      // CRI-O turns checkpoint/restore support off at start-up when no criu binary is installed.
      { name: 'node-1', runtime: { name: 'cri-o', version: '1.34.0' } },
      { name: 'node-2', runtime: { name: 'cri-o', version: '1.34.0', criuVersion: '4.1' } },
      { name: 'node-3', runtime: { name: 'cri-o', version: '1.34.0', criuVersion: '4.1' } },
    ],
    manifests: [CACHE_YAML],
    files: { 'cache.yaml': CACHE_YAML },
    settle: '10s',
  },
  tasks: [
    {
      id: 'reach',
      title: 'Ask the kubelet for a checkpoint',
      instructions: markdownFile('tasks/reach.md'),
      check: sawRuntimeError,
      hints: [
        'The checkpoint API is served by the kubelet of the node that runs the Pod: `kubectl get pod cache -o wide` and `kubectl get nodes -o wide` give you the node and its INTERNAL-IP.',
        'The kubelet wants a client certificate it may trust with `nodes/checkpoint`. kubeadm left one for the API server on the control plane: `ssh control-plane`, then look in `/etc/kubernetes/pki/`.',
        'On the control plane: `curl -sk -X POST https://172.18.0.3:10250/checkpoint/default/cache/cache --cert /etc/kubernetes/pki/apiserver-kubelet-client.crt --key /etc/kubernetes/pki/apiserver-kubelet-client.key`',
      ],
    },
    {
      id: 'move',
      title: 'Run cache where the runtime can checkpoint',
      instructions: markdownFile('tasks/move.md'),
      dependsOn: ['reach'],
      check: movedToCriuNode,
      hints: [
        '`kubectl get nodes -o wide` shows every node\'s runtime. CRI-O needs the `criu` binary: log in to each worker (`ssh node-1`, ...) and run `criu --version`.',
        'node-2 and node-3 have CRIU. A Pod\'s nodeSelector cannot be changed in place: edit `cache.yaml` so it selects `kubernetes.io/hostname: node-2`, then `kubectl delete pod cache` and `kubectl apply -f cache.yaml`.',
      ],
    },
    {
      id: 'checkpoint',
      title: 'Take the checkpoint',
      instructions: markdownFile('tasks/checkpoint.md'),
      dependsOn: ['move'],
      check: checkpointTaken,
      hints: [
        'Send the same request as before, to the address of the node that runs cache now (`kubectl get nodes -o wide`).',
        'On the control plane: `curl -sk -X POST https://172.18.0.4:10250/checkpoint/default/cache/cache --cert /etc/kubernetes/pki/apiserver-kubelet-client.crt --key /etc/kubernetes/pki/apiserver-kubelet-client.key`, then `ssh node-2` and `ls -l /var/lib/kubelet/checkpoints`.',
      ],
    },
  ],
  solution: [
    { input: 'kubectl get pod cache -o wide' },
    { input: 'kubectl get nodes -o wide' },
    { input: 'ssh control-plane' },
    { input: 'curl -sk -X POST https://172.18.0.3:10250/checkpoint/default/cache/cache' },
    { input: 'curl -sk -X POST https://172.18.0.3:10250/checkpoint/default/cache/cache --cert /etc/kubernetes/pki/apiserver-kubelet-client.crt --key /etc/kubernetes/pki/apiserver-kubelet-client.key' },
    { input: 'exit' },
    { input: 'ssh node-1 criu --version' },
    { input: 'ssh node-2 criu --version' },
    { input: "sed -i 's/node-1/node-2/' cache.yaml" },
    { input: 'kubectl delete pod cache' },
    { input: 'kubectl apply -f cache.yaml' },
    { input: 'kubectl wait --for=condition=Ready pod/cache --timeout=60s' },
    { input: 'ssh control-plane' },
    { input: 'curl -sk -X POST https://172.18.0.4:10250/checkpoint/default/cache/cache --cert /etc/kubernetes/pki/apiserver-kubelet-client.crt --key /etc/kubernetes/pki/apiserver-kubelet-client.key' },
    { input: 'exit' },
    { input: 'ssh node-2 ls /var/lib/kubelet/checkpoints' },
    { input: 'check' },
  ],
});
