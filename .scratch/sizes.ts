import { runLargeRollout } from '../bench/large-rollout-scenario';
const r = runLargeRollout();
const store = (r.session.cluster as any).store ?? (r.session.cluster as any).api.store;
const kvs = store.snapshot().kvs as { key: string; value: unknown }[];
const by = new Map<string, [number, number]>();
for (const kv of kvs) { const root = kv.key.split('/').slice(0, 3).join('/'); const a = by.get(root) ?? [0, 0]; a[0]++; a[1] += JSON.stringify(kv.value).length; by.set(root, a); }
for (const [k, [c, s]] of [...by].sort((a, b) => b[1][1] - a[1][1])) console.log(k.padEnd(40), c, (s / 1048576).toFixed(1), 'MB json', Math.round(s / c));
const pod = kvs.find((k) => k.key.startsWith('/registry/pods/'))!; console.log(JSON.stringify(pod.value, null, 1).slice(0, 3000));
const ev = kvs.find((k) => k.key.startsWith('/registry/events/'))!; console.log(JSON.stringify(ev.value));
console.log('history', store.snapshot().history.length);
