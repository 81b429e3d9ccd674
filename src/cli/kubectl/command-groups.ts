/**
 * kubectl's command groups: verbs that only dispatch to sub-commands (`kubectl rollout`). Run
 * alone, cobra's DefaultSubCommandRun prints the group's help and exits 1, to the stream the
 * group was wired to (rollout's is stdout, the others' stderr). The help is shortened as
 * help.ts shortens the rest: the summary, the sub-commands with kubectl's own one-liners, usage.
 */
import type { KubectlContext } from './context';

interface CommandGroup {
  summary: string;
  aliases?: string;
  usage: string;
  stream: 'stdout' | 'stderr';
  subcommands: readonly (readonly [string, string])[];
}

const GROUPS = {
  rollout: {
    summary: 'Manage the rollout of one or many resources.',
    usage: 'kubectl rollout SUBCOMMAND [options]',
    stream: 'stdout',
    subcommands: [
      ['history', 'View rollout history'],
      ['pause', 'Mark the provided resource as paused'],
      ['restart', 'Restart a resource'],
      ['resume', 'Resume a paused resource'],
      ['status', 'Show the status of the rollout'],
      ['undo', 'Undo a previous rollout'],
    ],
  },
  set: {
    summary: 'Configure application resources.',
    usage: 'kubectl set SUBCOMMAND [options]',
    stream: 'stderr',
    subcommands: [
      ['env', 'Update environment variables on a pod template'],
      ['image', 'Update the image of a pod template'],
      ['resources', 'Update resource requests/limits on objects with pod templates'],
      ['selector', 'Set the selector on a resource'],
      ['serviceaccount', 'Update the service account of a resource'],
      ['subject', 'Update the user, group, or service account in a role binding or cluster role binding'],
    ],
  },
  config: {
    summary: 'Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".',
    usage: 'kubectl config SUBCOMMAND [options]',
    stream: 'stderr',
    subcommands: [
      ['current-context', 'Display the current-context'],
      ['delete-cluster', 'Delete the specified cluster from the kubeconfig'],
      ['delete-context', 'Delete the specified context from the kubeconfig'],
      ['delete-user', 'Delete the specified user from the kubeconfig'],
      ['get-clusters', 'Display clusters defined in the kubeconfig'],
      ['get-contexts', 'Describe one or many contexts'],
      ['get-users', 'Display users defined in the kubeconfig'],
      ['rename-context', 'Rename a context from the kubeconfig file'],
      ['set', 'Set an individual value in a kubeconfig file'],
      ['set-cluster', 'Set a cluster entry in kubeconfig'],
      ['set-context', 'Set a context entry in kubeconfig'],
      ['set-credentials', 'Set a user entry in kubeconfig'],
      ['unset', 'Unset an individual value in a kubeconfig file'],
      ['use-context', 'Set the current-context in a kubeconfig file'],
      ['view', 'Display merged kubeconfig settings or a specified kubeconfig file'],
    ],
  },
  top: {
    summary: 'Display resource (CPU/memory) usage.',
    usage: 'kubectl top [flags] [options]',
    stream: 'stderr',
    subcommands: [
      ['node', 'Display resource (CPU/memory) usage of nodes'],
      ['pod', 'Display resource (CPU/memory) usage of pods'],
    ],
  },
  'create secret': {
    summary:
      'Create a secret with specified type.\n\n A docker-registry type secret is for accessing a container registry.\n\n A generic type secret indicate an Opaque secret type.\n\n A tls type secret holds TLS certificate and its associated key.',
    usage: 'kubectl create secret (docker-registry | generic | tls) [options]',
    stream: 'stderr',
    subcommands: [
      ['docker-registry', 'Create a secret for use with a Docker registry'],
      ['generic', 'Create a secret from a local file, directory, or literal value'],
      ['tls', 'Create a TLS secret'],
    ],
  },
  'create service': {
    summary: 'Create a service using a specified subcommand.',
    aliases: 'service, svc',
    usage: 'kubectl create service [flags] [options]',
    stream: 'stderr',
    subcommands: [
      ['clusterip', 'Create a ClusterIP service'],
      ['externalname', 'Create an ExternalName service'],
      ['loadbalancer', 'Create a LoadBalancer service'],
      ['nodeport', 'Create a NodePort service'],
    ],
  },
} as const satisfies Record<string, CommandGroup>;

export type GroupPath = keyof typeof GROUPS;

export const isCommandGroup = (path: string): path is GroupPath => Object.hasOwn(GROUPS, path);

/** The sub-command names of a group, in kubectl's (sorted) order. */
export const groupSubcommands = (path: GroupPath): string[] => GROUPS[path].subcommands.map(([name]) => name);

/** A group's help text; cobra pads names to the longest (at least 11) plus three spaces. */
export function groupHelp(path: GroupPath): string {
  const group: CommandGroup = GROUPS[path];
  const width = Math.max(11, ...group.subcommands.map(([name]) => name.length)) + 3;
  const subcommands = group.subcommands.map(([name, short]) => `  ${name.padEnd(width)}${short}\n`).join('');
  const aliases = group.aliases ? `Aliases:\n${group.aliases}\n\n` : '';
  return (
    `${group.summary}\n\n${aliases}Available Commands:\n${subcommands}\nUsage:\n  ${group.usage}\n\n` +
    `Use "kubectl ${path} <command> --help" for more information about a given command.\n` +
    'Use "kubectl options" for a list of global command-line options (applies to all commands).\n'
  );
}

/** The group run with no sub-command: its help, on its stream, and exit status 1. */
export function groupRunAlone(ctx: KubectlContext, path: GroupPath): void {
  (GROUPS[path].stream === 'stdout' ? ctx.out : ctx.err).push(groupHelp(path));
  ctx.exitCode = 1;
}
