/**
 * Small formatting helpers shared by the kind printers and `describe`: label maps, label
 * selectors and container lists the way apimachinery and printers.go render them.
 */
import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1';
import type { Container } from 'kubernetes-types/core/v1';

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Go's sort.Strings order (byte order, not locale order). */
export const sortStrings = (values: Iterable<string>): string[] => [...values].sort(byKey);

/** labels.FormatLabels: `k=v` sorted by key and joined by commas, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = sortStrings(Object.keys(labels ?? {}));
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels?.[k] ?? ''}`).join(',');
}

function requirementString(r: LabelSelectorRequirement): string {
  const values = sortStrings(r.values ?? []).join(',');
  switch (r.operator) {
    case 'In':
      return `${r.key} in (${values})`;
    case 'NotIn':
      return `${r.key} notin (${values})`;
    case 'Exists':
      return r.key;
    case 'DoesNotExist':
      return `!${r.key}`;
    default:
      return `${r.key} ${r.operator.toLowerCase()} (${values})`;
  }
}

/**
 * labels.Selector String() of metav1.LabelSelectorAsSelector: requirements sorted by key, empty
 * for both a nil selector (Nothing) and an empty one (Everything).
 */
export function labelSelectorString(selector: LabelSelector | undefined | null): string {
  if (!selector) return '';
  const reqs: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) reqs.push({ key, text: `${key}=${value}` });
  for (const r of selector.matchExpressions ?? []) reqs.push({ key: r.key, text: requirementString(r) });
  // sort.Sort by key; insertion order breaks ties for the small lists selectors have.
  return reqs
    .map((r, i) => ({ ...r, i }))
    .sort((a, b) => byKey(a.key, b.key) || a.i - b.i)
    .map((r) => r.text)
    .join(',');
}

/** metav1.FormatLabelSelector: like labelSelectorString but `<none>` when empty. */
export function formatLabelSelector(selector: LabelSelector | undefined | null): string {
  return labelSelectorString(selector) || '<none>';
}

/** layoutContainerCells: container names and images, each joined by commas. */
export function layoutContainerCells(containers: Container[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}

/** listWithMoreString: at most `max` entries, then ` + N more...`; `<unset>` when empty. */
export function listWithMore(entries: string[], max = 3): string {
  const ret = entries.slice(0, max).join(',');
  if (entries.length > max) return `${ret} + ${entries.length - max} more...`;
  return ret === '' ? '<unset>' : ret;
}

/** net.JoinHostPort: IPv6 hosts are bracketed. */
export const joinHostPort = (host: string, port: number | string): string =>
  host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
