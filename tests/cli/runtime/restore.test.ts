import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../../src/engine/cluster';
import { kubeletComponents } from '../../../src/engine/kubelet';
import { criComponents, storageOf } from '../../../src/engine/cri/storage';
import { checkpointCluster, counterPod, CRIO, kubeletOf, post, runPod } from '../../engine/checkpoint/helpers';
import { runtimeShell } from './helpers';

const IMAGE = 'registry.example:5000/checkpoint-image:latest';

/** Checkpoint the counter on node-1 after `seconds`, build an image from it there and push it. */
function checkpointAndPush(c: Cluster, seconds: number): string {
  runPod(c, counterPod(), seconds);
  const path = (JSON.parse(post(c, '/checkpoint/default/counter/counter')!.body) as { items: string[] }).items[0]!;
  const s = runtimeShell(c, 'node-1');
  for (const line of [
    'newcontainer=$(buildah from scratch)',
    `buildah add $newcontainer ${path} /`,
    'buildah config --annotation=io.kubernetes.cri-o.annotations.checkpoint.name=counter $newcontainer',
    'buildah commit $newcontainer checkpoint-image:latest',
    'buildah rm $newcontainer',
    `buildah push localhost/checkpoint-image:latest ${IMAGE}`,
  ]) {
    const r = s.run(line);
    expect(r.exitCode, `${line}: ${r.stderr}`).toBe(0);
  }
  return path;
}

function logsOf(c: Cluster, pod: string, node: string): string[] {
  const r = kubeletOf(c, node).logs('default', pod, 'counter', {});
  return r.ok ? r.text.trimEnd().split('\n') : [r.error];
}

function httpCount(c: Cluster, pod: string, node: string): string | undefined {
  const ip = c.api.tryGet<Pod>('pods', 'default', pod)?.status?.podIP ?? '';
  return kubeletOf(c, node).podByIP(ip)?.http({ method: 'GET', path: '/', port: 8088, remoteAddr: '10.244.1.1', userAgent: 'curl/8.14.1' })?.res.body;
}

describe('restore from a checkpoint image', () => {
  it('resumes the counter on another CRI-O node from the value it had when checkpointed', () => {
    const c = checkpointCluster(CRIO);
    // Started at 0.85 s, it had counted to 9 when checkpointed at 10 s.
    checkpointAndPush(c, 10);
    runPod(c, counterPod('restored', 'node-2', IMAGE), 5);
    // CRI-O copies the checkpointed log into the new container's log, then the count goes on.
    const logs = logsOf(c, 'restored', 'node-2');
    expect(logs.slice(0, 13)).toEqual(['counter: listening on :8088', ...Array.from({ length: 12 }, (_, i) => `counter: ${i + 1}`)]);
    const stamped = kubeletOf(c, 'node-2').logs('default', 'restored', 'counter', { timestamps: true });
    expect(stamped.ok && stamped.text.split('\n')[9]).toBe('2026-01-01T00:00:09.850000000Z counter: 9');
    expect(httpCount(c, 'restored', 'node-2')).toMatch(/^counter: 1[0-4]\n$/);
    // The original keeps counting on its own.
    expect(Number(httpCount(c, 'counter', 'node-1')?.match(/\d+/)?.[0])).toBeGreaterThan(12);
    const status = c.api.tryGet<Pod>('pods', 'default', 'restored')?.status;
    expect(status?.phase).toBe('Running');
    expect(status?.containerStatuses?.[0]?.image).toBe(IMAGE);
  });

  it('fails to create the container on runtimes that cannot restore, with the runtime\'s error', () => {
    const cases = [
      [{ name: 'containerd', version: '1.7.27', criuVersion: '4.1' }, /^Error: failed to generate container "[0-9a-f]{64}" spec: failed to generate spec: no command specified$/],
      [{ name: 'cri-o', version: '1.31.0', enableCriuSupport: false, criuVersion: '4.1' }, /^Error: no command specified$/],
      [{ name: 'cri-o', version: '1.31.0' }, /^Error: no command specified$/],
    ] as const;
    for (const [other, message] of cases) {
      const c = checkpointCluster(CRIO, { other });
      checkpointAndPush(c, 5);
      runPod(c, counterPod('restored', 'node-2', IMAGE), 5);
      const pod = c.api.tryGet<Pod>('pods', 'default', 'restored');
      expect(pod?.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('CreateContainerError');
      const failed = c.api.list<import('kubernetes-types/core/v1').Event>('events', 'default').items.filter((e) => e.involvedObject.name === 'restored' && e.reason === 'Failed');
      expect(failed[0]?.message).toMatch(message);
    }
  });

  it('keeps archives, built and pushed images across a cluster snapshot, and the restored counter continues', () => {
    const c = checkpointCluster(CRIO);
    const path = checkpointAndPush(c, 8);
    runPod(c, counterPod('restored', 'node-2', IMAGE), 3);
    const copy = Cluster.restore(c.snapshot(), [kubeletComponents, criComponents]);
    expect(Object.keys(storageOf(copy)!.files('node-1'))).toEqual([path]);
    expect(Object.keys(storageOf(copy)!.state.registry)).toEqual([IMAGE]);
    expect(storageOf(copy)!.localImages('node-1')['localhost/checkpoint-image:latest']?.layer).toBe(storageOf(c)!.files('node-1')[path]);
    c.advance(5000);
    copy.advance(5000);
    expect(logsOf(copy, 'restored', 'node-2')).toEqual(logsOf(c, 'restored', 'node-2'));
    expect(copy.stateHash()).toBe(c.stateHash());
  });
});

describe('images built on a node', () => {
  it('run on that node without a pull (IfNotPresent); pulling a localhost/ name fails, there is no such registry', () => {
    const c = checkpointCluster(CRIO);
    checkpointAndPush(c, 4);
    const local = counterPod('local', 'node-1', 'localhost/checkpoint-image:latest');
    local.spec!.containers[0]!.imagePullPolicy = 'IfNotPresent';
    runPod(c, local, 3);
    expect(logsOf(c, 'local', 'node-1').slice(3, 6)).toEqual(['counter: 3', 'counter: 4', 'counter: 5']);
    runPod(c, counterPod('elsewhere', 'node-2', 'localhost/checkpoint-image:latest'), 3);
    const failed = c.api.list<import('kubernetes-types/core/v1').Event>('events', 'default').items.filter((e) => e.involvedObject.name === 'elsewhere' && e.message?.startsWith('Failed to pull'));
    expect(failed[0]?.message).toBe('Failed to pull image "localhost/checkpoint-image:latest": rpc error: code = Unknown desc = pinging container registry localhost: Get "https://localhost/v2/": dial tcp [::1]:443: connect: connection refused');
  });
});
