import { CONTAINER_LAYOUT } from './protocol';

/** The files of the runtime the site serves (built by src/integrations/webcontainer-bundle.ts). */
export const RUNTIME_FILES = ['daemon.mjs', 'shim.mjs', 'client.mjs', 'ctl.mjs'] as const;

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

/** Fetch the runtime files from the site (same origin, so COEP require-corp lets them through). */
export async function fetchRuntimeFiles(baseUrl: string): Promise<Record<string, string>> {
  const entries = await Promise.all(
    RUNTIME_FILES.map(async (name) => {
      const res = await fetch(new URL(name, baseUrl));
      if (!res.ok) throw new Error(`could not load the WebContainer runtime (${name}: HTTP ${res.status})`);
      return [name, await res.text()] as const;
    }),
  );
  return Object.fromEntries(entries);
}
