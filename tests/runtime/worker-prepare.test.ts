import { describe, expect, it } from 'vitest';
import type { FromWorker, StartReply } from '../../src/runtime/worker/protocol';
import { labInfo, openLab } from '../../src/runtime/worker/lab-host';
import { WorkerServer } from '../../src/runtime/worker/server';

describe('a worker prepared at the Start click', () => {
  it('builds the lab once, before the start request, and starts with it', async () => {
    const posted: FromWorker[] = [];
    const opened: string[] = [];
    const server = new WorkerServer(
      (m) => posted.push(m),
      async (labId, request) => {
        opened.push(labId);
        const lab = await openLab(labId, request.saved);
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
    expect(posted.filter((m) => m.kind === 'output').map((m) => (m as { data: string }).data).join('')).toContain('No resources found in default namespace.');
  });
});
