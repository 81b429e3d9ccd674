/**
 * `kubectl create -f FILE` and the generators learners use most: `create deployment`,
 * `create namespace`, `create configmap --from-literal`, `create secret`.
 */
import type { KubeObject } from '../../../engine/api/objects';
import { resourceType } from '../../../engine/api/resources';
import { forEachReporting, guarded, requireFlags, type KubectlContext, type Verb } from '../context';
import { unexpectedArgs, usageError } from '../errors';
import { readManifests } from '../manifests';
import { CREATE_PDB_FLAGS, podDisruptionBudgetObject } from './pdb';
import { CREATE_NETWORK_FLAGS, ingressObject, serviceObject } from './create-network';
import { dryRunFlag, generatedMeta, manifestNamespace, MUTATION_FLAGS, printResult, submitGenerated, validateFields, writeOutput } from '../mutation';
import { realSubcommand, unknownSubcommand } from '../real-commands';
import type { SecretGenerator } from './create-secret';
import { CREATE_SECRET_FLAGS } from '../deferred-verbs';
import { programs } from '../../deferred';
import { ApiError } from '../../../engine/api/errors';
import { lastAppliedValue, LAST_APPLIED } from '../apply-merge';
import { withSource } from './apply';
import { groupRunAlone } from '../command-groups';
import { RECORD_FLAG, recordChangeCause } from '../record';

/** `registry/library/nginx:1.27@sha256:...` -> `nginx`: how `create deployment` names its container. */
export function containerNameFromImage(image: string): string {
  const last = image.split('/').pop() ?? image;
  return last.split('@')[0]!.split(':')[0]!;
}

function deploymentObject(ctx: KubectlContext, name: string): KubeObject {
  const images = ctx.flags.array('image');
  const port = ctx.flags.int('port');
  // A map of its own for each use, as the Go generator builds them.
  const labels = () => ({ app: name });
  const containers = images.map((image, i) => ({
    image,
    name: containerNameFromImage(image),
    ...(port !== undefined && i === 0 ? { ports: [{ containerPort: port }] } : {}),
    resources: {},
  }));
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: generatedMeta(ctx, name, { labels: labels() }),
    spec: { replicas: ctx.flags.int('replicas') ?? 1, selector: { matchLabels: labels() }, strategy: {}, template: { metadata: { labels: labels() }, spec: { containers } } },
    status: {},
  } as KubeObject;
}

function configMapObject(ctx: KubectlContext, name: string): KubeObject {
  const data: Record<string, string> = {};
  for (const literal of ctx.flags.array('from-literal')) {
    const eq = literal.indexOf('=');
    if (eq <= 0) throw usageError(`invalid literal source ${literal}, expected key=value`);
    data[literal.slice(0, eq)] = literal.slice(eq + 1);
  }
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: generatedMeta(ctx, name), data } as KubeObject;
}

interface Generator {
  resource: string;
  build: (ctx: KubectlContext, name: string) => KubeObject;
  /** Flags cobra requires of this sub-command, checked before it runs. */
  required?: string[];
}

/** The generators by their canonical sub-command names (real-commands.ts knows the aliases). */
const GENERATORS: Record<string, Generator> = {
  deployment: { resource: 'deployments', build: deploymentObject, required: ['image'] },
  namespace: { resource: 'namespaces', build: (_ctx, name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: {}, status: {} }) as KubeObject },
  configmap: { resource: 'configmaps', build: configMapObject },
  poddisruptionbudget: { resource: 'poddisruptionbudgets', build: podDisruptionBudgetObject },
  ingress: { resource: 'ingresses', build: ingressObject },
};

