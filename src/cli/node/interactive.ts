import { createInterface, type Interface } from 'node:readline';
import type { Session } from '../session';
import { RunningJob } from '../running-job';
import { commandLineCandidates } from '../completion-candidates';
import { complete } from '../shell/completion';
import { InputHistory } from '../input-history';
import { isIncomplete } from '../shell/parser';
import { followWallClock } from '../wall-clock';

/** How `clusterlab shell` runs inputs: a lab records them (and amends an interrupted job) in its transcript. */
export interface InteractiveRunner {
  run(input: string): { output: string; exited?: boolean };
  /** The last input ran on as a foreground job until Ctrl-C: record all it printed and when. */
  amendRunning?(output: string, interruptedAfterMs: number): void;
}

/**
 * `clusterlab shell`: readline with history and tab completion; virtual time follows the wall
 * clock. `kubectl get -w` keeps printing as the cluster changes until Ctrl-C, as in a terminal.
 */
export function interactive(session: Session, runner: InteractiveRunner = { run: (input) => session.run(input) }): Promise<number> {
  // Only a person at a terminal can press Ctrl-C; piped input keeps watches bounded, as scripts need.
  if (process.stdin.isTTY && process.stdout.isTTY) session.enableForegroundJobs();
  // ls lays names out to the terminal's width, following it as the window is resized.
  if (process.stdout.isTTY) {
    session.setTerminalColumns(process.stdout.columns);
    process.stdout.on('resize', () => session.setTerminalColumns(process.stdout.columns));
  }
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    historySize: 1000,
    completer: (line: string) => {
      const result = complete(line, line.length, commandLineCandidates(session.shell, session.cluster, session.currentFs));
      // A single match completes the word and, as in bash, adds the space before the next one.
      const only = result.candidates.length === 1 && !result.candidates[0]!.endsWith('/');
      return [only ? [`${result.candidates[0]} `] : result.candidates, result.word];
    },
  });
  process.stdout.write(`clusterlab: a ${session.cluster.config.nodes.length}-node Kubernetes ${session.cluster.cp.version.major}.${session.cluster.cp.version.minor} cluster (seed ${session.cluster.config.seed}). Type 'help', or 'exit' to leave.\n`);
  let running: RunningJob | undefined;
  // The prompt follows the terminal onto nodes (ssh) and into containers (kubectl exec -it).
  const prompt = (text = session.prompt()) => {
    rl.setPrompt(text);
    rl.prompt();
  };
  /** Print what the job heard since the last look; true when it ended by itself. */
  const pump = (): boolean => {
    if (!running) return false;
    const { text, done } = running.pump();
    process.stdout.write(text);
    return done;
  };
  /** Ctrl-C (or the job's own end): stop it, record it as interrupted, give the prompt back. */
  const endJob = () => {
    pump();
    const ended = running!;
    running = undefined;
    ended.stop();
    const { output, interruptedAfterMs } = ended.record(session.cluster.now());
    runner.amendRunning?.(output, interruptedAfterMs);
    process.stdout.write('^C\n');
    prompt();
  };
  const stopClock = followWallClock(
    () => session.time,
    (ms) => session.cluster.advance(ms),
    () => {
      if (running && pump()) endJob();
    },
  );
  let pending = '';
  /** Inputs as bash keeps them: the events history expansion refers to. */
  const history = new InputHistory();
  /**
   * The input with its history references expanded, as an interactive bash does before running
   * and recording it (ash has none); undefined when nothing is to run (bash's error, or `:p`).
   */
  const expanded = (source: string): string | undefined => {
    const expansion = session.shell.dialect === 'bash' ? history.expand(source) : { ok: true as const, line: source, expanded: false, printOnly: false };
    if (!expansion.ok) {
      process.stdout.write(`${expansion.error}\n`);
      return undefined;
    }
    if (expansion.expanded) {
      process.stdout.write(`${expansion.line}\n`);
      // readline keeps what was typed; Up should bring back what ran, as in bash.
      const typed = (rl as Interface & { history: string[] }).history;
      if (typed[0] === source) typed[0] = expansion.line;
    }
    history.remember(expansion.line);
    return expansion.printOnly ? undefined : expansion.line;
  };
  prompt();
  return new Promise((resolve) => {
    rl.on('line', (line) => {
      // A foreground job owns the terminal: lines typed meanwhile are dropped, as the job never reads them.
      if (running) return;
      pending = pending ? `${pending}\n${line}` : line;
      if (isIncomplete(pending)) return prompt('> ');
      const input = expanded(pending);
      pending = '';
      if (input === undefined) return prompt();
      const startMs = session.cluster.now();
      const result = runner.run(input);
      process.stdout.write(result.output);
      if (result.exited) return rl.close();
      const job = session.takeJob();
      if (job) running = new RunningJob(job, startMs, result.output);
      else prompt();
    });
    // Ctrl-C stops a running job, or drops the line being typed and shows a fresh prompt, as bash does.
    rl.on('SIGINT', () => {
      if (running) return endJob();
      pending = '';
      process.stdout.write('^C\n');
      clearLine(rl);
      prompt();
    });
    // Ctrl-D leaves.
    rl.on('close', () => {
      stopClock();
      if (running) running.stop();
      resolve(session.shell.status);
    });
  });
}

function clearLine(rl: Interface): void {
  rl.write(null, { ctrl: true, name: 'u' });
}
