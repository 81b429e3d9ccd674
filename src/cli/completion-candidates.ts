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

/**
 * What Tab may complete the last word of a command line to: command names first, then kubectl
 * verbs, resource types and the names of live objects, otherwise file names. Used by every
 * terminal (Node readline today, xterm.js in the browser).
 */
export function commandLineCandidates(shell: Shell, cluster: Cluster, fs: VirtualFs): (words: string[]) => string[] {
  return (words) => {
    const partial = words[words.length - 1] ?? '';
    if (words.length <= 1) return shell.commandNames();
    if (words[0] === 'kubectl') return kubectlCandidates(cluster, words.slice(1, -1));
    return fileCandidates(fs, partial);
  };
}

function kubectlCandidates(cluster: Cluster, before: string[]): string[] {
  const namespaceAt = before.findIndex((w) => w === '-n' || w === '--namespace');
  const namespace = namespaceAt >= 0 ? (before[namespaceAt + 1] ?? 'default') : 'default';
  const positional = before.filter((w, i) => !w.startsWith('-') && (i === 0 || !['-n', '--namespace', '-o', '-l', '-f', '-c'].includes(before[i - 1]!)));
  const [verb, type] = positional;
  if (verb === undefined) return KUBECTL_VERBS;
  if (verb === 'rollout') return positional.length === 1 ? ROLLOUT_SUBCOMMANDS : objectNames(cluster, 'deployments', namespace, 'deployment/');
  if (!TYPED_VERBS.has(verb)) return [];
  if (type === undefined) return [...new Set(RESOURCE_TYPES.flatMap((t) => [t.resource, t.singular, ...t.shortNames]))];
  const resolved = resolveResource(type);
  return resolved ? objectNames(cluster, resolved.resource, namespace, '') : [];
}

function objectNames(cluster: Cluster, resource: string, namespace: string, prefix: string): string[] {
  return cluster.api.list(resource, namespace).items.map((o) => `${prefix}${o.metadata?.name ?? ''}`);
}
