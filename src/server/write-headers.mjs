// @ts-check
/**
 * Writes the header files other servers read from src/server/headers.mjs:
 * public/_headers (static hosts) and deploy/nginx/clusterlab-headers.conf (nginx).
 *   node src/server/write-headers.mjs
 * tests/site/headers.test.ts fails when they are out of date.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nginxHeaders, staticHostHeaders } from './headers.mjs';

export const GENERATED = {
  'public/_headers': staticHostHeaders,
  'deploy/nginx/clusterlab-headers.conf': nginxHeaders,
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  for (const [path, render] of Object.entries(GENERATED)) {
    writeFileSync(root + path, render());
    console.log(`wrote ${path}`);
  }
}
