/**
 * `kubectl create -f FILE` and the generators learners use most: `create deployment`,
 * `create namespace`, `create configmap --from-literal`.
 */
import type { KubeObject } from '../../../engine/api/objects';
import { resourceType } from '../../../engine/api/resources';
import { forEachReporting, guarded, type KubectlContext, type Verb } from '../context';
import { usageError } from '../errors';
import { readManifests } from '../manifests';
import { CREATE_PDB_FLAGS, podDisruptionBudgetObject } from './pdb';
import { CREATE_NETWORK_FLAGS, ingressObject, serviceObject } from './create-network';
import { dryRunFlag, manifestNamespace, MUTATION_FLAGS, printResult, validateFields } from '../mutation';
import { lastAppliedValue, LAST_APPLIED } from '../apply-merge';
import { withSource } from './apply';

/** `registry/library/nginx:1.27@sha256:...` -> `nginx`: how `create deployment` names its container. */
export function containerNameFromImage(image: string): string {
  const last = image.split('/').pop() ?? image;
  return last.split('@')[0]!.split(':')[0]!;
}

function deploymentObject(ctx: KubectlContext, name: string): KubeObject {
  const images = ctx.flags.array('image');
  if (images.length === 0) throw usageError('required flag(s) "image" not set');
  const port = ctx.flags.int('port');
  const labels = { app: name };
  const containers = images.map((image, i) => ({
    image,
    name: containerNameFromImage(image),
    ...(port !== undefined && i === 0 ? { ports: [{ containerPort: port }] } : {}),
    resources: {},
  }));
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { labels, name, namespace: ctx.namespace },
    spec: { replicas: ctx.flags.int('replicas') ?? 1, selector: { matchLabels: labels }, strategy: {}, template: { metadata: { labels }, spec: { containers } } },
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
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ctx.namespace }, data } as KubeObject;
}

const GENERATORS: Record<string, { resource: string; build: (ctx: KubectlContext, name: string) => KubeObject }> = {
  deployment: { resource: 'deployments', build: deploymentObject },
  deploy: { resource: 'deployments', build: deploymentObject },
  namespace: { resource: 'namespaces', build: (_ctx, name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: {}, status: {} }) as KubeObject },
  ns: { resource: 'namespaces', build: (_ctx, name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: {}, status: {} }) as KubeObject },
  configmap: { resource: 'configmaps', build: configMapObject },
  cm: { resource: 'configmaps', build: configMapObject },
  poddisruptionbudget: { resource: 'poddisruptionbudgets', build: podDisruptionBudgetObject },
  pdb: { resource: 'poddisruptionbudgets', build: podDisruptionBudgetObject },
  ingress: { resource: 'ingresses', build: ingressObject },
  ing: { resource: 'ingresses', build: ingressObject },
};

function createGenerated(ctx: KubectlContext, sub: string, name: string | undefined): void {
  // `create service TYPE NAME` has its type as a sub-command of its own.
  if (sub === 'service' || sub === 'svc') return createObject(ctx, 'services', serviceObject(ctx, name, ctx.flags.args[2]));
  const generator = GENERATORS[sub];
  if (!generator) throw usageError(`unknown command "${sub}" for "kubectl create"`);
  if (!name) throw usageError(`exactly one NAME is required, got 0\nSee 'kubectl create ${sub} -h' for help and examples`);
  createObject(ctx, generator.resource, generator.build(ctx, name));
}

function createObject(ctx: KubectlContext, resource: string, obj: KubeObject): void {
  const type = resourceType(resource);
  const dryRun = dryRunFlag(ctx);
  const created = dryRun === 'none' ? ctx.cluster.api.create(type.resource, obj) : obj;
  printResult(ctx, type, created, 'created', dryRun);
}

function createFromFiles(ctx: KubectlContext, files: string[]): void {
  const dryRun = dryRunFlag(ctx);
  const manifests = readManifests(files, ctx.host, ctx.stdin);
  if (manifests.length === 0) throw usageError('no objects passed to create');
  forEachReporting(ctx, manifests, (m) => {
    const obj = { ...m.object, metadata: { ...m.object.metadata, namespace: manifestNamespace(ctx, m.type, m.object) } };
    if (ctx.flags.bool('save-config')) obj.metadata.annotations = { ...obj.metadata.annotations, [LAST_APPLIED]: lastAppliedValue(obj) };
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
  if (files.length > 0) return createFromFiles(ctx, files);
  const [sub, name] = ctx.flags.args;
  if (!sub) throw usageError("must specify one of -f and -k\nSee 'kubectl create -h' for help and examples");
  createGenerated(ctx, sub, name);
}

export const create: Verb = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  flags: [
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
  ],
  run: guarded(run),
};
