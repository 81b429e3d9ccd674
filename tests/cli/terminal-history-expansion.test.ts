import { describe, expect, it } from 'vitest';
import type { SavedLab } from '../../src/labs/types';
import { loadLab } from '../../src/labs/registry-browser';
import { LabSession } from '../../src/labs/session';
import { verifyResultText } from '../../src/labs/verify';
import { openLab } from '../../src/runtime/worker/lab-host';
import { TerminalHost } from '../../src/runtime/worker/terminal-host';

/** A lab in the browser's terminal host, resumed from `saved` if given, and its screen as text. */
async function terminal(saved?: SavedLab) {
  const lab = await openLab('pod-journey', saved, loadLab);
  // The worker's server runs the setup period after the prompt; with no server, run it here.
  lab.settleSome(Infinity);
  let screen = '';
  const host = new TerminalHost(lab, { output: (d) => (screen += d), command: () => {} }, { cols: 120, wallNowMs: 0 });
  host.start(saved !== undefined);
  return { lab, host, screen: () => screen, clear: () => (screen = '') };
}

/** The screen's text without escape sequences (cursor moves, erases), as lines. */
const plainLines = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').split('\r\n');

describe('history expansion in the lab terminal', () => {
  it('shows the expanded command, runs it, and records it (not !!) in the transcript', async () => {
    const { lab, host, screen, clear } = await terminal();
    host.input('kubectl apply -f web.yaml\r');
    clear();
    host.input('kubectl get pods -n default\r');
    host.input('!!\r');
    host.input('kubectl get ns !$\r');
    expect(plainLines(screen())).toEqual([
      'kubectl get pods -n default',
      'NAME   READY   STATUS    RESTARTS   AGE',
      'web    0/1     Pending   0          0s',
      'root@workstation:~# !!',
      'kubectl get pods -n default',
      'NAME   READY   STATUS    RESTARTS   AGE',
      'web    0/1     Pending   0          0s',
      'root@workstation:~# kubectl get ns !$',
      'kubectl get ns default',
      'NAME      STATUS   AGE',
      'default   Active   0s',
      'root@workstation:~# ',
    ]);
    expect(lab.lab.transcript.map((e) => e.input)).toEqual(['kubectl apply -f web.yaml', 'kubectl get pods -n default', 'kubectl get pods -n default', 'kubectl get ns default']);
    expect(lab.session.shell.history.slice(-2)).toEqual(['kubectl get pods -n default', 'kubectl get ns default']);
  });

  it('prints "event not found" and records nothing when there is no such command', async () => {
    const { lab, host, screen, clear } = await terminal();
    clear();
    host.input('!!\r');
    expect(plainLines(screen())).toEqual(['!!', 'bash: !!: event not found', 'root@workstation:~# ']);
    expect(lab.lab.transcript).toEqual([]);
  });

  it('replays to the same result, and a resumed terminal expands against the same history', async () => {
    const { lab, host } = await terminal();
    host.input('kubectl apply -f web.yaml\r');
    host.input('echo first\r');
    host.input('!kubectl\r');
    const saved = host.save();
    const replayed = LabSession.resume(lab.def, saved);
    expect(replayed.transcript).toEqual(lab.lab.transcript);
    expect((await verifyResultText(JSON.stringify(host.result()), () => Promise.resolve(lab.def))).accepted).toBe(true);

    const resumed = await terminal(saved);
    resumed.host.input('!e\r');
    expect(resumed.lab.lab.transcript.at(-1)).toMatchObject({ input: 'echo first', output: 'first\n' });
  });
});

describe('history expansion in a busybox pod shell', () => {
  it('is not done: ash has none, so `!!` reaches the shell as typed', async () => {
    const { host, screen, clear } = await terminal();
    host.input('kubectl run box --image=busybox:1.36 -- sleep 3600\r');
    for (let t = 250; t <= 30_000; t += 250) host.tick(t);
    host.input('kubectl exec -it box -- sh\r');
    clear();
    host.input('echo hi\r');
    host.input('!!\r');
    // No expanded line is shown: the shell gets `!!` itself and knows no such command.
    expect(plainLines(screen())).toEqual(['echo hi', 'hi', '/ # !!', 'sh: !!: not found', '/ # ']);
  });
});
