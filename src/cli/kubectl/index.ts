/**
 * The simulated kubectl: `createKubectl(cluster)` gives a pure command
 * `run(argv, stdin) -> { stdout, stderr, exitCode }` over the cluster's API server, printing what
 * a real kubectl of the cluster's pinned version prints. Verbs live one per file in commands/.
 */
import type { Cluster } from '../../engine/cluster';
import type { Command, CommandResult } from '../types';
import type { KubectlContext, Verb } from './context';
import { errorText } from './errors';
import { Flags, GLOBAL_FLAGS, parseFlags } from './flags';
import { rootHelp, suggestions, verbHelp } from './help';
import { allVerbs, type SessionConfig } from './verbs';

/** Find the verb among leading global flags (`kubectl -n kube-system get pods`). */
function splitVerb(argv: string[]): { verb?: string; rest: string[] } {
  const withValue = new Set(GLOBAL_FLAGS.filter((f) => f.type !== 'bool').flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-')) return { verb: arg, rest: [...argv.slice(0, i), ...argv.slice(i + 1)] };
    if (withValue.has(arg)) i++;
  }
  return { rest: argv };
}

function unknownCommand(verb: string, names: string[]): CommandResult {
  const near = suggestions(verb, names);
  const hint = near.length > 0 ? `\n\nDid you mean this?\n${near.map((n) => `\t${n}\n`).join('')}` : '\n';
  return { stdout: '', stderr: `error: unknown command "${verb}" for "kubectl"${hint}`, exitCode: 1 };
}

function runVerb(cluster: Cluster, session: SessionConfig, verb: Verb, rest: string[], ctxIn: Parameters<Command>[0]): CommandResult {
  let flags: Flags;
  try {
    flags = new Flags(parseFlags(rest, verb.flags));
  } catch (e) {
    return { stdout: '', stderr: errorText(e, verb.name), exitCode: 1 };
  }
  if (flags.bool('help')) return { stdout: verbHelp(verb), stderr: '', exitCode: 0 };
  const namespace = flags.string('namespace');
  const ctx: KubectlContext = {
    cluster,
    host: ctxIn.host,
    flags,
    stdin: ctxIn.stdin,
    namespace: namespace || session.namespace,
    explicitNamespace: namespace !== undefined,
    verb: verb.name,
    out: [],
    err: [],
    exitCode: 0,
  };
  verb.run(ctx);
  const stderr = ctx.err.join('');
  // Server warnings come with the response, and logs names its pod, before anything else is printed.
  const warningsOnly = stderr !== '' && ctx.err.every((e) => e.startsWith('Warning: ') || /^Found \d+ pods, using pod\//.test(e));
  return { stdout: ctx.out.join(''), stderr, exitCode: ctx.exitCode, ...(warningsOnly ? { stderrFirst: true } : {}) };
}

/** Build the `kubectl` command for a cluster. */
export function createKubectl(cluster: Cluster): Command {
  const session: SessionConfig = { namespace: 'default' };
  const verbs = new Map(allVerbs(session).map((v) => [v.name, v]));
  return (ctx) => {
    const { verb, rest } = splitVerb(ctx.argv);
    if (verb === undefined || verb === 'help') {
      const wantsHelp = verb === 'help' || rest.includes('--help') || rest.includes('-h') || rest.length === 0;
      return wantsHelp ? { stdout: rootHelp(verbs), stderr: '', exitCode: 0 } : { stdout: '', stderr: errorText(new Error(`unknown flag: ${rest[0]}`)), exitCode: 1 };
    }
    const found = verbs.get(verb);
    if (!found) return unknownCommand(verb, [...verbs.keys()]);
    return runVerb(cluster, session, found, rest, ctx);
  };
}

export type { KubectlContext, Verb } from './context';
