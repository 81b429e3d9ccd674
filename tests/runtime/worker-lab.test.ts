import { describe, expect, it } from 'vitest';
import type { LabProgress, SavedLab } from '../../src/labs/types';
import { labInfo, openLab } from '../../src/runtime/worker/lab-host';
import { loadLab } from '../../src/labs/registry-browser';
import type { FromWorker, LabInfo, StartReply } from '../../src/runtime/worker/protocol';
import { WorkerServer } from '../../src/runtime/worker/server';
import { terminalText } from '../../src/runtime/worker/terminal-host';
import { LabSession } from '../../src/labs/session';
import { loadLab as loadNodeLab } from '../../src/labs/registry';

/** The worker server with the real lab registry, as entry.ts wires it. */
function labServer(posted: FromWorker[], yieldToMessages?: () => Promise<void>): WorkerServer {
  return new WorkerServer(
    (m) => posted.push(m),
    async (labId, request) => {
      const lab = await openLab(labId, request.saved, loadLab);
      return { lab, info: labInfo(lab.def) };
    },
    () => 0,
    yieldToMessages,
  );
}

const screenOf = (posted: FromWorker[]) =>
  posted
    .filter((m) => m.kind === 'output')
    .map((m) => (m as { data: string }).data)
    .join('');

async function call<T>(server: WorkerServer, posted: FromWorker[], id: number, op: 'start' | 'save' | 'check', args?: unknown): Promise<T> {
  await server.receive({ kind: 'call', id, op, args } as never);
  const reply = posted.find((m) => (m.kind === 'reply' || m.kind === 'error') && m.id === id);
  if (reply?.kind === 'error') throw new Error(reply.message);
  return (reply as { result: T }).result;
}

const lastProgress = (posted: FromWorker[]): LabProgress | undefined => posted.filter((m) => m.kind === 'command').at(-1)?.progress;

