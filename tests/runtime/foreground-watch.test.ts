import { describe, expect, it } from 'vitest';
import { Session } from '../../src/cli/session';
import { verifyResultText } from '../../src/labs/verify';
import { openLab } from '../../src/runtime/worker/lab-host';
import { loadLab } from '../../src/labs/registry-browser';
import { TerminalHost } from '../../src/runtime/worker/terminal-host';

/** A lab in the browser's terminal host, its screen as text, and a wall clock the test moves. */
async function terminal() {
  const lab = await openLab('pod-journey', undefined, loadLab);
  // The worker's server runs the setup period after the prompt; with no server, run it here.
  lab.settleSome(Infinity);
  let screen = '';
  const host = new TerminalHost(lab, { output: (d) => (screen += d), command: () => {} }, { cols: 120, wallNowMs: 0 });
  host.start(false);
  return { lab, host, screen: () => screen, clear: () => (screen = '') };
}

/** Let `seconds` of wall time pass at 1x, in 250 ms ticks as the panel's clock does. */
function wait(host: TerminalHost, fromMs: number, seconds: number): number {
  for (let t = fromMs + 250; t <= fromMs + seconds * 1000; t += 250) host.tick(t);
  return fromMs + seconds * 1000;
}

describe('kubectl get -w in a live terminal', () => {
  it('prints rows as the clock runs, keeps the prompt until Ctrl-C, and records when it was interrupted', async () => {
    const { lab, host, screen, clear } = await terminal();
    host.input('kubectl apply -f web.yaml\r');
    clear();
    host.input('kubectl get pods -w\r');
    expect(host.busy).toBe(true);
    expect(screen()).toMatch(/NAME +READY +STATUS +RESTARTS +AGE\r\nweb +0\/1 +Pending +0 +0s\r\n$/);
    let wall = wait(host, 0, 2);
    const afterTwoSeconds = screen();
    expect(afterTwoSeconds).not.toContain('Running');
    wall = wait(host, wall, 20);
    expect(screen()).toMatch(/\r\nweb +1\/1 +Running +0 +\d+s\r\n$/);
    // Typing while the job runs does nothing; Ctrl-C stops it and brings the prompt back.
    host.input('kubectl get nodes\r');
    expect(screen()).not.toContain('kubectl get nodes');
    host.input('\x03');
    expect(host.busy).toBe(false);
    expect(screen()).toMatch(/\r\n\^C\r\nroot@workstation:~# $/);

    const entry = lab.lab.transcript.at(-1)!;
    expect(entry).toMatchObject({ input: 'kubectl get pods -w', exitCode: 130, interruptedAfterMs: 22_000 });
    expect(entry.output).toContain('Running');
    expect(`${entry.output.replace(/\n/g, '\r\n')}^C`).toBe(screen().slice(screen().indexOf('NAME'), screen().lastIndexOf('\r\n')));
    wait(host, wall, 1);

    // The replay interrupts the watch at the same moment and prints the same rows: the result verifies.
    const verdict = await verifyResultText(JSON.stringify(host.result()), () => Promise.resolve(lab.def));
    expect(verdict).toMatchObject({ accepted: true });
  });

  it('is saved as interrupted while it still runs, so a reload replays exactly what was shown', async () => {
    const { lab, host } = await terminal();
    host.input('kubectl get pods -w\r');
    wait(host, 0, 3);
    const saved = host.save();
    expect(saved.transcript.at(-1)).toMatchObject({ exitCode: 130, interruptedAfterMs: 3000 });
    expect(host.busy).toBe(true);
    expect((await verifyResultText(JSON.stringify(host.result()), () => Promise.resolve(lab.def))).accepted).toBe(true);
  });

  it('stays a bounded, finished command where output does not go straight to the terminal', async () => {
    const { host, screen, clear } = await terminal();
    clear();
    host.input('kubectl get pods -w | head -3\r');
    expect(host.busy).toBe(false);
    expect(screen()).toMatch(/root@workstation:~# $/);
    // And in a script, as in `clusterlab run`, it watches for --request-timeout (30 s) and returns.
    const session = new Session({ seed: 1 });
    const before = session.cluster.now();
    expect(session.run('kubectl get pods -w').exitCode).toBe(0);
    expect(session.cluster.now() - before).toBe(30_000);
  });

  it('an empty line runs nothing: a new prompt, no transcript entry', async () => {
    const { lab, host, screen } = await terminal();
    host.input('\r   \r');
    expect(lab.lab.transcript).toEqual([]);
    expect(screen().split('root@workstation:~# ').length - 1).toBe(3);
  });
});

/** The screen's text without escape sequences (cursor moves, erases), as lines. */
const plainLines = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').split('\r\n');

describe('a block typed by "Run in terminal"', () => {
  it('runs line by line, each command printing before the next, with `> ` only inside a heredoc', async () => {
    const { lab, host, screen, clear } = await terminal();
    clear();
    host.type("cat > note.txt <<'EOF'\nhello\nEOF\ncat note.txt\necho done\n");
    // The screen was cleared after the first prompt, so the first line starts with the command.
    expect(plainLines(screen())).toEqual([
      "cat > note.txt <<'EOF'",
      '> hello',
      '> EOF',
      'root@workstation:~# cat note.txt',
      'hello',
      'root@workstation:~# echo done',
      'done',
      'root@workstation:~# ',
    ]);
    expect(lab.lab.transcript.map((e) => e.input)).toEqual(["cat > note.txt <<'EOF'\nhello\nEOF", 'cat note.txt', 'echo done']);
  });

  it('types the lines after a watch once it is interrupted by the next block, and drops them on Ctrl-C', async () => {
    const { lab, host, screen } = await terminal();
    host.type('kubectl get pods -w\necho after');
    expect(host.busy).toBe(true);
    expect(screen()).not.toContain('after');
    host.input('\x03');
    expect(host.busy).toBe(false);
    expect(lab.lab.transcript.map((e) => e.input)).toEqual(['kubectl get pods -w']);
    host.type('kubectl get pods -w\necho second');
    host.type('echo third');
    expect(lab.lab.transcript.map((e) => e.input)).toEqual(['kubectl get pods -w', 'kubectl get pods -w', 'echo third']);
    expect(plainLines(screen()).slice(-3)).toEqual(['root@workstation:~# echo third', 'third', 'root@workstation:~# ']);
  });
});
