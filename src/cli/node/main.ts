import { readFileSync } from 'node:fs';
import { loadPrograms } from '../deferred';
import { Session, splitScript, type SessionOptions } from '../session';
import { interactive } from './interactive';
import { labCommand, verifyCommand } from './lab';

const USAGE = `clusterlab: a simulated Kubernetes cluster in your terminal

Usage:
  clusterlab shell [--seed N] [--workers N] [--version 1.34.2]   interactive shell (kubectl, etcdctl, sim, ...)
  clusterlab run FILE|- [--seed N] [--workers N]                 run a script, print a transcript
  clusterlab lab new|test|play ...                                author, test and play labs (clusterlab lab help)
  clusterlab verify RESULT.json                                   replay a lab result and accept or reject it
  clusterlab serve [--port N] [--team]                            serve the built site (and the team API)
  clusterlab team add-instructor|backup|restore ...               team mode administration (clusterlab team help)

In the shell, virtual time runs at real speed; 'sim speed 10', 'sim pause' and 'sim advance 30s' change that.
`;

/** Entry point of `npx clusterlab`; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  // Nothing waits on the terminal in Node: load every program before the first line runs.
  await loadPrograms();
  // Lab commands take their own flags.
  if (verb === 'lab') return labCommand(rest);
  if (verb === 'verify') return verifyCommand(rest);
  // Loaded on demand: node:sqlite and the server are not needed by the other commands.
  if (verb === 'serve') return (await import('./team')).serveCommand(rest);
  if (verb === 'team') return (await import('./team')).teamCommand(rest);
  const parsed = parseOptions(rest);
  if (typeof parsed === 'string') {
    process.stderr.write(`clusterlab: ${parsed}\n`);
    return 2;
  }
  switch (verb) {
    case 'shell':
      return interactive(new Session(parsed.options));
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
