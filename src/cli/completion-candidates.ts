import type { Cluster } from '../engine/cluster';
import { RESOURCE_TYPES, resolveResource } from '../engine/api/resources';
import { allVerbs } from './kubectl/verbs';
import { fileCandidates } from './shell/completion';
import type { Shell } from './shell/shell';
import type { VirtualFs } from './types';

const KUBECTL_VERBS = allVerbs({ namespace: 'default' }).map((v) => v.name);
const ROLLOUT_SUBCOMMANDS = ['history', 'pause', 'restart', 'resume', 'status', 'undo'];
/** Verbs whose first argument is a resource type and second an object name. */
const TYPED_VERBS = new Set(['get', 'describe', 'delete', 'label', 'annotate', 'scale', 'edit', 'expose', 'wait']);
/** Verbs whose first argument is a pod (kubectl completes pod names there). */
const POD_VERBS = new Set(['logs', 'exec', 'attach', 'port-forward']);
const NAMESPACE_FLAGS = new Set(['-n', '--namespace']);
const FILE_FLAGS = new Set(['-f', '--filename']);
/** Flags whose value is the next word, so that word is no positional argument. */
const VALUE_FLAGS = new Set([...NAMESPACE_FLAGS, ...FILE_FLAGS, '-o', '--output', '-l', '--selector', '-c', '--container']);

/**
 * What Tab may complete the last word of a command line to: command names first, then kubectl
 * verbs, resource types, the names of live objects in the namespace the command names, namespaces
 * after `-n`, manifests after `-f`, otherwise file names. Used by every terminal (Node readline
 * today, xterm.js in the browser).
 */
export function commandLineCandidates(shell: Shell, cluster: Cluster, fs: VirtualFs): (words: string[]) => string[] {
  return (words) => {
    const partial = words[words.length - 1] ?? '';
    if (words.length <= 1) return shell.commandNames();
    if (words[0] === 'kubectl') return kubectlCandidates({ shell, cluster, fs }, words.slice(1, -1), partial);
    return fileCandidates(fs, partial);
  };
}

interface Sources {
  shell: Shell;
  cluster: Cluster;
  fs: VirtualFs;
}

function kubectlCandidates(sources: Sources, before: string[], partial: string): string[] {
  // The value of a flag: `-n <TAB>`, or `--namespace=<TAB>` (the candidates keep the `--flag=`).
  const assigned = /^(-[^=]+)=(.*)$/.exec(partial);
  if (assigned) return (flagValues(sources, assigned[1]!, assigned[2]!) ?? []).map((v) => `${assigned[1]}=${v}`);
  const values = flagValues(sources, before[before.length - 1] ?? '', partial);
  if (values) return values;
  const { cluster } = sources;
  const namespace = namespaceOf(before) ?? contextNamespace(sources.shell);
  const positional = before.filter((w, i) => !w.startsWith('-') && (i === 0 || !VALUE_FLAGS.has(before[i - 1]!)));
  const [verb, type] = positional;
  if (verb === undefined) return KUBECTL_VERBS;
  if (verb === 'rollout') return positional.length === 1 ? ROLLOUT_SUBCOMMANDS : objectNames(cluster, 'deployments', namespace, 'deployment/');
  if (POD_VERBS.has(verb)) return positional.length === 1 ? objectNames(cluster, 'pods', namespace, '') : [];
  if (!TYPED_VERBS.has(verb)) return [];
  if (type === undefined) return [...new Set(RESOURCE_TYPES.flatMap((t) => [t.resource, t.singular, ...t.shortNames]))];
  const resolved = resolveResource(type);
  return resolved ? objectNames(cluster, resolved.resource, namespace, '') : [];
}

/** kubectl's completion of a flag's value: namespaces after `-n`, manifests after `-f`. */
function flagValues({ cluster, fs }: Sources, flag: string, partial: string): string[] | undefined {
  if (NAMESPACE_FLAGS.has(flag)) return objectNames(cluster, 'namespaces', undefined, '');
  if (FILE_FLAGS.has(flag)) return fileCandidates(fs, partial).filter((f) => /(\/|\.ya?ml|\.json)$/.test(f));
  return undefined;
}

/** The namespace the words give, in any form kubectl takes (`-n x`, `-nx`, `-n=x`, `--namespace[=]x`); the last wins. */
function namespaceOf(args: string[]): string | undefined {
  let namespace: string | undefined;
  args.forEach((arg, i) => {
    if (NAMESPACE_FLAGS.has(arg) && i + 1 < args.length) namespace = args[i + 1];
    else if (arg.startsWith('--namespace=')) namespace = arg.slice('--namespace='.length);
    else if (/^-n[^-]/.test(arg)) namespace = arg.slice(arg[2] === '=' ? 3 : 2);
  });
  return namespace;
}

/**
 * Without `-n`, kubectl uses its context's namespace (`kubectl config set-context --current
 * --namespace=x`). As kubectl's own completion does, ask kubectl: its kubeconfig says.
 */
function contextNamespace(shell: Shell): string {
  const kubectl = shell.command('kubectl');
  if (!kubectl) return 'default';
  const result = kubectl({ argv: ['config', 'view', '--minify'], stdin: '', env: shell.environment(), host: shell.host });
  return (result.exitCode === 0 && /^ +namespace: (\S+)$/m.exec(result.stdout)?.[1]) || 'default';
}

function objectNames(cluster: Cluster, resource: string, namespace: string | undefined, prefix: string): string[] {
  return cluster.api.list(resource, namespace).items.map((o) => `${prefix}${o.metadata?.name ?? ''}`);
}
