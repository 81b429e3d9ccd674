/**
 * Fetching the objects a verb operates on: by name, by label selector (`-l`), by field selector,
 * across namespaces (`-A`) or from `-f` manifests, in the order kubectl's resource builder
 * returns them.
 */
import { ApiError } from '../../engine/api/errors';
import { matchesFields, type FieldTerm } from '../../engine/api/field-selectors';
import { matches, parseSelector, SelectorParseError, type Selector } from '../../engine/api/labels';
import type { KubeObject } from '../../engine/api/objects';
import type { ResourceType } from '../../engine/api/resources';
import type { KubectlContext } from './context';
import { forEachReporting, reportError } from './context';
import { usageError } from './errors';
import { readManifests } from './manifests';
import { parseResourceArgs, type ResourceRequest } from './resource-args';

/** One object found, with its type and whether it was asked for by name. */
export interface Found {
  type: ResourceType;
  object: KubeObject;
}

/** `-l` as a selector, with kubectl's parse error. */
export function selectorFlag(ctx: KubectlContext): Selector | undefined {
  const text = ctx.flags.string('selector');
  if (text === undefined) return undefined;
  try {
    return parseSelector(text);
  } catch (e) {
    if (e instanceof SelectorParseError) throw usageError(e.message);
    throw e;
  }
}

/** `--field-selector a=b,c==d,e!=f` as fields.ParseSelector reads it: terms the server then checks. */
export function fieldSelectorFlag(ctx: KubectlContext): FieldTerm[] | undefined {
  const text = ctx.flags.string('field-selector');
  if (text === undefined) return undefined;
  const terms: FieldTerm[] = [];
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const m = /^([^=!]+)(!=|==|=)(.*)$/.exec(part.trim());
    if (!m) throw usageError(`invalid selector: '${text}'; can't understand '${part}'`);
    terms.push({ field: m[1]!.trim(), op: m[2] === '!=' ? '!=' : '=', value: m[3]!.trim() });
  }
  return terms;
}

/** The namespace to list in: undefined for `-A` or cluster-scoped types. */
export function listNamespace(ctx: KubectlContext, type: ResourceType): string | undefined {
  if (!type.namespaced || ctx.flags.bool('all-namespaces')) return undefined;
  return ctx.namespace;
}

/** List one type with the selectors in effect, sorted by namespace then name as the API returns. */
export function listType(ctx: KubectlContext, type: ResourceType): KubeObject[] {
  try {
    const items = ctx.cluster.api.list(type.resource, listNamespace(ctx, type), {
      labelSelector: selectorFlag(ctx),
      fieldSelector: fieldSelectorFlag(ctx),
    }).items;
    return [...items];
  } catch (e) {
    throw e instanceof ApiError && e.code === 400 ? enhancedListError(ctx, type, e) : e;
  }
}

/** cli-runtime's EnhanceListError: a 400 names the resource and the selectors, and stays an API error. */
function enhancedListError(ctx: KubectlContext, type: ResourceType, e: ApiError): ApiError {
  const subject = `${type.group}/${type.version}, Resource=${type.resource}`;
  const labels = ctx.flags.string('selector') ?? '';
  const fields = ctx.flags.string('field-selector') ?? '';
  const message =
    labels || fields
      ? `Unable to find ${JSON.stringify(subject)} that match label selector ${JSON.stringify(labels)}, field selector ${JSON.stringify(fields)}: ${e.message}`
      : `Unable to list ${JSON.stringify(subject)}: ${e.message}`;
  return new ApiError(e.code, e.reason, message, e.details);
}

/** Whether an object a watch hears about belongs in `get -w` output: the names asked for, under `-l` and `--field-selector`. */
export function watchFilter(ctx: KubectlContext, names: readonly string[]): (obj: KubeObject) => boolean {
  const labels = selectorFlag(ctx);
  const fields = fieldSelectorFlag(ctx);
  return (obj) =>
    (names.length === 0 || names.includes(obj.metadata?.name ?? '')) &&
    (!labels || matches(labels, obj.metadata?.labels)) &&
    (!fields || matchesFields(obj, fields));
}

/** A bare type means "every match" only with `-l`, `--field-selector` or `--all`; kubectl refuses it otherwise. */
export function requireNames(ctx: KubectlContext, requests: ResourceRequest[]): void {
  const selected = ctx.flags.has('selector') || ctx.flags.has('field-selector') || ctx.flags.bool('all');
  if (!selected && requests.some((r) => r.names.length === 0)) throw usageError('resource(s) were provided, but no name was specified');
}

/**
 * Resolve positional arguments to objects. Names not found are reported on stderr (exit 1) and
 * skipped, as kubectl's ContinueOnError builder does; `ignoreNotFound` (delete's flag) skips them silently.
 */
export function findObjects(ctx: KubectlContext, requests: ResourceRequest[], ignoreNotFound = false): Found[] {
  const out: Found[] = [];
  for (const { type, names } of requests) {
    if (names.length === 0) {
      for (const object of listType(ctx, type)) out.push({ type, object });
      continue;
    }
    for (const name of names) {
      try {
        out.push({ type, object: ctx.cluster.api.get(type.resource, type.namespaced ? ctx.namespace : undefined, name) });
      } catch (e) {
        if (!ignoreNotFound || !(e instanceof ApiError && e.code === 404)) reportError(ctx, e);
      }
    }
  }
  return out;
}

/** Objects named by `-f`: looked up live by the kind, namespace and name in each manifest. */
export function findFromFiles(ctx: KubectlContext): Found[] {
  const out: Found[] = [];
  forEachReporting(ctx, readManifests(ctx.flags.array('filename'), ctx.host, ctx.stdin), (m) => {
    const ns = m.type.namespaced ? (m.object.metadata?.namespace ?? ctx.namespace) : undefined;
    out.push({ type: m.type, object: ctx.cluster.api.get(m.type.resource, ns, m.object.metadata?.name ?? '') });
  });
  return out;
}

/** Positional args or `-f`, whichever was given; requests are returned for verbs that need them. */
export function resolveTargets(ctx: KubectlContext, args: string[], ignoreNotFound = false): { found: Found[]; requests: ResourceRequest[] } {
  if (ctx.flags.array('filename').length > 0) return { found: findFromFiles(ctx), requests: [] };
  const requests = parseResourceArgs(args);
  return { found: findObjects(ctx, requests, ignoreNotFound), requests };
}
