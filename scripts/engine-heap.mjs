// How a Node process that runs the simulated cluster sizes its heap: the `clusterlab shell` and
// `clusterlab run` processes start with these V8 flags, and `npm run bench` measures the
// 5,000-pod rollout under the same ones (DESIGN.md: ≤ 300 MB in Node).
//
// Why flags at all: at Node's defaults V8 lets a busy old generation grow to up to four times
// what survived the last full collection before it collects again, and lets the young generation's
// semi-spaces grow past 16 MB each. The 5,000-pod rollout keeps about 135 MB reachable yet peaks near 450 MB of RSS.
// - `--max-semi-space-size=16` halves the young generation. Scavenges stay cheap: most of what
//   the engine allocates dies young.
// - `--max-old-space-size=512`: V8 scales its largest growing factor by the heap limit
//   (heap-controller's MaxGrowingFactor: 4× from 2 GB up, about 1.4× at 512 MB), so full
//   collections come sooner and the peak stays near the live data. The rollout then peaks under
//   300 MB, for about a tenth more wall time.
// The limit is also a ceiling: a simulated cluster with more than about 15,000 pods' worth of
// live objects stops with V8's heap-limit error instead of swapping the machine.
//
// Plain JavaScript that runs on Node 20, like node-version.mjs.

export const ENGINE_HEAP_FLAGS = ['--max-semi-space-size=16', '--max-old-space-size=512'];

/** Whether this process was started with every engine heap flag (on its command line or in NODE_OPTIONS). */
export function hasEngineHeapFlags(execArgv = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? '') {
  const given = new Set([...execArgv, ...nodeOptions.split(/\s+/)].map((f) => f.replace(/_/g, '-')));
  return ENGINE_HEAP_FLAGS.every((flag) => given.has(flag));
}
