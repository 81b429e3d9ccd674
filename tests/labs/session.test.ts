import { describe, expect, it } from 'vitest';
import type { Node } from 'kubernetes-types/core/v1';
import { commandWasRun, noFailedRequests, objectExists, podRunningOnNode, rulesOnEveryNodeExclude, serviceHasReadyEndpoints } from '../../src/labs/checks/index';
import { ENGINE_VERSION } from '../../src/labs/engine-version';
import { LAB_LIMITS } from '../../src/labs/limits';
import { LabSession } from '../../src/labs/session';
import type { SavedLab } from '../../src/labs/types';
import { runSolution } from '../../src/labs/solution';
import { inlineLab, startLab } from './helpers';

const tasks = [
  {
    id: 'pod',
    title: 'Create the Pod web',
    instructions: 'Run a Pod named `web`.',
    points: 10,
    check: objectExists('pods', 'default', 'web'),
    hints: ['Use `kubectl run`.', 'Run `kubectl run web --image=nginx:1.27`.'],
  },
  { id: 'running', title: 'Web runs', instructions: 'Wait for it.', points: 20, dependsOn: ['pod'], check: podRunningOnNode('default', 'web') },
  { id: 'look', title: 'Look at it', instructions: 'Optional: `kubectl get pods`.', points: 5, required: false, check: commandWasRun('kubectl get pods') },
];

