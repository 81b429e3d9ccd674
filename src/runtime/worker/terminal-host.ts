import { commandLineCandidates } from '../../cli/completion-candidates';
import { ENABLE_BRACKETED_PASTE, LineEditor } from '../../cli/line-editor';
import { PASTE_END, PASTE_START } from '../../cli/terminal-text';
import { complete } from '../../cli/shell/completion';
import { isIncomplete } from '../../cli/shell/parser';
import type { LabProgress, SavedLab } from '../../labs/types';
import { RunningJob } from '../../cli/running-job';
import type { ClusterPicture, TimeControlRequest, TimeStatus } from '../types';
import { clusterPicture } from '../webcontainer/daemon/picture';
import { WallClockDriver } from '../../cli/wall-clock';
import type { HostedLab } from './hosted-lab';

export interface TerminalHostEvents {
  /** Bytes for xterm.write. */
  output(data: string): void;
  /** After every input that ran, with the lab's progress (undefined in a sandbox). */
  command(progress: LabProgress | undefined): void;
}

/** Speeds the panel offers and `sim speed` accepts are not limited here; this only bounds them. */
const MAX_SPEED = 1000;

/**
 * The terminal side of a lab in the browser, with no DOM and no Worker API so Node tests drive
 * it: keystrokes go through the line editor, complete inputs run in the lab's shell, output and
 * progress go out as events, and virtual time follows the wall clock at the chosen speed.
 */
export class TerminalHost {
  #lab: HostedLab;
  readonly #editor: LineEditor;
  readonly #clock: WallClockDriver;
  /** A command still printing as the clock runs (`kubectl get -w`), until Ctrl-C. */
  #job: RunningJob | undefined;
  /** Lines "Run in terminal" has still to type: fed once the shell reads input again (typeahead). */
  #typeahead: string[] = [];
  /** A line entered while the lab's setup period ran, and the input after it: both wait for it. */
  #held: { line: string; rest: string } | undefined;
  /** Why the lab's setup period failed, once it has: a line entered then gets this, not a wait. */
  #setupFailure: string | undefined;

