/**
 * `kubectl wait --for=condition=Ready[=true] | --for=delete | --for=jsonpath='{...}'=value`
 * on `TYPE/NAME`, `TYPE NAME...`, `-l` or `--all`, for `--timeout` (default 30 s) of virtual time:
 * `pod/web condition met`, or `error: timed out waiting for the condition on pods/web`.
 */
import type { KubeObject } from '../../../engine/api/objects';
import { forEachReporting, guarded, type KubectlContext, type Verb } from '../context';
import { usageError } from '../errors';
import { evaluatePath, formatValue, relaxedPath } from '../jsonpath';
import { resolveTargets, type Found } from '../query';
import { qualified, typedName } from '../resource-args';
import { timeoutMs, waitUntil } from '../wait-loop';

type Condition = (obj: KubeObject | undefined) => boolean;

/** Parse --for into a check on the live object (undefined when it is gone). */
function conditionFor(spec: string): Condition {
  const lower = spec.toLowerCase();
  if (lower === 'delete') return (obj) => obj === undefined;
  if (lower === 'create') return (obj) => obj !== undefined;
  if (spec.startsWith('condition=')) {
    const [name, value = 'true'] = spec.slice('condition='.length).split('=');
    return (obj) => {
      const conditions = (obj as { status?: { conditions?: { type: string; status: string }[] } } | undefined)?.status?.conditions ?? [];
      return conditions.some((c) => c.type.toLowerCase() === name!.toLowerCase() && c.status.toLowerCase() === value.toLowerCase());
    };
  }
  if (spec.startsWith('jsonpath=')) {
    const body = spec.slice('jsonpath='.length);
    const close = body.lastIndexOf('}');
    const path = relaxedPath(body.slice(0, close + 1));
    const rest = body.slice(close + 1);
    const want = rest.startsWith('=') ? rest.slice(1) : undefined;
    return (obj) => {
      if (!obj) return false;
      const values = evaluatePath(path, obj);
      return want === undefined ? values.length > 0 : values.length > 0 && formatValue(values[0]) === want;
    };
  }
  throw usageError(`unrecognized condition: "${spec}"`);
}

function waitOne(ctx: KubectlContext, f: Found, condition: Condition, timeout: number): void {
  const ns = f.object.metadata?.namespace;
  const name = f.object.metadata?.name ?? '';
  const live = () => {
    const obj = ctx.cluster.api.tryGet(f.type.resource, ns, name);
    return obj && obj.metadata?.uid === f.object.metadata?.uid ? obj : undefined;
  };
  if (!waitUntil(ctx.host, timeout, () => condition(live()))) {
    throw usageError(`timed out waiting for the condition on ${qualified(f.type)}/${name}`);
  }
  ctx.out.push(`${typedName(f.type, name)} condition met\n`);
}

function run(ctx: KubectlContext): void {
  const spec = ctx.flags.string('for');
  if (!spec) throw usageError('--for must be specified');
  const condition = conditionFor(spec);
  const timeoutText = ctx.flags.string('timeout') ?? '30s';
  const timeout = timeoutText === '-1s' ? 7 * 24 * 3_600_000 : timeoutMs(timeoutText);
  const forDelete = spec.toLowerCase() === 'delete';
  // Waiting for an object to be deleted that is already gone succeeds at once (wait.go ignores NotFound).
  const { found, requests } = resolveTargets(ctx, ctx.flags.args, forDelete);
  if (requests.length === 0 && ctx.flags.array('filename').length === 0) throw usageError('resource(s) were provided, but no name was specified');
  if (found.length === 0 && ctx.exitCode === 0) {
    if (forDelete) return;
    throw usageError('no matching resources found');
  }
  forEachReporting(ctx, found, (f) => waitOne(ctx, f, condition, timeout));
}

export const wait: Verb = {
  name: 'wait',
  short: 'Experimental: Wait for a specific condition on one or many resources',
  flags: [
    { name: 'for', type: 'string' },
    { name: 'timeout', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'filename', short: 'f', type: 'array' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'field-selector', type: 'string' },
  ],
  run: guarded(run),
};
