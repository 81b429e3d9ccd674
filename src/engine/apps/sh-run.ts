import { commandNotFound, coreutil } from './coreutils';
import { finishAwaited, netApplet, type AwaitedReply, type ProcessNet } from './net-tools/applets';
import { compile, type Program } from './sh-parse';
import { expandFields, expandValue, ShellExpansionError, type ExpandContext } from './sh-expand';
import type { ProcessState } from './types';

/** A script paused between instructions: plain JSON, stored in a process's data. */
export interface ShellState {
  prog: Program;
  pc: number;
  status: number;
  /** A network applet's output, shown once the virtual time it took has passed. */
  held?: { stdout: string; stderr: string; status: number };
  /** A wget waiting for a reply the server holds. */
  awaiting?: AwaitedReply;
  /** Variables the script set (`i=0`); the process's environment is read beneath them. */
  vars?: Record<string, string>;
  /** Each running `for` loop's words and how far it got, by the program counter of its `for`. */
  loops?: Record<number, { items: string[]; at: number }>;
}

/** Why run() stopped. */
export type ShellStop = { kind: 'sleep'; ms: number } | { kind: 'exit'; code: number } | { kind: 'budget' };

/** Instructions one activation may run before it yields virtual time (bounds runaway loops). */
export const SHELL_STEP_BUDGET = 10_000;

/** Compile `script` into a fresh shell state, or return sh's syntax error. */
export function newShell(script: string, vars?: Record<string, string>): ShellState | string {
  const prog = compile(script);
  return typeof prog === 'string' ? prog : { prog, pc: 0, status: 0, ...(vars ? { vars: { ...vars } } : {}) };
}

/** How the script's words expand: its variables over the environment, `$?`, `$(...)` run at once. */
function expansion(shell: ShellState, proc: ProcessState, wallMs: number, write: (out: string, err: string) => void, net: ProcessNet | undefined): ExpandContext {
  return {
    lookup: (name) => (name === '?' ? String(shell.status) : name === '#' ? '0' : name === '0' ? 'sh' : /^\d$/.test(name) ? undefined : (shell.vars?.[name] ?? proc.env[name])),
    assign: (name, value) => ((shell.vars ??= {})[name] = value),
    substitute: (script) => {
      const run = runShellNow(script, proc, wallMs, net, shell.vars);
      write('', run.stderr);
      return run.stdout;
    },
  };
}

/**
 * Run a script from its program counter until it sleeps, exits or uses its budget. Output goes to
 * `write` (a container log or an exec's stdout/stderr).
 */
export function runShell(shell: ShellState, proc: ProcessState, wallMs: number, write: (out: string, err: string) => void, budget = SHELL_STEP_BUDGET, net?: ProcessNet): ShellStop {
  settleApplet(shell, proc, write, net);
  const ctx = expansion(shell, proc, wallMs, write, net);
  for (let steps = 0; steps < budget; steps++) {
    const ins = shell.prog[shell.pc];
    if (!ins) return { kind: 'exit', code: shell.status };
    shell.pc++;
    if (ins.op === 'jmp') shell.pc = ins.to;
    else if (ins.op === 'jf') {
      if (shell.status !== 0) shell.pc = ins.to;
    } else if (ins.op === 'jt') {
      if (shell.status === 0) shell.pc = ins.to;
    } else if (ins.op === 'next') {
      nextTurn(shell, ins.loop, ins.to);
    } else {
      let argv: string[];
      let commandProc = proc;
      try {
        if (ins.op === 'set') {
          (shell.vars ??= {})[ins.name] = expandValue(ins.value, ctx);
          shell.status = 0;
          continue;
        }
        if (ins.op === 'for') {
          (shell.loops ??= {})[shell.pc - 1] = { items: expandFields(ins.words, ctx), at: 0 };
          continue;
        }
        argv = expandFields(ins.words, ctx);
        if (ins.env) commandProc = { ...proc, env: { ...proc.env, ...Object.fromEntries(ins.env.map(([name, value]) => [name, expandValue(value, ctx)])) } };
      } catch (e) {
        if (!(e instanceof ShellExpansionError)) throw e;
        // A non-interactive shell ends at an expansion error, as ash and dash do.
        write('', `${e.message}\n`);
        shell.status = 2;
        return { kind: 'exit', code: 2 };
      }
      if (argv.length === 0) continue;
      const stop = runCommand(shell, argv, commandProc, wallMs, write, net);
      if (stop) return stop;
    }
  }
  return { kind: 'budget' };
}

