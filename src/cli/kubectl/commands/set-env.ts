/**
 * `kubectl set env TYPE/NAME KEY=VALUE ... KEY- [-c CONTAINER] [--list]`: edit (or list) the
 * environment of a pod template's containers, as kubectl's set_env.go does: nothing is printed
 * for an object that did not change, a container filter that matches nothing only warns.
 */
import type { Container, EnvVar } from 'kubernetes-types/core/v1';
import { clone, type KubeObject } from '../../../engine/api/objects';
import { forEachReporting, type KubectlContext } from '../context';
import { usageError } from '../errors';
import { podSpecOf } from '../pod-template';
import { resolveTargets } from '../query';
import { typedName } from '../resource-args';
import { updateEdited } from '../mutation';

interface EnvEdit {
  set: [string, string][];
  remove: string[];
}

function parseEdits(specs: string[]): EnvEdit {
  const edit: EnvEdit = { set: [], remove: [] };
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    if (eq > 0) edit.set.push([spec.slice(0, eq), spec.slice(eq + 1)]);
    else if (spec.endsWith('-') && spec.length > 1) edit.remove.push(spec.slice(0, -1));
    else throw usageError(`environment variables must be of the form key=value: ${spec}`);
  }
  return edit;
}

/** Apply the edit to one container's env; true when it changed. */
function editContainer(c: Container, edit: EnvEdit): boolean {
  const before = JSON.stringify(c.env ?? []);
  const env: EnvVar[] = (c.env ?? []).filter((e) => !edit.remove.includes(e.name));
  for (const [name, value] of edit.set) {
    const at = env.findIndex((e) => e.name === name);
    if (at >= 0) env[at] = { name, value };
    else env.push({ name, value });
  }
  if (env.length > 0) c.env = env;
  else delete c.env;
  return JSON.stringify(c.env ?? []) !== before;
}

function listEnv(kind: string, name: string, containers: Container[]): string {
  return containers.map((c) => `# ${kind} ${name}, container ${c.name}\n${(c.env ?? []).map((e) => `${e.name}=${e.value ?? ''}\n`).join('')}`).join('');
}

export function setEnv(ctx: KubectlContext): void {
  const args = ctx.flags.args.slice(1);
  const first = args.findIndex((a) => a.includes('=') || (a.endsWith('-') && !a.includes('/')));
  const resources = first < 0 ? args : args.slice(0, first);
  const edit = parseEdits([...ctx.flags.array('env'), ...(first < 0 ? [] : args.slice(first))]);
  const list = ctx.flags.bool('list');
  if (resources.length === 0 && ctx.flags.array('filename').length === 0) throw usageError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (!list && edit.set.length === 0 && edit.remove.length === 0) throw usageError('at least one environment variable must be provided');
  const pattern = ctx.flags.string('containers') ?? '*';
  const { found } = resolveTargets(ctx, resources);
  forEachReporting(ctx, found, (f) => {
    const obj: KubeObject = clone(f.object);
    const name = obj.metadata?.name ?? '';
    const spec = podSpecOf(obj);
    if (!spec) throw usageError(`${typedName(f.type, name)} has no pod template`);
    const containers = [...(spec.initContainers ?? []), ...spec.containers].filter((c) => pattern === '*' || c.name === pattern);
    if (containers.length === 0) {
      ctx.err.push(`Warning: ${f.type.kind}/${name} does not have any containers matching "${pattern}"\n`);
      return;
    }
    if (list) return void ctx.out.push(listEnv(f.type.kind, name, containers));
    const changed = containers.map((c) => editContainer(c, edit)).some(Boolean);
    if (!changed) return;
    updateEdited(ctx, f.type, obj, 'env updated');
  });
}