describe('LabSession', () => {
  it('check grades every task, blocks dependents and scores only passed tasks', () => {
    const { lab, run } = startLab({ title: 'Web lab', tasks });
    expect(run('check')).toBe(
      [
        'Web lab: 0 of 3 tasks done, score 0/35',
        '  [ ] 1. Create the Pod web (10 points)',
        '        there is no Pod "web" in namespace default',
        '        Stuck? Run: hint pod',
        '  [ ] 2. Web runs (20 points)',
        '        do task "Create the Pod web" first',
        '  [ ] 3. Look at it (5 points, optional)',
        "        you have not run 'kubectl get pods' yet",
        '',
      ].join('\n'),
    );
    expect(lab.transcript.at(-1)!.exitCode).toBe(1);
    run('kubectl run web --image=nginx:1.27');
    lab.advanceTo(lab.now() + 10_000);
    const progress = lab.check();
    expect(progress).toMatchObject({ labId: 'test-lab', score: 30, maxScore: 35, complete: true });
    expect(progress.tasks.map((t) => [t.id, t.pass])).toEqual([['pod', true], ['running', true], ['look', false]]);
    expect(run('check')).toContain('Web lab: 2 of 3 tasks done, score 30/35 (lab complete)\n');
    expect(lab.transcript.at(-1)!.exitCode).toBe(0);
  });

  it('hints unlock one after another, for the first open task by default', () => {
    const { lab, run } = startLab({ tasks });
    // On the terminal, code in a hint is bold (in a pipe it keeps its backticks: terminal-markdown.test.ts).
    expect(run('hint')).toBe('Hint 1 of 2 for "Create the Pod web":\n\nUse \x1b[1mkubectl run\x1b[22m.\n');
    expect(run('hint running')).toBe('Task "Web runs" has no hints.\n');
    expect(run('hint pod 2')).toBe('Hint 2 of 2 for "Create the Pod web":\n\nRun \x1b[1mkubectl run web --image=nginx:1.27\x1b[22m.\n');
    expect(run('hint pod 3')).toBe('hint: task "pod" has hints 1 to 2\n');
    expect(run('hint nope')).toBe('hint: no task "nope"; tasks are: pod, running, look\n');
    expect(lab.check().hintsShown).toEqual({ pod: 2 });
    const fresh = startLab({ tasks });
    expect(fresh.run('hint 2')).toBe('hint: hint 2 of "pod" unlocks after hint 1 (run: hint pod)\n');
  });

  it('tasks lists instructions; solution asks before showing and marks the lab assisted', () => {
    const { lab, run } = startLab({ title: 'Web lab', tasks, solution: [{ input: 'kubectl run web --image=nginx:1.27' }, { after: '10s', input: 'check' }] });
    expect(run('tasks | cat')).toBe(
      'Web lab\n\n1. Create the Pod web (10 points)\n\n   Run a Pod named `web`.\n\n2. Web runs (20 points)\n\n   Wait for it.\n\n3. Look at it (5 points, optional)\n\n   Optional: `kubectl get pods`.\n\nRun \'check\' to grade your work, \'hint\' when stuck.\n',
    );
    expect(run('solution')).toBe("The reference solution shows every command that completes this lab; it stays in your transcript that you looked.\nRun 'solution --yes' to see it.\n");
    expect(lab.check().assisted).toBe(false);
    expect(run('solution --yes')).toBe('Reference solution for Web lab:\n\nkubectl run web --image=nginx:1.27\n[after 10s] check\n');
    expect(lab.check().assisted).toBe(true);
  });

  it('records each input with the virtual time it ran at', () => {
    const { lab, run } = startLab({ setup: { settle: '2s' } });
    expect(lab.startMs).toBe(2000);
    run('kubectl run web --image=nginx:1.27');
    lab.advanceTo(7500);
    run('sleep 5');
    run('kubectl get pod web');
    expect(lab.transcript.map((e) => [e.atMs, e.input, e.exitCode])).toEqual([
      [2000, 'kubectl run web --image=nginx:1.27', 0],
      [7500, 'sleep 5', 0],
      [12500, 'kubectl get pod web', 0],
    ]);
    expect(lab.transcript[2]!.output).toBe('NAME   READY   STATUS    RESTARTS   AGE\nweb    1/1     Running   0          10s\n');
  });

  it('refuses oversized input without running or recording it', () => {
    const { lab } = startLab();
    const entry = lab.run(`echo ${'x'.repeat(LAB_LIMITS.maxInputBytes)}`);
    expect(entry.output).toBe(`clusterlab: input too long (over ${LAB_LIMITS.maxInputBytes} bytes); it was not run\n`);
    expect(entry.exitCode).toBe(1);
    expect(lab.transcript).toEqual([]);
  });

  it('builds nodes, manifests and files from the setup', () => {
    const { lab, run, view } = startLab({
      setup: {
        nodes: [
          { name: 'cp', controlPlane: true },
          { name: 'big', cpu: '16', memory: '64Gi', labels: { disktype: 'ssd' }, taints: [{ key: 'gpu', value: 'yes', effect: 'NoSchedule' }] },
        ],
        manifests: ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n'],
        files: { 'web.yaml': 'kind: Pod\n', '/etc/motd': 'hi\n' },
      },
    });
    const big = view().get<Node>('nodes', undefined, 'big')!;
    expect(big.status?.capacity).toMatchObject({ cpu: '16', memory: '67108864Ki' });
    expect(big.metadata?.labels).toMatchObject({ disktype: 'ssd', 'kubernetes.io/hostname': 'big' });
    expect(big.spec?.taints).toEqual([{ key: 'gpu', value: 'yes', effect: 'NoSchedule' }]);
    expect(run('kubectl get configmap settings -o jsonpath={.data.mode}')).toBe('fast');
    expect(run('kubectl get configmap settings -o yaml')).toContain('kubectl.kubernetes.io/last-applied-configuration');
    expect(run('cat web.yaml /etc/motd')).toBe('kind: Pod\nhi\n');
    expect(lab.cluster.config.nodes.map((n) => n.name)).toEqual(['cp', 'big']);
  });

  it('a manifest that does not apply stops the setup with the reason', () => {
    expect(() => LabSession.create(inlineLab({ setup: { manifests: ['kind: Nope\nmetadata:\n  name: x\n'] } }))).toThrow(/setup\.manifests\[0\] of lab test-lab failed to apply:\n.+/);
  });

  it('injects faults at their time: a stopped kubelet makes its node NotReady', () => {
    const { lab, view } = startLab({ setup: { faults: [{ at: '10s', action: 'stop-kubelet', node: 'node-1' }] } });
    lab.advanceTo(9_999);
    expect(view().trace({ component: 'lab' })).toEqual([]);
    lab.advanceTo(10_000);
    expect(view().trace({ component: 'lab' }).map((e) => e.detail)).toEqual(['stop-kubelet on node-1']);
    lab.advanceTo(120_000);
    const ready = view().get<Node>('nodes', undefined, 'node-1')!.status!.conditions!.find((c) => c.type === 'Ready');
    expect(ready?.status).toBe('Unknown');
  });

  it('kube-proxy settings reach every node\'s proxy', () => {
    // kube-proxy runs as a DaemonSet: its pods take a few seconds to start and program the rules.
    const { view } = startLab({ setup: { kubeProxy: { mode: 'ipvs', syncPeriod: '10s', minSyncPeriod: '2s' }, settle: '30s' } });
    expect(view().proxies().map((p) => [p.nodeName, p.mode])).toEqual([['control-plane', 'ipvs'], ['node-1', 'ipvs'], ['node-2', 'ipvs']]);
    expect(view().get('configmaps', 'kube-system', 'kube-proxy')).toMatchObject({ data: { 'config.conf': expect.stringContaining('  minSyncPeriod: 2s\n  syncPeriod: 10s\n') as string } });
  });

  it('component delays reach the engine', () => {
    const { lab } = startLab({ setup: { delays: { watch: '50ms', kubeletHeartbeat: '20s' } } });
    expect(lab.cluster.config.watchLatencyMs).toBe(50);
    const kubelet = lab.cluster.components.find((c) => c.id === 'kubelet/node-1') as unknown as { options: { heartbeatMs: number; syncPeriodMs: number } };
    expect(kubelet.options).toMatchObject({ heartbeatMs: 20_000, syncPeriodMs: 60_000 });
  });

  it('background traffic, container runtime and feature gates reach the engine', () => {
    const web = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: 10.96.0.100
  selector: {app: web}
  ports:
  - port: 80
`;
    const { lab, run, view } = startLab({
      setup: {
        manifests: [web],
        settle: '30s',
        traffic: [{ name: 'web', url: 'http://10.96.0.100/', rps: 5, from: 'node-1', start: '1s', stop: '11s' }],
        containerRuntime: { name: 'cri-o', version: '1.34.0', enableCriuSupport: true, criuVersion: '4.1' },
        featureGates: { ContainerCheckpoint: true },
      },
    });
    expect(lab.cluster.config.featureGates).toEqual({ ContainerCheckpoint: true });
    expect(run('kubectl get node node-2 -o jsonpath={.status.nodeInfo.containerRuntimeVersion}')).toBe('cri-o://1.34.0');
    expect(noFailedRequests()(view())).toEqual({ pass: false, message: 'only 0 requests were sent between 30.000s and now; at least 1 are needed to judge' });
    lab.advanceTo(60_000);
    const traffic = view().traffic();
    expect([traffic.length, traffic[0]!.t, traffic.at(-1)!.t, traffic[0]!.client, traffic[0]!.node]).toEqual([50, 31_000, 40_800, 'load/web', 'node-1']);
    expect(noFailedRequests()(view())).toEqual({ pass: true, message: 'all 50 requests between 30.000s and now succeeded' });
    expect(view().trace({ component: 'lab', action: 'load' }).map((e) => e.detail)).toEqual(['load web starts: 5 requests/s to http://10.96.0.100/ from node-1']);
    expect(serviceHasReadyEndpoints('default', 'web', 2)(view()).pass).toBe(true);
    expect(view().proxies().map((p) => p.nodeName)).toEqual(['control-plane', 'node-1', 'node-2']);
    expect(rulesOnEveryNodeExclude('10.96.0.100')(view())).toEqual({ pass: false, message: 'the rules on control-plane, node-1, node-2 still mention 10.96.0.100' });
  });

  it('save and resume continue exactly where the lab was, from the snapshot or by replay', () => {
    const def = inlineLab({ tasks, solution: [{ input: 'kubectl run web --image=nginx:1.27' }], setup: { faults: [{ at: '20s', action: 'stop-kubelet', node: 'node-2' }] } });
    const a = LabSession.create(def);
    a.run('kubectl run web --image=nginx:1.27');
    a.run('hint');
    a.run('echo saved > note.txt');
    a.advanceTo(5_000);
    const saved = a.save();
    expect(saved).toMatchObject({ format: 'clusterlab/lab-state@1', labId: 'test-lab', engineVersion: ENGINE_VERSION, seed: 5, nowMs: 5000 });
    expect(saved.progress?.score).toBe(30);
    const b = LabSession.resume(def, JSON.parse(JSON.stringify(saved)) as SavedLab, { from: 'snapshot' });
    const c = LabSession.resume(def, JSON.parse(JSON.stringify(saved)) as SavedLab);
    for (const lab of [b, c]) expect(lab.transcript).toEqual(a.transcript);
    for (const lab of [a, b, c]) lab.advanceTo(60_000);
    const next = 'cat note.txt; kubectl get pods -o wide; kubectl get nodes';
    const expected = [a.run('hint pod').output, a.run(next).output];
    for (const lab of [b, c]) {
      expect([lab.run('hint pod').output, lab.run(next).output]).toEqual(expected);
      expect(lab.cluster.stateHash()).toBe(a.cluster.stateHash());
      expect(lab.view().history('pods', 'default', 'web').length).toBe(a.view().history('pods', 'default', 'web').length);
    }
    expect(() => LabSession.resume(inlineLab({ id: 'other' }), saved)).toThrow('saved state is for lab test-lab, not other');
    expect(() => LabSession.resume(def, { ...saved, engineVersion: '0.0.1+labs.1' })).toThrow(`saved state is from engine 0.0.1+labs.1; this is ${ENGINE_VERSION}`);
  });

  it('resuming by replay brings back shell state too, so the result still verifies', () => {
    const def = inlineLab({ tasks });
    const a = LabSession.create(def);
    a.run('export POD=web; cd /tmp');
    a.run('kubectl run $POD --image=nginx:1.27');
    a.advanceTo(3_000);
    const b = LabSession.resume(def, a.exportResult());
    const next = 'echo $POD; pwd; history';
    expect(b.run(next).output).toBe(a.run(next).output);
    expect(b.run(next).output).toBe('web\n/tmp\n    1  export POD=web; cd /tmp\n    2  kubectl run $POD --image=nginx:1.27\n    3  echo $POD; pwd; history\n    4  echo $POD; pwd; history\n');
  });

  it('runSolution waits for at and after', () => {
    const lab = LabSession.create(inlineLab({ setup: { settle: '1s' }, solution: [{ input: 'true' }, { at: '5s', input: 'true' }, { after: '2s', input: 'sleep 1' }, { input: 'true' }] }));
    expect(runSolution(lab).map((e) => e.atMs)).toEqual([1000, 6000, 8000, 9000]);
  });
});
