/**
 * Small informational verbs: `api-resources`, `cluster-info`, and `config` (view, current-context,
 * get-contexts, set-context --current --namespace). There is no kubeconfig file: one context,
 * `clusterlab`, whose namespace `set-context` changes for later commands.
 */
import { RESOURCE_TYPES } from '../../../engine/api/resources';
import type { KubectlContext } from '../context';
import { usageError } from '../errors';
import { unknownSubcommand } from '../real-commands';
import { newGetTabWriter } from '../printers';
import { parseOutput, printData } from '../output';
import { groupRunAlone } from '../command-groups';

/** The namespace `config set-context --current --namespace` chose, per kubectl instance. */
export interface SessionConfig {
  namespace: string;
}

/**
 * RunAPIResources: filtered by --namespaced and --api-group, sorted by group then name (or by
 * --sort-by name|kind), printed as a table (--no-headers) or `-o name` (`deployments.apps`).
 */
function apiResources(ctx: KubectlContext): void {
  if (ctx.flags.args.length > 0) throw usageError(`unexpected arguments: [${ctx.flags.args.join(' ')}]\nSee 'kubectl api-resources -h' for help and examples`);
  const sortBy = ctx.flags.string('sort-by') ?? '';
  if (!['', 'name', 'kind'].includes(sortBy)) throw usageError('--sort-by accepts only name or kind');
  const output = ctx.flags.string('output') ?? '';
  if (!['', 'name'].includes(output)) throw usageError(`the simulated kubectl prints api-resources as a table or -o name, not -o ${output}`);
  const group = ctx.flags.string('api-group');
  const key = (t: (typeof RESOURCE_TYPES)[number]) => (sortBy === 'name' ? t.resource : sortBy === 'kind' ? t.kind : t.group);
  const types = RESOURCE_TYPES.filter((t) => (!ctx.flags.has('namespaced') || ctx.flags.bool('namespaced') === t.namespaced) && (group === undefined || group === t.group));
  const sorted = [...types].sort((a, b) => (key(a) === key(b) ? (a.resource < b.resource ? -1 : 1) : key(a) < key(b) ? -1 : 1));
  if (output === 'name') {
    ctx.out.push(sorted.map((t) => `${t.resource}${t.group ? `.${t.group}` : ''}\n`).join(''));
    return;
  }
  const writer = newGetTabWriter();
  if (!ctx.flags.bool('no-headers')) writer.write('NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND\n');
  for (const t of sorted) writer.write(`${t.resource}\t${t.shortNames.join(',')}\t${t.group ? `${t.group}/` : ''}${t.version}\t${t.namespaced}\t${t.kind}\n`);
  writer.flush();
  ctx.out.push(writer.toString());
}

/** Every group/version the server serves, sorted as Go's sort.Strings does (`v1` after the groups). */
function apiVersions(ctx: KubectlContext): void {
  const versions = new Set(RESOURCE_TYPES.map((t) => (t.group ? `${t.group}/${t.version}` : t.version)));
  ctx.out.push([...versions].sort().map((v) => `${v}\n`).join(''));
}

/**
 * kubeadm installs no metrics-server, so the metrics.k8s.io API is not served and `top node` and
 * `top pod` stop where kubectl's discovery finds no metrics group.
 */
function top(ctx: KubectlContext): void {
  const [sub] = ctx.flags.args;
  if (!sub) return groupRunAlone(ctx, 'top');
  if (!TOP_SUBCOMMANDS.includes(sub)) throw unknownSubcommand('top', ctx.flags.args);
  throw usageError('Metrics API not available');
}

const TOP_SUBCOMMANDS = ['node', 'nodes', 'no', 'pod', 'pods', 'po'];

function clusterInfo(ctx: KubectlContext): void {
  const server = 'https://127.0.0.1:6443';
  let out = `Kubernetes control plane is running at ${server}\n`;
  if (ctx.cluster.api.tryGet('services', 'kube-system', 'kube-dns')) {
    out += `CoreDNS is running at ${server}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n`;
  }
  ctx.out.push(`${out}\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
}

/** The kubeconfig in clientcmd's v1 struct order (what `-o json` prints); YAML sorts its keys. */
function kubeconfig(namespace: string): Record<string, unknown> {
  return {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: {},
    clusters: [{ name: 'clusterlab', cluster: { server: 'https://127.0.0.1:6443', 'certificate-authority-data': 'DATA+OMITTED' } }],
    users: [{ name: 'clusterlab-admin', user: { 'client-certificate-data': 'DATA+OMITTED', 'client-key-data': 'DATA+OMITTED' } }],
    contexts: [{ name: 'clusterlab', context: { cluster: 'clusterlab', user: 'clusterlab-admin', ...(namespace !== 'default' ? { namespace } : {}) } }],
    'current-context': 'clusterlab',
  };
}

/** `config view [-o yaml|json|jsonpath=...|go-template=...]`: yaml unless asked otherwise. */
function configView(ctx: KubectlContext, session: SessionConfig): void {
  const format = parseOutput(ctx.flags.string('output') || 'yaml', false, ctx.flags.string('template'));
  if (format.kind === 'table') {
    throw usageError('unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml');
  }
  ctx.out.push(printData(format, kubeconfig(session.namespace), [], 'as-built'));
}

function config(ctx: KubectlContext, session: SessionConfig): void {
  const [sub] = ctx.flags.args;
  switch (sub) {
    case 'view':
      return configView(ctx, session);
    case 'current-context':
      ctx.out.push('clusterlab\n');
      return;
    case 'get-contexts': {
      const writer = newGetTabWriter();
      writer.write(`CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n*\tclusterlab\tclusterlab\tclusterlab-admin\t${session.namespace === 'default' ? '' : session.namespace}\n`);
      writer.flush();
      ctx.out.push(writer.toString());
      return;
    }
    case 'set-context': {
      if (!ctx.flags.bool('current') && ctx.flags.args[1] !== 'clusterlab') throw usageError('you must specify a non-empty context name or --current');
      if (ctx.explicitNamespace) session.namespace = ctx.namespace;
      ctx.out.push('Context "clusterlab" modified.\n');
      return;
    }
    default:
      if (!sub) return groupRunAlone(ctx, 'config');
      throw unknownSubcommand('config', ctx.flags.args);
  }
}

/** The informational verbs' runs; their names and flags are in deferred-verbs.ts, in the engine bundle. */
export const clusterRuns = { apiResources, apiVersions, clusterInfo, top, config };
