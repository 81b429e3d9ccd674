import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Session, splitScript, type SessionOptions } from '../session';
import { commandLineCandidates } from '../completion-candidates';
import { complete } from '../shell/completion';
import { isIncomplete } from '../shell/parser';

const USAGE = `clusterlab: a simulated Kubernetes cluster in your terminal

Usage:
  clusterlab shell [--seed N] [--workers N] [--version 1.34.2]   interactive shell (kubectl, etcdctl, sim, ...)
  clusterlab run FILE|- [--seed N] [--workers N]                 run a script, print a transcript

In the shell, virtual time runs at real speed; 'sim speed 10', 'sim pause' and 'sim advance 30s' change that.
`;

/** Entry point of `npx clusterlab`; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  const parsed = parseOptions(rest);
  if (typeof parsed === 'string') {
    process.stderr.write(`clusterlab: ${parsed}\n`);
    return 2;
  }
  switch (verb) {
    case 'shell':
      return interactive(parsed.options);
    case 'run':
      return runScript(parsed.positional[0], parsed.options);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return verb === undefined ? 2 : 0;
    default:
      process.stderr.write(`clusterlab: unknown command "${verb}"\n\n${USAGE}`);
      return 2;
  }
}

interface Parsed {
  options: SessionOptions;
  positional: string[];
}

function parseOptions(args: string[]): Parsed | string {
  const options: SessionOptions = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? args[++i];
    if (flag === '--seed' || flag === '--workers') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) return `${flag} needs a non-negative integer`;
      options[flag === '--seed' ? 'seed' : 'workers'] = n;
    } else if (flag === '--version') {
      const v = value();
      if (!v) return '--version needs a Kubernetes version, e.g. 1.34.2';
      options.kubernetesVersion = v;
    } else if (arg.startsWith('--')) return `unknown flag ${arg}`;
    else positional.push(arg);
  }
  return { options, positional };
}

/** `clusterlab run`: each input echoed as `$ input`, then what it printed; exit status of the last. */
function runScript(file: string | undefined, options: SessionOptions): number {
  if (!file) {
    process.stderr.write('clusterlab: run needs a script file, or - for standard input\n');
    return 2;
  }
  let script: string;
  try {
    script = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    process.stderr.write(`clusterlab: cannot read ${file}: ${(e as Error).message}\n`);
    return 1;
  }
  const session = new Session(options);
  let status = 0;
  for (const input of splitScript(script)) {
    process.stdout.write(`$ ${input}\n`);
    const result = session.run(input);
    process.stdout.write(result.output);
    status = result.exitCode;
    if (result.exited) break;
  }
  return status;
}

/** `clusterlab shell`: readline with history and tab completion; virtual time follows the wall clock. */
function interactive(options: SessionOptions): Promise<number> {
  const session = new Session(options);
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    historySize: 1000,
    completer: (line: string) => {
      const result = complete(line, line.length, commandLineCandidates(session.shell, session.cluster, session.fs));
      // A single match completes the word and, as in bash, adds the space before the next one.
      const only = result.candidates.length === 1 && !result.candidates[0]!.endsWith('/');
      return [only ? [`${result.candidates[0]} `] : result.candidates, result.word];
    },
  });
  const prompt = () => `root@${session.shell.host.name}:${session.fs.cwd().replace(/^\/root/, '~')}# `;
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
      const result = session.run(pending);
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
