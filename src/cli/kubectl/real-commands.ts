/**
 * The commands a real kubectl (v1.3x) has, in one place: the top-level ones grouped as its root
 * help lists them, and the sub-commands of the dispatching verbs. A real command the simulator
 * lacks gets an honest error, not cobra's `unknown command`, which would tell a learner who typed
 * a valid command that they mistyped it.
 */
import { type KubectlError, usageError } from './errors';
import type { FlagSpec } from './flags';

/** kubectl's root help groups and their commands, in its order. */
export const COMMAND_GROUPS: readonly [string, readonly string[]][] = [
  ['Basic Commands (Beginner)', ['create', 'expose', 'run', 'set']],
  ['Basic Commands (Intermediate)', ['explain', 'get', 'edit', 'delete']],
  ['Deploy Commands', ['rollout', 'scale', 'autoscale']],
  ['Cluster Management Commands', ['certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint']],
  ['Troubleshooting and Debugging Commands', ['describe', 'logs', 'attach', 'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events']],
  ['Advanced Commands', ['diff', 'apply', 'patch', 'replace', 'wait', 'kustomize']],
  ['Settings Commands', ['label', 'annotate', 'completion']],
  ['Other Commands', ['api-resources', 'api-versions', 'config', 'plugin', 'version']],
];

/** Top-level commands cobra knows that the root help does not list (`help` the caller handles). */
const UNLISTED = ['alpha', 'options'];

/** Every top-level command name, for cobra's "Did you mean this?". */
export const REAL_COMMANDS: readonly string[] = [...COMMAND_GROUPS.flatMap(([, names]) => names), ...UNLISTED];

/**
 * Sub-commands of the dispatching verbs, each with its aliases (`create sa` is
 * `create serviceaccount`), keyed by the command path without `kubectl`.
 */
const SUBCOMMANDS: Record<string, Record<string, readonly string[]>> = {
  create: {
    clusterrole: [],
    clusterrolebinding: [],
    configmap: ['cm'],
    cronjob: ['cj'],
    deployment: ['deploy'],
    ingress: ['ing'],
    job: [],
    namespace: ['ns'],
    poddisruptionbudget: ['pdb'],
    priorityclass: ['pc'],
    quota: ['resourcequota'],
    role: [],
    rolebinding: [],
    secret: [],
    service: ['svc'],
    serviceaccount: ['sa'],
    token: [],
  },
  'create secret': { 'docker-registry': [], generic: [], tls: [] },
  'create service': { clusterip: [], externalname: [], loadbalancer: [], nodeport: [] },
  rollout: { history: [], pause: [], restart: [], resume: [], status: [], undo: [] },
  set: { env: [], image: [], resources: [], selector: [], serviceaccount: ['sa'], subject: [] },
  config: Object.fromEntries(
    ['current-context', 'delete-cluster', 'delete-context', 'delete-user', 'get-clusters', 'get-contexts', 'get-users', 'rename-context', 'set', 'set-cluster', 'set-context', 'set-credentials', 'unset', 'use-context', 'view'].map((n) => [n, []]),
  ),
};

export const isRealCommand = (name: string): boolean => REAL_COMMANDS.includes(name);

/** The canonical name of a real sub-command of `parent` (`sa` -> `serviceaccount`), if it is one. */
export function realSubcommand(parent: string, name: string): string | undefined {
  const subs = SUBCOMMANDS[parent] ?? {};
  return Object.keys(subs).find((sub) => sub === name || subs[sub]!.includes(name));
}

/** `error: "kubectl explain" is not available in this simulated cluster`. */
export const notAvailable = (path: string): KubectlError => usageError(`"kubectl ${path}" is not available in this simulated cluster`);

/**
 * The command path cobra ran for a verb's arguments: `rollout status`, `create service clusterip`,
 * or the verb alone. Its errors name it (`See 'kubectl rollout status --help' for usage.`).
 */
export function commandPath(verb: string, argv: readonly string[], flags: readonly FlagSpec[]): string {
  const [first, second] = positionals(argv, flags);
  const sub = realSubcommand(verb, first ?? '');
  if (sub === undefined) return verb;
  const nested = realSubcommand(`${verb} ${sub}`, second ?? '');
  return nested ? `${verb} ${sub} ${nested}` : `${verb} ${sub}`;
}

/** The arguments that are not flags, skipping the values of the flags known to take one. */
function positionals(argv: readonly string[], flags: readonly FlagSpec[]): string[] {
  const valued = new Set(flags.filter((f) => f.type !== 'bool').flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]));
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (!arg.startsWith('-') || arg === '-') out.push(arg);
    else if (valued.has(arg)) i++;
  }
  return out;
}

/** kubectl's DefaultSubCommandRun error for a sub-command typo; it quotes every argument. */
export function unknownSubcommand(parent: string, args: readonly string[]): KubectlError {
  return usageError(`unknown command ${JSON.stringify(args.join(' '))}\nSee 'kubectl ${parent} -h' for help and examples`);
}
