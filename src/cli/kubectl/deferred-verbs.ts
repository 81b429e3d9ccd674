/**
 * Verbs whose code loads with the deferred programs (src/cli/deferred.ts): their names, help and
 * flags are here, in the engine bundle, as kubectl's parser and `help` need them at once; what
 * they do runs from the deferred chunk, loaded before any line runs.
 */
import { programs } from '../deferred';
import { guarded, type Verb } from './context';
import type { FlagSpec } from './flags';
import type { SessionConfig } from './commands/cluster';
import { DRY_RUN_FLAG, MUTATION_FLAGS } from './mutation';
import { RECORD_FLAG } from './record';

export const drain: Verb = {
  name: 'drain',
  short: 'Drain node in preparation for maintenance',
  flags: [
    { name: 'force', type: 'bool' },
    { name: 'ignore-daemonsets', type: 'bool' },
    { name: 'delete-emptydir-data', type: 'bool' },
    { name: 'delete-local-data', type: 'bool' },
    { name: 'grace-period', type: 'int' },
    { name: 'timeout', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'pod-selector', type: 'string' },
    { name: 'disable-eviction', type: 'bool' },
    { name: 'skip-wait-for-delete-timeout', type: 'int' },
    { name: 'chunk-size', type: 'int' },
    DRY_RUN_FLAG,
  ],
  run: guarded((ctx) => programs().runDrain(ctx)),
};

export const taint: Verb = {
  name: 'taint',
  short: 'Update the taints on one or more nodes',
  flags: [...MUTATION_FLAGS, { name: 'selector', short: 'l', type: 'string' }, { name: 'overwrite', type: 'bool' }, { name: 'all', type: 'bool' }],
  run: guarded((ctx) => programs().runTaint(ctx)),
};

export const events: Verb = {
  name: 'events',
  short: 'List events',
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'for', type: 'string' },
    { name: 'types', type: 'array' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
    { name: 'chunk-size', type: 'int' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'allow-missing-template-keys', type: 'bool' },
    { name: 'template', type: 'string' },
  ],
  run: guarded((ctx) => programs().runEvents(ctx)),
};

/** Flags `create secret` adds to `kubectl create` (`--from-literal` is shared with configmap). */
export const CREATE_SECRET_FLAGS: FlagSpec[] = [
  { name: 'from-file', type: 'list' },
  { name: 'type', type: 'string' },
  { name: 'cert', type: 'string' },
  { name: 'key', type: 'string' },
  { name: 'docker-server', type: 'string' },
  { name: 'docker-username', type: 'string' },
  { name: 'docker-password', type: 'string' },
  { name: 'docker-email', type: 'string' },
];

export const logs: Verb = {
  name: 'logs',
  short: 'Print the logs for a container in a pod',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'previous', short: 'p', type: 'bool' },
    { name: 'tail', type: 'int' },
    { name: 'timestamps', type: 'bool' },
    { name: 'follow', short: 'f', type: 'bool' },
    { name: 'since', type: 'duration' },
    { name: 'since-time', type: 'string' },
    { name: 'all-containers', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'prefix', type: 'bool' },
    { name: 'max-log-requests', type: 'int' },
    { name: 'ignore-errors', type: 'bool' },
    { name: 'pod-running-timeout', type: 'string' },
  ],
  run: guarded((ctx) => programs().runLogs(ctx)),
};

export const expose: Verb = {
  name: 'expose',
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  flags: [
    RECORD_FLAG,
    ...MUTATION_FLAGS,
    { name: 'port', type: 'string' },
    { name: 'target-port', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'protocol', type: 'string' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'selector', type: 'string' },
    { name: 'cluster-ip', type: 'string' },
    { name: 'session-affinity', type: 'string' },
    { name: 'external-ip', type: 'string' },
    { name: 'load-balancer-ip', type: 'string' },
    { name: 'filename', short: 'f', type: 'array' },
  ],
  run: guarded((ctx) => programs().runExpose(ctx)),
};

export const describe: Verb = {
  name: 'describe',
  short: 'Show details of a specific resource or group of resources',
  flags: [
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'filename', short: 'f', type: 'array' },
    { name: 'show-events', type: 'string' },
    { name: 'recursive', short: 'R', type: 'bool' },
  ],
  run: guarded((ctx) => programs().runDescribe(ctx)),
};

/** The informational verbs; `config` shares the session's namespace setting. */
export function clusterVerbs(session: SessionConfig): Verb[] {
  return [
    {
      name: 'api-resources',
      short: 'Print the supported API resources on the server',
      flags: [
        { name: 'namespaced', type: 'bool' },
        { name: 'output', short: 'o', type: 'string' },
        { name: 'no-headers', type: 'bool' },
        { name: 'api-group', type: 'string' },
        { name: 'sort-by', type: 'string' },
        { name: 'cached', type: 'bool' },
      ],
      run: guarded((ctx) => programs().clusterRuns.apiResources(ctx)),
    },
    { name: 'api-versions', short: 'Print the supported API versions on the server, in the form of "group/version"', flags: [], run: guarded((ctx) => programs().clusterRuns.apiVersions(ctx)) },
    { name: 'cluster-info', short: 'Display cluster information', flags: [], run: guarded((ctx) => programs().clusterRuns.clusterInfo(ctx)) },
    {
      name: 'top',
      short: 'Display resource (CPU/memory) usage',
      flags: [
        { name: 'all-namespaces', short: 'A', type: 'bool' },
        { name: 'selector', short: 'l', type: 'string' },
        { name: 'sort-by', type: 'string' },
        { name: 'containers', type: 'bool' },
        { name: 'no-headers', type: 'bool' },
        { name: 'sum', type: 'bool' },
        { name: 'show-capacity', type: 'bool' },
        { name: 'use-protocol-buffers', type: 'bool' },
      ],
      subcommands: ['node', 'pod'],
      run: guarded((ctx) => programs().clusterRuns.top(ctx)),
    },
    {
      name: 'config',
      short: 'Modify kubeconfig files',
      flags: [{ name: 'current', type: 'bool' }, { name: 'minify', type: 'bool' }, { name: 'raw', type: 'bool' }, { name: 'output', short: 'o', type: 'string' }, { name: 'template', type: 'string' }],
      subcommands: ['current-context', 'get-contexts', 'set-context', 'view'],
      run: guarded((ctx) => programs().clusterRuns.config(ctx, session)),
    },
  ];
}
