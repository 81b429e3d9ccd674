/**
 * What every kubectl verb receives: the cluster, the host (files, virtual time), parsed flags,
 * the namespace in effect, and the output streams it appends to.
 */
import type { Cluster } from '../../engine/cluster';
import type { CommandHost } from '../types';
import { KubectlError, errorText, usageError } from './errors';
import type { FlagSpec, Flags } from './flags';

export interface KubectlContext {
  cluster: Cluster;
  host: CommandHost;
  flags: Flags;
  stdin: string;
  /** `-n`, else the context's namespace (always `default` here: there is no kubeconfig). */
  namespace: string;
  /** True when `-n` was given explicitly (kubectl's enforceNamespace). */
  explicitNamespace: boolean;
  /** The command path run, for errors: `get`, `rollout status`, `create service clusterip`. */
  verb: string;
  out: string[];
  err: string[];
  /** Exit code to return; verbs set 1 when a per-object error was printed. */
  exitCode: number;
  /** stdout is the terminal (CommandContext.tty): `get -w` may go on as a foreground job. */
  tty?: boolean;
}

/** A kubectl verb: its flags and how it runs. */
export interface Verb {
  name: string;
  /** One-line summary for `kubectl --help`. */
  short: string;
  flags: FlagSpec[];
  /**
   * For a verb that dispatches to sub-commands (`create`, `set`, `rollout`, `config`): the ones
   * it implements, by canonical name. Real ones missing here get an honest error.
   */
  subcommands?: readonly string[];
  /**
   * Flags of the verb that its bare form takes but a sub-command does not (`create -f --record`
   * but not `create deployment --record`), keyed by sub-command ('*': every one).
   */
  notForSubcommands?: Record<string, readonly string[]>;
  run(ctx: KubectlContext): void;
}

/** Print an error for one object and keep going, as kubectl's ContinueOnError visitors do. */
export function reportError(ctx: KubectlContext, err: unknown): void {
  if (err instanceof KubectlError && err.stdout) ctx.out.push(err.stdout);
  ctx.err.push(errorText(err, ctx.verb));
  ctx.exitCode = 1;
}

/** Run one step; if it throws, report the error and carry on (exit 1), rather than abort the verb. */
export function tryReporting(ctx: KubectlContext, step: () => void): void {
  try {
    step();
  } catch (e) {
    reportError(ctx, e);
  }
}

/** Run `each` on every item; one item's failure is reported and the rest still run (ContinueOnError). */
export function forEachReporting<T>(ctx: KubectlContext, items: Iterable<T>, each: (item: T) => void): void {
  for (const item of items) tryReporting(ctx, () => each(item));
}

/** A verb body whose usage and server errors become kubectl's `error: ...` line and exit 1. */
export const guarded = (body: (ctx: KubectlContext) => void) => (ctx: KubectlContext): void => tryReporting(ctx, () => body(ctx));

/**
 * Cobra's check of the flags a command marks required, made before the command runs (so before
 * its own argument checks): `required flag(s) "image", "schedule" not set`. A flag given with an
 * empty value counts as set.
 */
export function requireFlags(ctx: KubectlContext, ...names: string[]): void {
  const missing = names.filter((n) => !ctx.flags.has(n));
  if (missing.length > 0) throw usageError(`required flag(s) ${missing.map((n) => `"${n}"`).join(', ')} not set`);
}

/** Virtual now as Unix ms, the "now" the printers take. */
export const wallNow = (ctx: KubectlContext): number => ctx.cluster.config.epochMs + ctx.host.now();

/** Virtual now as RFC 3339 (second precision), for annotations kubectl stamps. */
export function rfc3339Now(ctx: KubectlContext): string {
  return new Date(wallNow(ctx)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
