/**
 * The simulated kubectl: `createKubectl(cluster)` gives a pure command
 * `run(argv, stdin) -> { stdout, stderr, exitCode }` over the cluster's API server, printing what
 * a real kubectl of the cluster's pinned version prints. Verbs live one per file in commands/.
 */
import type { Cluster } from '../../engine/cluster';
import type { Command, CommandResult } from '../types';
import type { KubectlContext, Verb } from './context';
import { errorText } from './errors';
import { FlagError, Flags, GLOBAL_FLAGS, parseFlags } from './flags';
import { helpFor, rootHelp, suggestions } from './help';
import { commandPath, isRealCommand, notAvailable, REAL_COMMANDS } from './real-commands';
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

/** A real kubectl command the simulator lacks says so; anything else is cobra's typo error, with suggestions. */
function unknownCommand(verb: string): CommandResult {
  if (isRealCommand(verb)) return { stdout: '', stderr: errorText(notAvailable(verb)), exitCode: 1 };
  const near = suggestions(verb, [...REAL_COMMANDS, 'help']);
  const hint = near.length > 0 ? `\n\nDid you mean this?\n${near.map((n) => `\t${n}\n`).join('')}` : '\n';
  return { stdout: '', stderr: `error: unknown command "${verb}" for "kubectl"${hint}`, exitCode: 1 };
}

function runVerb(cluster: Cluster, session: SessionConfig, verb: Verb, rest: string[], ctxIn: Parameters<Command>[0]): CommandResult {
  // The sub-command cobra runs, found before flags are parsed: a real one we lack gets an honest
  // error (its own flags would be unknown here), and errors name it (`See 'kubectl rollout status --help'`).
  const path = commandPath(verb.name, rest, [...GLOBAL_FLAGS, ...verb.flags]);
  const sub = path.split(' ')[1];
  if (sub !== undefined && verb.subcommands && !verb.subcommands.includes(sub)) return { stdout: '', stderr: errorText(notAvailable(path)), exitCode: 1 };
  let flags: Flags;
  try {
    flags = new Flags(parseFlags(rest, verb.flags));
    const refused = sub === undefined ? [] : [...(verb.notForSubcommands?.['*'] ?? []), ...(verb.notForSubcommands?.[sub] ?? [])];
    const given = refused.find((name) => flags.has(name));
    if (given) throw new FlagError(`unknown flag: --${given}`);
  } catch (e) {
    return { stdout: '', stderr: errorText(e, path), exitCode: 1 };
  }
  if (flags.bool('help')) return { stdout: helpFor(verb, flags.args), stderr: '', exitCode: 0 };
  const namespace = flags.string('namespace');
  const chunks: { stream: 'stdout' | 'stderr'; text: string }[] = [];
  const ctx: KubectlContext = {
    cluster,
    host: ctxIn.host,
    flags,
    stdin: ctxIn.stdin,
    namespace: namespace || session.namespace,
    explicitNamespace: namespace !== undefined,
    verb: path,
    out: recording('stdout', chunks),
    err: recording('stderr', chunks),
    exitCode: 0,
    ...(ctxIn.tty ? { tty: true } : {}),
  };
  // pflag announces a deprecated flag as it parses it, before the command runs.
  for (const spec of verb.flags) if (spec.deprecated && flags.has(spec.name)) ctx.err.push(`Flag --${spec.name} has been deprecated, ${spec.deprecated}\n`);
  verb.run(ctx);
  const stdout = ctx.out.join('');
  const stderr = ctx.err.join('');
  // Warnings show where they were written; errors kubectl collects and prints at the end.
  const ordered = [...chunks.filter((c) => c.stream === 'stdout' || isNotice(c.text)), ...chunks.filter((c) => c.stream === 'stderr' && !isNotice(c.text))];
  // The order only matters when both streams were written.
  return { stdout, stderr, exitCode: ctx.exitCode, ...(stdout && stderr ? { chunks: ordered } : {}) };
}

/** A klog line: severity, mmdd, time, pid, file:line. */
const KLOG_LINE = /^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ [\w.-]+:\d+\] /;

/**
 * Lines kubectl prints as they happen on stderr: server warnings, pflag's and klog's deprecation
 * notices, logs naming its pod, the "Defaulted container" notice of logs and exec (written before
 * the output it precedes), and drain's refused evictions (each before the 5 s wait that follows).
 */
function isNotice(text: string): boolean {
  return (
    text.startsWith('Warning: ') ||
    text.startsWith('Flag --') ||
    KLOG_LINE.test(text) ||
    text.startsWith('Defaulted container "') ||
    /^Found \d+ pods, using pod\//.test(text) ||
    /^error when evicting pods\/.* \(will retry after [^)]+\): /.test(text)
  );
}

/**
 * An output list that also logs each write, in order, across both streams, so the terminal shows
 * kubectl's lines as it wrote them (`node/x cordoned`, then the DaemonSet warning, then each
 * eviction) while verbs keep pushing to `ctx.out` and `ctx.err`.
 */
function recording(stream: 'stdout' | 'stderr', log: { stream: 'stdout' | 'stderr'; text: string }[]): string[] {
  const list: string[] = [];
  list.push = (...texts: string[]) => {
    for (const text of texts) if (text !== '') log.push({ stream, text });
    return Array.prototype.push.apply(list, texts);
  };
  return list;
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
    if (!found) return unknownCommand(verb);
    return runVerb(cluster, session, found, rest, ctx);
  };
}

export type { KubectlContext, Verb } from './context';
