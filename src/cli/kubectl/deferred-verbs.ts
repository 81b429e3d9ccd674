/**
 * Verbs whose code loads with the deferred programs (src/cli/deferred.ts): their names, help and
 * flags are here, in the engine bundle, as kubectl's parser and `help` need them at once; what
 * they do runs from the deferred chunk, loaded before any line runs.
 */
import { programs } from '../deferred';
import { guarded, type Verb } from './context';
import type { FlagSpec } from './flags';
import { DRY_RUN_FLAG, MUTATION_FLAGS } from './mutation';

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