describe('the worker hosting a lab from labs/', () => {
  it('sends the tasks, grades after every command, saves and resumes', async () => {
    const posted: FromWorker[] = [];
    const server = labServer(posted);
    const reply = await call<StartReply>(server, posted, 1, 'start', { labId: 'pod-journey', cols: 100, rows: 30, resumed: false });
    const info: LabInfo = reply.info!;
    expect(info.title).toBe('Follow a Pod from apply to Running');
    expect(info.tasks.map((t) => t.id)).toEqual(['create', 'etcd', 'scheduler', 'kubelet', 'running']);
    expect(info.solution[1]).toBe('kubectl apply -f web.yaml');
    expect((await call<LabProgress>(server, posted, 9, 'check')).tasks.every((t) => !t.pass)).toBe(true);

    await server.receive({ kind: 'input', data: 'kubectl apply -f web.yaml\r' });
    expect(lastProgress(posted)?.tasks.find((t) => t.id === 'create')?.pass).toBe(true);
    const saved = await call<SavedLab>(server, posted, 2, 'save');
    expect(saved.transcript.map((e) => e.input)).toEqual(['kubectl apply -f web.yaml']);

    const again: FromWorker[] = [];
    const resumed = labServer(again);
    const second = await call<StartReply>(resumed, again, 1, 'start', { labId: 'pod-journey', saved, cols: 100, rows: 30, resumed: true });
    expect(second.progress?.tasks.find((t) => t.id === 'create')?.pass).toBe(true);
    await resumed.receive({ kind: 'input', data: 'kubectl get pod web -o name\r' });
    const screen = again.filter((m) => m.kind === 'output').map((m) => (m as { data: string }).data).join('');
    expect(screen).toContain('pod/web\r\n');
  });

  it("shows the prompt before the lab's setup period has run, and runs what was typed meanwhile after it", async () => {
    // The worker's turns between two slices of the setup period, released by the test.
    const turns: (() => void)[] = [];
    const posted: FromWorker[] = [];
    const server = labServer(posted, () => new Promise<void>((resolve) => turns.push(resolve)));
    const reply = await call<StartReply>(server, posted, 1, 'start', { labId: 'wire-a-service', cols: 100, rows: 30, resumed: false });
    expect(turns).toHaveLength(1);
    expect(reply.info?.id).toBe('wire-a-service');
    expect(reply.progress).toBeUndefined();
    expect(screenOf(posted)).toMatch(/root@workstation:~# $/);

    await server.receive({ kind: 'input', data: 'kubectl get pods\rkubectl get svc' });
    const checked = call<LabProgress>(server, posted, 2, 'check');
    await new Promise((resolve) => setImmediate(resolve));
    // Keys echo at once; the line entered waits for the setup, and what was typed after it too,
    // as a tty holds keys for a busy shell.
    expect(screenOf(posted)).toMatch(/root@workstation:~# kubectl get pods\r\n$/);
    expect(posted.some((m) => m.kind === 'reply' && m.id === 2)).toBe(false);

    let slices = 0;
    for (; turns.length > 0; slices++) {
      turns.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(slices).toBeGreaterThan(2);
    const expected = LabSession.create(await loadNodeLab('wire-a-service'));
    expect(screenOf(posted)).toContain(`kubectl get pods\r\n${terminalText(expected.run('kubectl get pods').output)}root@workstation:~# kubectl get svc`);
    expect((await checked).tasks.map((t) => t.pass)).toEqual(expected.check().tasks.map((t) => t.pass));
  });

  it('types a "Run in terminal" block sent during the setup period once it has run, line by line', async () => {
    const turns: (() => void)[] = [];
    const posted: FromWorker[] = [];
    const server = labServer(posted, () => new Promise<void>((resolve) => turns.push(resolve)));
    await call<StartReply>(server, posted, 1, 'start', { labId: 'wire-a-service', cols: 100, rows: 30, resumed: false });
    await server.receive({ kind: 'type', command: 'kubectl get pod inventory -o name\nkubectl get svc -o name' });
    while (turns.length > 0) {
      turns.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await call(server, posted, 2, 'check');
    const prompt = 'root@workstation:~# ';
    expect(screenOf(posted)).toContain(`${prompt}\x1b[Jkubectl get pod inventory -o name\r\npod/inventory\r\n${prompt}kubectl get svc -o name\r\nservice/kubernetes\r\n${prompt}`);
  });

  it('drops a line waiting for the setup period on Ctrl-C, with the keys behind it, as a tty flushes them', async () => {
    const turns: (() => void)[] = [];
    const posted: FromWorker[] = [];
    const server = labServer(posted, () => new Promise<void>((resolve) => turns.push(resolve)));
    await call<StartReply>(server, posted, 1, 'start', { labId: 'wire-a-service', cols: 100, rows: 30, resumed: false });
    const prompt = 'root@workstation:~# ';
    await server.receive({ kind: 'input', data: 'kubectl delete pod inventory\rkubectl get' });
    await server.receive({ kind: 'input', data: '\x03kubectl get pod inventory -o name' });
    expect(screenOf(posted)).toMatch(/kubectl delete pod inventory\r\n\^C\r\nroot@workstation:~# kubectl get pod inventory -o name$/);
    // A Run block replaces the half-typed line, and a held one goes as with Ctrl-C.
    await server.receive({ kind: 'input', data: '\r' });
    await server.receive({ kind: 'type', command: 'kubectl get svc -o name' });
    while (turns.length > 0) {
      turns.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const saved = await call<SavedLab>(server, posted, 2, 'save');
    expect(saved.transcript.map((e) => e.input)).toEqual(['kubectl get svc -o name']);
    expect(screenOf(posted)).toContain(`kubectl get pod inventory -o name\r\n^C\r\n${prompt}\x1b[Jkubectl get svc -o name\r\nservice/kubernetes\r\n${prompt}`);
  });

  it('refuses a lab that does not exist, naming the labs there are', async () => {
    const posted: FromWorker[] = [];
    await expect(call(labServer(posted), posted, 1, 'start', { labId: 'no-such-lab', cols: 80, rows: 24, resumed: false })).rejects.toThrow(/no-such-lab/);
  });
});
