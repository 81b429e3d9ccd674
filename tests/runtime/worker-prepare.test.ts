import { describe, expect, it } from 'vitest';
import type { FromWorker, StartReply } from '../../src/runtime/worker/protocol';
import { labInfo, openLab } from '../../src/runtime/worker/lab-host';
import { loadLab } from '../../src/labs/registry-browser';
import { nameCarrying, prepareFromName } from '../../src/runtime/worker/name';
import { WorkerServer } from '../../src/runtime/worker/server';

describe('a worker prepared at the Start click', () => {
  it('builds the lab once, before the start request, and starts with it', async () => {
    const posted: FromWorker[] = [];
    const opened: string[] = [];
    const server = new WorkerServer(
      (m) => posted.push(m),
      async (labId, request) => {
        opened.push(labId);
        const lab = await openLab(labId, request.saved, loadLab);
        return { lab, info: labInfo(lab.def) };
      },
      () => 0,
    );
    void server.receive({ kind: 'prepare', request: { labId: 'pod-journey' } });
    expect(opened).toEqual(['pod-journey']);
    await server.receive({ kind: 'call', id: 1, op: 'start', args: { labId: 'pod-journey', cols: 100, rows: 30, resumed: false } });
    const reply = posted.find((m) => m.kind === 'reply') as { result: StartReply } | undefined;
    expect(reply?.result.info?.id).toBe('pod-journey');
    expect(opened).toEqual(['pod-journey']);
    await server.receive({ kind: 'input', data: 'kubectl get pods\r' });
    // The line runs once the lab's setup has run, which a request waits for.
    await server.receive({ kind: 'call', id: 2, op: 'check', args: undefined });
    expect(posted.filter((m) => m.kind === 'output').map((m) => (m as { data: string }).data).join('')).toContain('No resources found in default namespace.');
  });
});

describe("the prepare request in a prewarmed worker's name", () => {
  it('names a fresh lab or sandbox, so the worker builds it without waiting for a message', () => {
    expect(prepareFromName(nameCarrying({ labId: 'pod-journey' }))).toEqual({ labId: 'pod-journey' });
    expect(prepareFromName(nameCarrying({}))).toEqual({});
    expect(nameCarrying({ labId: 'pod-journey' })).toMatch(/^clusterlab-lab /);
  });

  it('is absent from a plain name and ignored when garbled', () => {
    expect(prepareFromName('clusterlab-lab')).toBeUndefined();
    expect(prepareFromName('clusterlab-lab prepare={oops')).toBeUndefined();
    expect(prepareFromName('clusterlab-lab prepare=42')).toBeUndefined();
    expect(prepareFromName('clusterlab-lab prepare={"labId":7}')).toEqual({});
  });
});
