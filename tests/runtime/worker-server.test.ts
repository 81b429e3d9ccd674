import { Terminal } from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/cli/session';
import type { SavedLab } from '../../src/labs/types';
import { WallClockDriver } from '../../src/cli/wall-clock';
import type { FromWorker, LabInfo, ToWorker } from '../../src/runtime/worker/protocol';
import { WorkerServer } from '../../src/runtime/worker/server';
import { terminalText } from '../../src/runtime/worker/terminal-host';

const PROMPT = 'root@workstation:~# ';

/** The lines a terminal shows after these bytes (trailing blanks trimmed). */
async function render(data: string, cols = 100): Promise<string[]> {
  const term = new Terminal({ cols, rows: 30, allowProposedApi: true });
  await new Promise<void>((resolve) => term.write(data, resolve));
  const buf = term.buffer.active;
  const lines: string[] = [];
  for (let y = 0; y < buf.length; y++) lines.push(buf.getLine(y)!.translateToString(true).trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** A worker server in-process, with a hand-moved wall clock and every message it posted. */
class Harness {
  wallMs = 1000;
  readonly posted: FromWorker[] = [];
  readonly server = new WorkerServer(
    (m) => this.posted.push(m),
    () => Promise.reject(new Error('no labs in this test')),
    () => this.wallMs,
  );
  #id = 1;

  async call<T>(op: Extract<ToWorker, { kind: 'call' }>['op'], args?: unknown): Promise<T> {
    const id = this.#id++;
    await this.server.receive({ kind: 'call', id, op, args } as ToWorker);
    const reply = this.posted.find((m) => (m.kind === 'reply' || m.kind === 'error') && m.id === id);
    if (reply?.kind === 'error') throw new Error(reply.message);
    return (reply as { result: T }).result;
  }

  start(saved?: SavedLab, resumed = false): Promise<unknown> {
    return this.call('start', { cols: 100, rows: 30, resumed, ...(saved ? { saved } : {}) });
  }

  async type(data: string): Promise<void> {
    await this.server.receive({ kind: 'input', data });
  }

  /** Everything written to the terminal since the last call. */
  screen(): string {
    const out = this.posted.filter((m) => m.kind === 'output').map((m) => (m as { data: string }).data).join('');
    this.posted.splice(0, this.posted.length, ...this.posted.filter((m) => m.kind !== 'output'));
    return out;
  }

  commands(): number {
    return this.posted.filter((m) => m.kind === 'command').length;
  }
}

describe('WallClockDriver', () => {
  it('turns wall time into whole virtual ms at the speed, carrying fractions', () => {
    const clock = new WallClockDriver(0);
    const control = { speed: 0.5, paused: false };
    expect([clock.tick(3, control), clock.tick(6, control), clock.tick(7, control)]).toEqual([1, 2, 0]);
    control.speed = 20;
    expect(clock.tick(57, control)).toBe(1000);
    control.paused = true;
    expect(clock.tick(5000, control)).toBe(0);
    control.paused = false;
    expect(clock.tick(5010, control)).toBe(200);
  });
});

describe('WorkerServer with a sandbox cluster', () => {
  it('greets, prompts, and runs kubectl with the same bytes as a Session', async () => {
    const h = new Harness();
    const reply = await h.start();
    expect(reply).toMatchObject({ time: { speed: 1, paused: false } });
    const greeting = h.screen();
    expect(greeting).toContain("clusterlab: a 3-node Kubernetes");
    expect(greeting.endsWith(PROMPT)).toBe(true);
    await h.type('kubectl get nodes\r');
    const expected = new Session({ seed: 1 }).run('kubectl get nodes').output;
    expect(expected).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\n/);
    expect(h.screen()).toBe(`kubectl get nodes\r\n${terminalText(expected)}${PROMPT}`);
    expect(h.commands()).toBe(1);
  });

  it('keeps keystrokes sent before the lab was built', async () => {
    const h = new Harness();
    await h.type('echo early\r');
    await h.start();
    expect(h.screen()).toContain(`${PROMPT}echo early\r\nearly\r\n${PROMPT}`);
  });

  it('moves virtual time with the wall clock at the chosen speed, pauses and steps', async () => {
    const h = new Harness();
    await h.start();
    h.wallMs += 2000;
    h.server.tick();
    expect(await h.call('time', {})).toMatchObject({ nowMs: 2000, speed: 1, paused: false });
    expect(await h.call('time', { speed: 20 })).toMatchObject({ speed: 20 });
    h.wallMs += 100;
    h.server.tick();
    expect(await h.call('time', { paused: true })).toMatchObject({ nowMs: 4000, paused: true });
    h.wallMs += 60_000;
    h.server.tick();
    h.screen();
    await h.type('kubectl get no');
    h.screen();
    const stepped = await h.call<{ nowMs: number }>('time', { step: true });
    expect(stepped.nowMs).toBeGreaterThan(4000);
    // What the step did prints above the prompt; the half-typed line stays.
    const lines = await render(`${PROMPT}kubectl get no${h.screen()}`);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[0]).toMatch(/^\s+\d+\.\d{3}s\s/);
    expect(lines[lines.length - 1]).toBe(`${PROMPT}kubectl get no`);
  });

  it('runs a typed command, and Ctrl-C drops a half-typed line', async () => {
    const h = new Harness();
    await h.start();
    h.screen();
    await h.type('kubectl get po');
    await h.server.receive({ kind: 'type', command: 'echo hi' });
    await h.type('kubectl\x03');
    expect(await render(PROMPT + h.screen())).toEqual([`${PROMPT}echo hi`, 'hi', `${PROMPT}kubectl^C`, PROMPT.trimEnd()]);
    expect(h.commands()).toBe(1);
  });

  it('saves and resumes exactly: cluster, files, history, and no greeting on a restored screen', async () => {
    const h = new Harness();
    await h.start();
    await h.type('kubectl create deployment web --image=nginx --replicas=2\r');
    await h.type('echo kind: demo > note.yaml\r');
    h.wallMs += 30_000;
    h.server.tick();
    const saved = await h.call<SavedLab>('save');
    expect(saved).toMatchObject({ labId: 'sandbox', nowMs: 30_000, transcript: [{ atMs: 0 }, { atMs: 0, input: 'echo kind: demo > note.yaml' }] });
    h.screen();
    await h.type('kubectl get deploy,pods\r');
    const original = h.screen();

    const resumed = new Harness();
    await resumed.start(JSON.parse(JSON.stringify(saved)) as SavedLab, true);
    expect(resumed.screen()).toBe(`\x1b[?2004h${PROMPT}`);
    await resumed.type('kubectl get deploy,pods\r');
    expect(resumed.screen()).toBe(original);
    await resumed.type('cat note.yaml\r\x1b[A\x1b[A');
    expect(resumed.screen()).toContain('kind: demo');
  });

  it('reset starts a fresh cluster on a cleared screen', async () => {
    const h = new Harness();
    await h.start();
    await h.type('kubectl create deployment web --image=nginx\r');
    await h.call('reset');
    const screen = h.screen();
    expect(screen).toContain('\x1b[H\x1b[2J');
    await h.type('kubectl get deploy\r');
    expect(h.screen()).toContain('No resources found in default namespace.');
  });

  it('answers errors for calls before start, and for a lab that cannot open', async () => {
    const h = new Harness();
    await expect(h.call('check')).rejects.toThrow('the lab is not started (check)');
    await expect(h.call('start', { labId: 'nope', cols: 80, rows: 24, resumed: false })).rejects.toThrow('no labs in this test');
  });

  it('opens labs through the opener and sends their info', async () => {
    const info: LabInfo = { id: 'demo', title: 'Demo', summary: 's', tasks: [], solution: ['kubectl get pods'] };
    const posted: FromWorker[] = [];
    const { SandboxLab } = await import('../../src/runtime/worker/hosted-lab');
    const server = new WorkerServer((m) => posted.push(m), () => Promise.resolve({ lab: new SandboxLab(), info }), () => 0);
    await server.receive({ kind: 'call', id: 1, op: 'start', args: { labId: 'demo', cols: 80, rows: 24, resumed: false } });
    expect(posted.find((m) => m.kind === 'reply')).toMatchObject({ result: { info } });
  });

  it('says on the terminal, and to every later request, when a setup period fails after the prompt', async () => {
    const info: LabInfo = { id: 'demo', title: 'Demo', summary: 's', tasks: [], solution: [] };
    const posted: FromWorker[] = [];
    const { SandboxLab } = await import('../../src/runtime/worker/hosted-lab');
    const lab = Object.assign(new SandboxLab(), {
      slices: 0,
      settled: () => false,
      settleSome(): boolean {
        if (++this.slices > 1) throw new Error('kubelet exploded');
        return false;
      },
    });
    const server = new WorkerServer((m) => posted.push(m), () => Promise.resolve({ lab, info }), () => 0, () => Promise.resolve());
    await server.receive({ kind: 'call', id: 1, op: 'start', args: { labId: 'demo', cols: 80, rows: 24, resumed: false } });
    expect(posted.find((m) => m.kind === 'reply')).toMatchObject({ result: { info } });
    await server.receive({ kind: 'call', id: 2, op: 'check', args: undefined });
    expect(posted.find((m) => m.kind === 'error' && m.id === 2)).toMatchObject({ message: "the lab's setup failed: kubelet exploded" });
    const screen = posted.filter((m) => m.kind === 'output').map((m) => (m as { data: string }).data).join('');
    expect(screen).toContain("\r\nclusterlab: the lab's setup failed: kubelet exploded\r\n");
    // A line entered then gets the reason again, instead of waiting for a setup that will not end.
    await server.receive({ kind: 'input', data: 'kubectl get pods\r' });
    const again = posted.filter((m) => m.kind === 'output').map((m) => (m as { data: string }).data).join('');
    expect(again.split("the lab's setup failed: kubelet exploded")).toHaveLength(3);
  });
});
