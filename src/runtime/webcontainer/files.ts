import { CONTAINER_LAYOUT } from './protocol';

/** Names the runtime's files (daemon, its lab chunks, shims); built by src/integrations/webcontainer-bundle.ts. */
const MANIFEST = 'manifest.json';

/**
 * bin/NAME in the container: a Node script the shell finds on PATH. It has no extension, so Node
 * loads it as CommonJS; the dynamic import reaches the ESM shim next to bin/.
 */
export function shimScript(name: string): string {
  return `#!/usr/bin/env node\nimport('../shim.mjs').then((shim) => shim.main(${JSON.stringify(name)}));\n`;
}

/** The tree to mount: .clusterlab/ with the runtime files, and bin/ with one shim per command. */
export function containerTree(files: Record<string, string>, commands: string[]) {
  const runtime: Record<string, { file: { contents: string } }> = {};
  for (const [name, contents] of Object.entries(files)) runtime[name] = { file: { contents } };
  const bin: Record<string, { file: { contents: string } }> = {};
  for (const name of commands) bin[name] = { file: { contents: shimScript(name) } };
  return { [CONTAINER_LAYOUT.dir]: { directory: { ...runtime, bin: { directory: bin } } } };
}

async function fetchText(url: URL, name: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not load the WebContainer runtime (${name}: HTTP ${res.status})`);
  return res.text();
}

/** Fetch the runtime files from the site (same origin, so COEP require-corp lets them through). */
export async function fetchRuntimeFiles(baseUrl: string): Promise<Record<string, string>> {
  const names = (JSON.parse(await fetchText(new URL(MANIFEST, baseUrl), MANIFEST)) as string[]).filter((n) => n !== MANIFEST);
  const entries = await Promise.all(names.map(async (name) => [name, await fetchText(new URL(name, baseUrl), name)] as const));
  return Object.fromEntries(entries);
}