function createGenerated(ctx: KubectlContext, typed: string, name: string | undefined): void {
  const sub = realSubcommand('create', typed);
  // `create service TYPE NAME` has its type as a sub-command of its own.
  if (sub === 'service' && name === undefined) return groupRunAlone(ctx, 'create service');
  if (sub === 'service') return createObject(ctx, 'services', serviceObject(ctx, name, ctx.flags.args[2]));
  if (sub === 'secret') return createSecret(ctx, name, ctx.flags.args[2]);
  const generator = sub === undefined ? undefined : GENERATORS[sub];
  // Real generators we lack were refused before flag parsing (runVerb); this is
  // create's own Run meeting arguments that name no generator.
  if (!generator) throw usageError(`Unexpected args: [${ctx.flags.args.join(' ')}]\nSee 'kubectl create -h' for help and examples`);
  requireFlags(ctx, ...(generator.required ?? []));
  if (!name) throw usageError(`exactly one NAME is required, got 0\nSee 'kubectl create ${sub} -h' for help and examples`);
  createObject(ctx, generator.resource, generator.build(ctx, name));
}

/** `create secret generic|tls|docker-registry NAME`; the API's refusal comes back wrapped, as Run wraps it. */
function createSecret(ctx: KubectlContext, generator: string | undefined, name: string | undefined): void {
  if (generator === undefined) return groupRunAlone(ctx, 'create secret');
  const kind = realSubcommand('create secret', generator) as SecretGenerator | undefined;
  if (!kind) throw unknownSubcommand('create secret', ctx.flags.args.slice(1));
  if (!name) throw usageError(`exactly one NAME is required, got 0\nSee 'kubectl create secret ${kind} -h' for help and examples`);
  const obj = programs().secretObject(ctx, kind, name);
  try {
    createObject(ctx, 'secrets', obj);
  } catch (e) {
    if (e instanceof ApiError) throw usageError(`failed to create secret ${e.message}`);
    throw e;
  }
}

function createObject(ctx: KubectlContext, resource: string, obj: KubeObject): void {
  const type = resourceType(resource);
  const dryRun = dryRunFlag(ctx);
  printResult(ctx, type, submitGenerated(ctx, type, obj, dryRun), 'created', dryRun, 'as-built');
}

function createFromFiles(ctx: KubectlContext, files: string[]): void {
  const dryRun = dryRunFlag(ctx);
  writeOutput(ctx);
  const manifests = readManifests(files, ctx.host, ctx.stdin);
  if (manifests.length === 0) throw usageError('no objects passed to create');
  forEachReporting(ctx, manifests, (m) => {
    const obj = { ...m.object, metadata: { ...m.object.metadata, namespace: manifestNamespace(ctx, m.type, m.object) } };
    if (ctx.flags.bool('save-config')) obj.metadata.annotations = { ...obj.metadata.annotations, [LAST_APPLIED]: lastAppliedValue(obj) };
    recordChangeCause(ctx, obj);
    let created: KubeObject = obj;
    if (dryRun === 'none') {
      try {
        validateFields(ctx, m.type, m.object);
        created = ctx.cluster.api.create(m.type.resource, obj);
      } catch (e) {
        throw withSource(e, 'creating', m.source);
      }
    }
    printResult(ctx, m.type, created, 'created', dryRun);
  });
}

function run(ctx: KubectlContext): void {
  const files = ctx.flags.array('filename');
  if (files.length > 0 && ctx.flags.args.length > 0) throw unexpectedArgs(ctx.flags.args, 'create');
  if (files.length > 0) return createFromFiles(ctx, files);
  const [sub, name] = ctx.flags.args;
  if (!sub) throw usageError("must specify one of -f and -k\nSee 'kubectl create -h' for help and examples");
  createGenerated(ctx, sub, name);
}

export const create: Verb = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  flags: [
    RECORD_FLAG,
    ...MUTATION_FLAGS,
    { name: 'filename', short: 'f', type: 'array' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'save-config', type: 'bool' },
    { name: 'image', type: 'array' },
    { name: 'replicas', short: 'r', type: 'int' },
    { name: 'port', type: 'int' },
    { name: 'from-literal', type: 'list' },
    ...CREATE_PDB_FLAGS,
    ...CREATE_NETWORK_FLAGS,
    ...CREATE_SECRET_FLAGS,
  ],
  subcommands: ['configmap', 'deployment', 'ingress', 'namespace', 'poddisruptionbudget', 'secret', 'service'],
  notForSubcommands: { '*': ['record'] },
  run: guarded(run),
};
