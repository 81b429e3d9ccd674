/**
 * Resource arguments as kubectl's resource builder reads them: `pods`, `po web api`,
 * `pod/web svc/web`, `svc,deploy`, `deployments.apps`, and the `all` category.
 */
import { resolveResource, resourceType, type ResourceType } from '../../engine/api/resources';
import { usageError } from './errors';

/** One resource type and the names asked for (empty: every object that matches). */
export interface ResourceRequest {
  type: ResourceType;
  names: string[];
}

/** What `kubectl get all` expands to among the kinds this cluster serves, in kubectl's order. */
const ALL_CATEGORY = ['pods', 'services', 'daemonsets', 'deployments', 'replicasets'];

/**
 * Built-in kinds a kubeadm cluster serves and this simulation does not, by plural and short
 * name: saying the server lacks them would be untrue of the cluster it imitates.
 */
const REAL_UNSERVED = new Map<string, string>(
  [
    ['jobs'], ['cronjobs', 'cj'], ['statefulsets', 'sts'], ['persistentvolumeclaims', 'pvc'], ['persistentvolumes', 'pv'],
    ['storageclasses', 'sc'], ['roles'], ['rolebindings'], ['clusterroles'], ['clusterrolebindings'], ['horizontalpodautoscalers', 'hpa'],
    ['networkpolicies', 'netpol'], ['limitranges', 'limits'], ['resourcequotas', 'quota'], ['replicationcontrollers', 'rc'],
    ['customresourcedefinitions', 'crd', 'crds'], ['priorityclasses', 'pc'], ['podtemplates'], ['certificatesigningrequests', 'csr'],
    ['runtimeclasses'], ['componentstatuses', 'cs'], ['controllerrevisions'], ['csidrivers'], ['csinodes'], ['volumeattachments'],
  ].flatMap(([plural, ...short]) => [plural!, singular(plural!), ...short].map((name) => [name, plural!] as [string, string])),
);

function singular(plural: string): string {
  if (plural.endsWith('ies')) return `${plural.slice(0, -3)}y`;
  return /(ss|us)es$/.test(plural) ? plural.slice(0, -2) : plural.slice(0, -1);
}

/** Resolve one typed resource name, with the server's not-found wording. */
export function resolveType(name: string): ResourceType {
  const type = resolveResource(name);
  if (type) return type;
  const real = REAL_UNSERVED.get(name.toLowerCase());
  if (real) throw usageError(`${real} are not available in this simulated cluster (kubectl api-resources lists what it serves)`);
  throw usageError(`the server doesn't have a resource type "${name}"`);
}

function resolveTypes(list: string): ResourceType[] {
  const out: ResourceType[] = [];
  for (const name of list.split(',')) {
    if (name === '') continue;
    if (name === 'all') out.push(...ALL_CATEGORY.map((r) => resourceType(r)));
    else out.push(resolveType(name));
  }
  return out;
}

/**
 * Turn positional arguments into requests. Either every argument is `type/name`, or the first is
 * a type list and the rest are names.
 */
export function parseResourceArgs(args: string[]): ResourceRequest[] {
  if (args.length === 0) return [];
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length > 0) {
    if (slashed.length !== args.length) {
      throw usageError(
        "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
      );
    }
    return args.map((arg) => {
      const [typeName, name, ...rest] = arg.split('/');
      if (!typeName || !name || rest.length > 0) throw usageError('arguments in resource/name form must have a single resource and name');
      return { type: resolveType(typeName), names: [name] };
    });
  }
  const [typeList, ...names] = args;
  return resolveTypes(typeList!).map((type) => ({ type, names }));
}

/** `deployment.apps` or `pod`: how kubectl prefixes names in `type/name` output. */
export function kindString(type: ResourceType): string {
  const kind = type.kind.toLowerCase();
  return type.group ? `${kind}.${type.group}` : kind;
}

/** `deployment.apps/web`. */
export const typedName = (type: ResourceType, name: string): string => `${kindString(type)}/${name}`;

/** `deployments.apps` or `pods`: how errors and `wait` name a resource. */
export function qualified(type: ResourceType): string {
  return type.group ? `${type.resource}.${type.group}` : type.resource;
}