  constructor(
    lab: HostedLab,
    private readonly events: TerminalHostEvents,
    options: { cols: number; wallNowMs: number },
  ) {
    this.#lab = lab;
    this.#editor = new LineEditor({
      isIncomplete,
      // `!!` and friends are bash's: a busybox pod's ash (kubectl exec -it) leaves them alone.
      historyExpansion: () => this.#lab.session.shell.dialect === 'bash',
      complete: (line, cursor) => complete(line, cursor, this.#candidates()),
      cols: options.cols,
    });
    this.#clock = new WallClockDriver(options.wallNowMs);
    lab.session.enableForegroundJobs();
    lab.session.setTerminalColumns(options.cols);
  }

  get lab(): HostedLab {
    return this.#lab;
  }

  /** Show the prompt: after a greeting for a new lab, bare when resuming a saved screen. */
  start(resumed: boolean): void {
    this.#editor.setHistory(this.#lab.inputs());
    const greeting = resumed ? '' : this.#greeting();
    this.events.output(ENABLE_BRACKETED_PASTE + greeting + this.#editor.begin(this.#prompt()));
  }

  input(data: string): void {
    let rest = data;
    if (this.#job) {
      // A foreground job owns the terminal: only Ctrl-C reaches it; other keys are dropped.
      const ctrlC = rest.indexOf('\x03');
      if (ctrlC < 0) return;
      // As a terminal flushes its input queue on an interrupt, the lines typed ahead go too.
      this.#typeahead = [];
      this.#endJob();
      rest = rest.slice(ctrlC + 1);
    }
    if (this.#held) {
      // Keys behind a line that waits for the lab wait too, unseen, until a Ctrl-C flushes them
      // all, as a terminal flushes the input a busy shell has not read.
      const ctrlC = rest.indexOf('\x03');
      if (ctrlC < 0) {
        this.#held.rest += rest;
        return;
      }
      this.#dropHeld();
      rest = rest.slice(ctrlC + 1);
    }
    while (rest !== '' && !this.#job) {
      const step = this.#editor.feed(rest);
      // An empty line runs nothing, as in bash: no transcript entry, no grading, just a new prompt.
      const line = step.input !== undefined && step.input.trim() !== '' ? step.input : undefined;
      if (line !== undefined && !this.#lab.settled() && this.#setupFailure === undefined) {
        // The lab's setup period is still running: the line is echoed now and runs when it ends.
        this.events.output(step.echo);
        this.#held = { line, rest: step.rest };
        return;
      }
      if (line !== undefined && this.#setupFailure !== undefined) {
        this.events.output(step.echo + terminalText(`clusterlab: ${this.#setupFailure}\n`) + this.#editor.begin(this.#prompt()));
        rest = step.rest;
        continue;
      }
      if (line !== undefined) this.#runEntered(step.echo, line);
      else this.events.output(step.echo + (step.input !== undefined || step.interrupt ? this.#editor.begin(this.#prompt()) : ''));
      rest = step.rest;
    }
  }

  /** The lab's setup period has run: run the line that waited for it, the keys and lines behind it. */
  setupDone(): void {
    const held = this.#held;
    this.#held = undefined;
    if (held) {
      this.#runEntered('', held.line);
      this.input(held.rest);
    }
    this.#typeAhead();
  }

  /** The lab's setup period failed: say so, and say it again for every line entered. */
  setupFailed(reason: string): void {
    this.#setupFailure = reason;
    const mid = this.#held === undefined;
    this.#held = undefined;
    this.#typeahead = [];
    this.events.output(`${mid ? '\r\n' : ''}${terminalText(`clusterlab: ${reason}\n`)}${this.#editor.begin(this.#prompt())}`);
  }

  /** Run a line entered: its echo, its output, the next prompt unless it keeps running, its grade. */
  #runEntered(echo: string, line: string): void {
    let out = echo + this.#run(line);
    if (!this.#job) out += this.#editor.begin(this.#prompt());
    this.events.output(out);
    this.events.command(this.#lab.check());
  }

  /** Ctrl-C on a line that waits for the lab's setup period: it and all behind it go. */
  #dropHeld(): void {
    this.#held = undefined;
    this.#typeahead = [];
    this.events.output(`^C\r\n${this.#editor.begin(this.#prompt())}`);
  }

  /** Whether a command is still running in the foreground (the prompt comes back after Ctrl-C). */
  get busy(): boolean {
    return this.#job !== undefined;
  }

  /**
   * Type a block ("Run in terminal") line by line, each ended with Enter, as a terminal delivers
   * typed lines to bash: a complete command runs and prints before the next line, and the lines
   * of an unfinished one (a heredoc) get the `> ` prompt. Lines after a command that keeps
   * running wait until it ends, and a Ctrl-C drops them.
   */
  type(command: string): void {
    // As if the learner pressed Ctrl-C first: the new block needs the prompt.
    this.#typeahead = [];
    if (this.#job) this.#endJob();
    if (this.#held) this.#dropHeld();
    this.#typeahead = command.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
    // Whatever the learner had half typed goes, as before a paste into a fresh line.
    this.events.output(this.#editor.replace(''));
    this.#typeAhead();
  }

  #typeAhead(): void {
    // Each line as a bracketed paste (taken literally: a tab completes nothing), then Enter.
    // A line that waits for the lab's setup period holds the rest until setupDone().
    while (!this.#job && !this.#held && this.#typeahead.length > 0) this.input(`${PASTE_START}${this.#typeahead.shift()!}${PASTE_END}\r`);
  }

  resize(cols: number): void {
    this.#editor.resize(cols);
    this.#lab.session.setTerminalColumns(cols);
  }

  /** Virtual time follows the wall clock from now on: the lab's setup period has just run. */
  restartClock(wallNowMs: number): void {
    this.#clock.skipTo(wallNowMs);
  }

  /** Let virtual time catch up with the wall clock. */
  tick(wallNowMs: number): void {
    const ms = this.#clock.tick(wallNowMs, this.#lab.session.time);
    if (ms > 0) this.#lab.session.cluster.advance(ms);
    if (this.#job && this.#pumpJob()) {
      this.#endJob();
      this.#typeAhead();
    }
  }

  /** Print what the job heard since the last look; true when it ended by itself. */
  #pumpJob(): boolean {
    const running = this.#job;
    if (!running) return false;
    const { text, done } = running.pump();
    if (text) this.events.output(terminalText(text));
    return done;
  }

  /** Ctrl-C: the job prints what it heard up to now, stops, and is recorded as interrupted. */
  #endJob(): void {
    this.#pumpJob();
    const running = this.#job;
    if (!running) return;
    this.#recordJob();
    this.#job = undefined;
    running.stop();
    this.events.output(`^C\r\n${this.#editor.begin(this.#prompt())}`);
    this.events.command(this.#lab.check());
  }

  /** A running job is saved as if interrupted now, so a reload replays exactly what was shown. */
  #recordJob(): void {
    if (!this.#job) return;
    const { output, interruptedAfterMs } = this.#job.record(this.#lab.session.cluster.now());
    this.#lab.amendRunning(output, interruptedAfterMs);
  }

  time(request: TimeControlRequest, wallNowMs: number): TimeStatus {
    this.tick(wallNowMs);
    const control = this.#lab.session.time;
    if (request.speed !== undefined && Number.isFinite(request.speed) && request.speed > 0) control.speed = Math.min(MAX_SPEED, request.speed);
    if (request.paused !== undefined) control.paused = request.paused;
    // A step would run an input in the middle of the job's transcript entry.
    if (request.step && !this.#job) this.#print(this.#lab.run('sim step').output);
    return this.status();
  }

  status(): TimeStatus {
    const { speed, paused } = this.#lab.session.time;
    return { nowMs: this.#lab.session.cluster.now(), speed, paused };
  }

  check(): LabProgress | undefined {
    return this.#lab.check();
  }

  save(): SavedLab {
    this.#recordJob();
    return this.#lab.save();
  }

  result(): SavedLab {
    this.#recordJob();
    return this.#lab.result();
  }

  picture(): ClusterPicture {
    return clusterPicture(this.#lab.session.cluster);
  }

  /** Start the lab again from its setup, on a cleared screen. */
  reset(wallNowMs: number): void {
    const { speed, paused } = this.#lab.session.time;
    this.#job?.stop();
    this.#job = undefined;
    this.#lab = this.#lab.fresh();
    this.#lab.session.enableForegroundJobs();
    Object.assign(this.#lab.session.time, { speed, paused });
    this.#clock.skipTo(wallNowMs);
    this.events.output('\x1b[H\x1b[2J\x1b[3J');
    this.start(false);
    this.events.command(this.#lab.check());
  }

  /** Output that arrives outside a command (a time step): above the prompt, the line kept. */
  #print(text: string): void {
    if (text === '') return;
    this.events.output(`\r\x1b[J${terminalText(text)}${this.#editor.reprint()}`);
  }

  #run(input: string): string {
    const startMs = this.#lab.session.cluster.now();
    const { output } = this.#lab.run(input);
    const job = this.#lab.session.takeJob();
    if (job) this.#job = new RunningJob(job, startMs, output);
    return terminalText(output);
  }

  #candidates(): (words: string[]) => string[] {
    const { shell, cluster, fs } = this.#lab.session;
    return commandLineCandidates(shell, cluster, fs);
  }

  /** The session's prompt for where the terminal is: a node's bash, or a busybox pod's `/ # `. */
  #prompt(): string {
    return this.#lab.session.prompt();
  }

  #greeting(): string {
    const cluster = this.#lab.session.cluster;
    const what = `a ${cluster.config.nodes.length}-node Kubernetes ${cluster.cp.version.major}.${cluster.cp.version.minor} cluster`;
    const how = this.#lab.labId ? "Type 'tasks' to see what to do, 'check' to grade your work." : "Type 'help' to see the commands.";
    return terminalText(`clusterlab: ${what}, simulated in your browser.\n${how}\n`);
  }
}

/** Shell output uses \n; a terminal needs \r\n to return to the first column. */
export function terminalText(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}
