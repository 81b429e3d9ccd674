import { describe, expect, it } from 'vitest';
import { storageOf } from '../../../src/engine/cri/storage';
import { kubeletHttpReply } from '../../../src/engine/kubelet/server';
import { ADMIN, checkpointCluster, counterPod, CRIO, kubeletOf, post, runPod } from './helpers';

const PATH = '/checkpoint/default/counter/counter';

describe('kubelet checkpoint API', () => {
  it('checkpoints a running container on CRI-O with CRIU, names the archive by the virtual clock, keeps it running', () => {
    const c = checkpointCluster(CRIO);
    runPod(c, counterPod(), 10);
    const res = post(c, PATH);
    expect(res?.status).toBe(200);
    expect(res?.headers['Content-Type']).toBe('application/json');
    expect(res?.body).toBe('{"items":["/var/lib/kubelet/checkpoints/checkpoint-counter_default-counter-2026-01-01T00:00:10Z.tar"]}');
    expect(Object.keys(storageOf(c)!.files('node-1'))).toEqual(['/var/lib/kubelet/checkpoints/checkpoint-counter_default-counter-2026-01-01T00:00:10Z.tar']);
    const before = kubeletOf(c).logs('default', 'counter', 'counter', {});
    c.advance(3000);
    const after = kubeletOf(c).logs('default', 'counter', 'counter', {});
    expect(before.ok && after.ok && after.text.length > before.text.length).toBe(true);
    expect(c.api.tryGet<import('kubernetes-types/core/v1').Pod>('pods', 'default', 'counter')?.status?.containerStatuses?.[0]?.restartCount).toBe(0);
  });

  it('answers 404 page not found while the ContainerCheckpoint gate is off (alpha, 1.25-1.29), even without a certificate', () => {
    for (const [version, gates] of [['1.29.4', undefined], ['1.34.2', { ContainerCheckpoint: false }], ['1.24.17', { ContainerCheckpoint: true }]] as const) {
      const c = checkpointCluster(CRIO, { version, ...(gates ? { gates } : {}) });
      runPod(c, counterPod(), 5);
      expect(post(c, PATH)).toMatchObject({ status: 404, body: '404 page not found\n' });
      expect(post(c, PATH, null)).toMatchObject({ status: 404, body: '404 page not found\n' });
    }
    const alpha = checkpointCluster(CRIO, { version: '1.27.3', gates: { ContainerCheckpoint: true } });
    runPod(alpha, counterPod(), 5);
    expect(post(alpha, PATH)?.status).toBe(200);
    const beta = checkpointCluster(CRIO, { version: '1.30.0' });
    runPod(beta, counterPod(), 5);
    expect(post(beta, PATH)?.status).toBe(200);
  });

  it('rejects requests without a client certificate (401) and identities RBAC denies (403)', () => {
    const c = checkpointCluster(CRIO);
    runPod(c, counterPod(), 5);
    expect(post(c, PATH, null)).toMatchObject({ status: 401, body: 'Unauthorized' });
    expect(post(c, PATH, { user: 'system:node:node-1', groups: ['system:nodes'] })).toMatchObject({
      status: 403,
      body: 'Forbidden (user=system:node:node-1, verb=create, resource=nodes, subresource(s)=[checkpoint])\n',
    });
    expect(kubeletOf(c).serveHttps({ method: 'GET', path: '/healthz' })).toMatchObject({ status: 401, body: 'Unauthorized' });
    expect(kubeletOf(c).serveHttps({ method: 'GET', path: '/healthz', clientCert: ADMIN })).toMatchObject({ status: 200, body: 'ok' });
  });

  it('reports missing pods and containers, bad timeouts and wrong methods as the kubelet does', () => {
    const c = checkpointCluster(CRIO);
    runPod(c, counterPod(), 5);
    expect(post(c, '/checkpoint/default/nope/counter')).toMatchObject({ status: 404, body: 'pod does not exist' });
    expect(post(c, '/checkpoint/kube-system/counter/counter')).toMatchObject({ status: 404, body: 'pod does not exist' });
    expect(post(c, '/checkpoint/default/counter/web')).toMatchObject({ status: 404, body: 'container web does not exist' });
    expect(post(c, `${PATH}?timeout=soon`)).toMatchObject({ status: 404, body: 'cannot parse value of timeout parameter' });
    expect(post(c, `${PATH}?timeout=soon&timeout=30`)?.status).toBe(200);
    expect(kubeletOf(c).serveHttps({ method: 'GET', path: PATH, clientCert: ADMIN })).toMatchObject({ status: 405, body: '405: Method Not Allowed' });
  });

  it('fails with each runtime\'s own error when it cannot checkpoint', () => {
    const cases: [Parameters<typeof checkpointCluster>[0], string][] = [
      [undefined, 'rpc error: code = Unknown desc = CRIU binary not found or too old (<31600). Failed to checkpoint container "ID": failed to check for criu version: exec: "criu": executable file not found in $PATH'],
      [{ name: 'containerd', version: '1.7.27', criuVersion: '4.1' }, 'rpc error: code = Unimplemented desc = method CheckpointContainer not implemented'],
      [{ name: 'containerd', version: '1.6.33' }, 'rpc error: code = Unimplemented desc = unknown method CheckpointContainer for service runtime.v1.RuntimeService'],
      [{ name: 'containerd', version: '2.0.1', criuVersion: '3.15' }, 'rpc error: code = Unknown desc = CRIU binary not found or too old (<31600). Failed to checkpoint container "ID": checkpoint/restore requires at least CRIU 31600, current version is 31500'],
      // enable_criu_support = false
      [{ name: 'cri-o', version: '1.31.0', enableCriuSupport: false, criuVersion: '4.1' }, 'rpc error: code = Unknown desc = checkpoint/restore support not available'],
      // default off before 1.30
      [{ name: 'cri-o', version: '1.29.4', criuVersion: '4.1' }, 'rpc error: code = Unknown desc = checkpoint/restore support not available'],
      // from 1.30 on by default, but switched off at start-up without a criu binary
      [{ name: 'cri-o', version: '1.31.0' }, 'rpc error: code = Unknown desc = checkpoint/restore support not available'],
    ];
    for (const [runtime, error] of cases) {
      const c = checkpointCluster(runtime);
      runPod(c, counterPod(), 5);
      const id = kubeletOf(c).state.workers[Object.keys(kubeletOf(c).state.workers)[0]!]!.containers[0]!.current!.id;
      expect(post(c, PATH)).toMatchObject({ status: 500, body: `checkpointing of default/counter/counter failed (${error.replace('ID', id)})` });
      expect(storageOf(c)!.files('node-1')).toEqual({});
    }
  });

  it('CRI-O from 1.30 checkpoints by default once CRIU is installed', () => {
    const c = checkpointCluster({ name: 'cri-o', version: '1.30.2', criuVersion: '3.19' });
    runPod(c, counterPod(), 5);
    expect(post(c, PATH)?.status).toBe(200);
  });

  it('succeeds on containerd 2.x once CRIU is installed, and shows the runtime in nodeInfo', () => {
    const c = checkpointCluster({ name: 'containerd', version: '2.1.4', criuVersion: '4.1' }, { other: CRIO });
    runPod(c, counterPod(), 5);
    expect(post(c, PATH)?.status).toBe(200);
    const info = (n: string) => c.api.tryGet<import('kubernetes-types/core/v1').Node>('nodes', undefined, n)?.status?.nodeInfo?.containerRuntimeVersion;
    expect([info('node-1'), info('node-2')]).toEqual(['containerd://2.1.4', 'cri-o://1.31.0']);
  });

  it('serves /pods and /containerLogs behind the same filter, 404 page not found elsewhere', () => {
    const c = checkpointCluster(CRIO);
    runPod(c, counterPod(), 3);
    const get = (path: string) => kubeletOf(c).serveHttps({ method: 'GET', path, clientCert: ADMIN });
    const pods = JSON.parse(get('/pods')!.body) as { kind: string; items: { metadata: { name: string } }[] };
    expect([pods.kind, pods.items.map((p) => p.metadata.name)]).toEqual(['PodList', ['counter']]);
    expect(get('/containerLogs/default/counter/counter')).toMatchObject({ status: 200, body: 'counter: listening on :8088\ncounter: 1\ncounter: 2\n' });
    expect(get('/containerLogs/default/counter/web')).toMatchObject({ status: 404, body: 'container "web" not found in pod "counter"' });
    expect(get('/containerLogs/default/gone/counter')).toMatchObject({ status: 404, body: 'pod "gone" does not exist' });
    expect(get('/nothing-here')).toMatchObject({ status: 404, body: '404 page not found\n' });
  });

  it('refuses connections while the kubelet is stopped', () => {
    const c = checkpointCluster(CRIO);
    runPod(c, counterPod(), 5);
    kubeletOf(c).stop();
    expect(post(c, PATH)).toBeUndefined();
  });
});

describe('kubeletHttpReply', () => {
  it('adds Date and Content-Length as Go does, and answers plain HTTP with a 400', () => {
    const c = checkpointCluster(CRIO);
    runPod(c, counterPod(), 3);
    const wall = c.config.epochMs + c.now();
    expect(kubeletHttpReply(post(c, '/checkpoint/default/counter/counter'), true, wall)).toMatchObject({
      status: 200,
      headers: [['Content-Type', 'application/json'], ['Date', 'Thu, 01 Jan 2026 00:00:03 GMT'], ['Content-Length', '102']],
      serverMs: 450,
    });
    expect(kubeletHttpReply(post(c, '/checkpoint/default/counter/counter'), false, wall)).toMatchObject({ status: 400, body: 'Client sent an HTTP request to an HTTPS server.\n' });
  });
});