/** One simple command: a network applet (which may take virtual time) or a shared applet; a stop when the script must wait or end. */
function runCommand(shell: ShellState, argv: string[], proc: ProcessState, wallMs: number, write: (out: string, err: string) => void, net: ProcessNet | undefined): ShellStop | undefined {
  const applet = netApplet(argv, proc, net);
  if (applet && 'awaiting' in applet) {
    shell.awaiting = applet.awaiting;
    return { kind: 'sleep', ms: applet.dueInMs };
  }
  if (applet && applet.ms >= 1) {
    shell.held = { stdout: applet.stdout, stderr: applet.stderr, status: applet.exitCode };
    return { kind: 'sleep', ms: Math.ceil(applet.ms) };
  }
  const outcome = (applet ? { stdout: applet.stdout, stderr: applet.stderr, status: applet.exitCode, sleepMs: 0 } : coreutil(argv, proc, wallMs)) ?? commandNotFound(argv[0] ?? '', proc);
  write(outcome.stdout, outcome.stderr);
  shell.status = outcome.status;
  if (outcome.exit) return { kind: 'exit', code: outcome.status };
  if (outcome.sleepMs > 0) return { kind: 'sleep', ms: outcome.sleepMs };
  return undefined;
}

/** A `for` loop's next turn: its variable set to the next word, or past the loop when none is left. */
function nextTurn(shell: ShellState, loop: number, end: number): void {
  const state = shell.loops?.[loop];
  const head = shell.prog[loop];
  if (!state || head?.op !== 'for' || state.at >= state.items.length) {
    delete shell.loops?.[loop];
    shell.pc = end;
    return;
  }
  (shell.vars ??= {})[head.name] = state.items[state.at++]!;
}

/** Show what a network applet printed, now that the time it took has passed. */
function settleApplet(shell: ShellState, proc: ProcessState, write: (out: string, err: string) => void, net: ProcessNet | undefined): void {
  const awaited = shell.awaiting;
  delete shell.awaiting;
  const run = awaited && net ? finishAwaited(awaited, proc, net) : undefined;
  const shown = run ? { stdout: run.stdout, stderr: run.stderr, status: run.exitCode } : shell.held;
  delete shell.held;
  if (!shown) return;
  write(shown.stdout, shown.stderr);
  shell.status = shown.status;
}

/**
 * Run a script to completion at once, adding up its sleeps instead of waiting: how exec and
 * exec hooks run (`sh -c 'sleep 5'` as a preStop hook takes 5 s of the grace period).
 */
export function runShellNow(script: string, proc: ProcessState, wallMs: number, net?: ProcessNet, vars?: Record<string, string>): { stdout: string; stderr: string; exitCode: number; elapsedMs: number } {
  const shell = newShell(script, vars);
  if (typeof shell === 'string') return { stdout: '', stderr: `sh: -c: line 1: ${shell.replace(/^sh: /, '')}\n`, exitCode: 2, elapsedMs: 0 };
  let stdout = '';
  let stderr = '';
  let elapsedMs = 0;
  for (let round = 0; round < 100; round++) {
    const stop = runShell(
      shell,
      proc,
      wallMs + elapsedMs,
      (o, e) => {
        stdout += o;
        stderr += e;
      },
      undefined,
      net,
    );
    if (stop.kind === 'exit') return { stdout, stderr, exitCode: stop.code, elapsedMs };
    elapsedMs += stop.kind === 'sleep' ? stop.ms : 1000;
  }
  // A script that never ends in exec: report it as killed, like a timed-out exec.
  return { stdout, stderr, exitCode: 137, elapsedMs };
}
