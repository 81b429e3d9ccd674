import { createInterface } from 'node:readline';
import type { Session } from '../session';
import { commandLineCandidates } from '../completion-candidates';
import { complete } from '../shell/completion';
import { isIncomplete } from '../shell/parser';

/**
 * `clusterlab shell`: readline with history and tab completion; virtual time follows the wall clock.
 * `run` is how an input is executed (a lab records it in its transcript); by default the session runs it.
 */
export function interactive(session: Session, run: (input: string) => { output: string; exited?: boolean } = (input) => session.run(input)): Promise<number> {
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
  // The prompt follows the terminal onto nodes (ssh) and into containers (kubectl exec -it).
  const prompt = () => session.prompt();
  process.stdout.write(`clusterlab: a ${session.cluster.config.nodes.length}-node Kubernetes ${session.cluster.cp.version.major}.${session.cluster.cp.version.minor} cluster (seed ${session.cluster.config.seed}). Type 'help', or 'exit' to leave.\n`);
  let wall = performance.now();
  let carryMs = 0;
  const clock = setInterval(() => {
    const now = performance.now();
    if (!session.time.paused) {
      // Virtual time moves in whole ms; keep the fraction for the next tick.
      carryMs += (now - wall) * session.time.speed;
      const wholeMs = Math.floor(carryMs);
      carryMs -= wholeMs;
      session.cluster.advance(wholeMs);
    }
    wall = now;
  }, 50);
  let pending = '';
  rl.setPrompt(prompt());
  rl.prompt();
  return new Promise((resolve) => {
    rl.on('line', (line) => {
      pending = pending ? `${pending}\n${line}` : line;
      if (isIncomplete(pending)) {
        rl.setPrompt('> ');
        rl.prompt();
        return;
      }
      const result = run(pending);
      pending = '';
      process.stdout.write(result.output);
      if (result.exited) return rl.close();
      rl.setPrompt(prompt());
      rl.prompt();
    });
    // Ctrl-C drops the line being typed and shows a fresh prompt, as bash does; Ctrl-D leaves.
    rl.on('SIGINT', () => {
      pending = '';
      process.stdout.write('^C\n');
      rl.write(null, { ctrl: true, name: 'u' });
      rl.setPrompt(prompt());
      rl.prompt();
    });
    rl.on('close', () => {
      clearInterval(clock);
      resolve(session.shell.status);
    });
  });
}
