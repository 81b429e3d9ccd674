import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/cli/session';
import { describePicture } from '../../../src/components/views/picture-model';
import { timelineModel } from '../../../src/components/views/timeline-model';
import { traceOf } from '../../../src/components/views/trace-at-build';
import { clusterPicture } from '../../../src/runtime/webcontainer/daemon/picture';
import type { ClusterPicture } from '../../../src/runtime/types';

describe('<Timeline /> at build time', () => {
  const options = { script: 'kubectl run web --image=nginx', object: 'pod/web' };

  it('runs the script on a fresh cluster and puts each event in its component lane', () => {
    const { lanes, rows } = timelineModel(traceOf(options));
    expect(lanes.map((l) => l.label)).toEqual(['API server', 'scheduler', 'kubelet (node-1)']);
    expect(rows.slice(0, 4).map((r) => [r.time, r.lane, r.action])).toEqual([
      ['0.000 s', 'kube-apiserver', 'create'],
      ['0.002 s', 'scheduler', 'filter'],
      ['0.002 s', 'scheduler', 'score'],
      ['0.004 s', 'kube-apiserver', 'bind'],
    ]);
    expect(rows[0]?.detail).toBe('kubectl created Pod web; stored at /registry/pods/default/web');
    expect(rows.map((r) => r.action)).toContain('start');
  });

  it('gives the same diagram on every build', () => {
    expect(traceOf(options)).toEqual(traceOf(options));
  });

  it('orders lanes the way a request travels, one per node for node agents', () => {
    const model = timelineModel([
      { t: 5, component: 'kube-proxy/node-2', action: 'sync', detail: 'b' },
      { t: 1, component: 'kube-proxy/node-1', action: 'sync', detail: 'a' },
      { t: 0, component: 'endpointslice-controller', action: 'update', detail: 'c' },
      { t: 0, component: 'kube-apiserver', action: 'create', detail: 'd' },
      { t: 9, component: 'coredns', action: 'answer', detail: 'e' },
    ]);
    expect(model.lanes.map((l) => l.label)).toEqual(['API server', 'EndpointSlice controller', 'kube-proxy (node-1)', 'kube-proxy (node-2)', 'CoreDNS']);
  });

  it('fails the build with the output when a script line fails', () => {
    expect(() => traceOf({ script: 'kubectl get pod nope' })).toThrow('<Timeline> script failed at "kubectl get pod nope":\nError from server (NotFound): pods "nope" not found\n');
  });
});

describe('<ClusterView /> words', () => {
  it('reads nodes, pods and Services from a real cluster', () => {
    const session = new Session({ seed: 1 });
    session.run('kubectl run web --image=nginx --port 80');
    session.run('kubectl expose pod web --port 80');
    session.cluster.advance(30_000);
    const view = describePicture(clusterPicture(session.cluster));
    expect(view.time).toBe('30.000 s');
    expect(view.nodes.map((n) => n.summary.replace(/, \d+ pods?$/, ''))).toEqual(['control-plane: Ready', 'node-1: Ready', 'node-2: Ready']);
    const mine = view.nodes.flatMap((n) => n.pods.filter((p) => p.startsWith('default/')).map((p) => `${n.name} ${p}`));
    expect(mine).toHaveLength(1);
    const [, ip] = /^node-\d default\/web: Running, ready \((10\.244\.\d+\.\d+)\)$/.exec(mine[0] ?? '') ?? [];
    expect(ip).toBeDefined();
    const web = view.services.find((s) => s.name === 'default/web');
    expect(web?.summary).toMatch(/^default\/web: ClusterIP 10(\.\d+){3} ports 80\/TCP$/);
    expect(web?.endpoints).toEqual([`${ip}: ready`]);
  });

  it("names each node's stale and missing proxy targets in words", () => {
    const picture: ClusterPicture = {
      nowMs: 12_500,
      nodes: [],
      services: [
        {
          namespace: 'default',
          name: 'web',
          type: 'ClusterIP',
          clusterIP: '10.96.0.20',
          ports: ['80/TCP'],
          endpoints: [
            { ip: '10.244.1.2', ready: false, serving: true, terminating: true },
            { ip: '10.244.2.3', ready: true, serving: true, terminating: false },
          ],
        },
      ],
      proxies: [
        { node: 'node-1', mode: 'iptables', lastSyncMs: 10_000, services: [{ service: 'default/web', endpoints: ['10.244.1.2:80'] }] },
        { node: 'node-2', mode: 'ipvs', services: [] },
      ],
    };
    const [web] = describePicture(picture).services;
    expect(web?.endpoints).toEqual(['10.244.1.2: terminating, still serving', '10.244.2.3: ready']);
    expect(web?.proxies).toEqual([
      { node: 'node-1', summary: 'kube-proxy on node-1 (iptables, last synced at 10.000 s)', targets: [{ endpoint: '10.244.1.2:80', stale: true }], missing: ['10.244.2.3'] },
      { node: 'node-2', summary: 'kube-proxy on node-2 (ipvs, not synced yet)', targets: [], missing: ['10.244.2.3'] },
    ]);
  });
});
