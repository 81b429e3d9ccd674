import { loadLab } from '../labs/registry';
import { UnknownLabError } from '../labs/resolve';
import type { LabDefinition } from '../labs/schema';

/** Labs by id from `dir`, loaded once each; undefined for an unknown id, as `clusterlab verify` does. */
export function labLoader(dir: string): (id: string) => Promise<LabDefinition | undefined> {
  const cache = new Map<string, Promise<LabDefinition | undefined>>();
  return (id) => {
    let def = cache.get(id);
    if (!def) {
      def = loadLab(id, dir).catch((e: unknown) => {
        cache.delete(id);
        if (e instanceof UnknownLabError) return undefined;
        throw e;
      });
      cache.set(id, def);
    }
    return def;
  };
}
