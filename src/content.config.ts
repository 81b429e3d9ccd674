// Astro's ambient module types (astro:content), so `tsc` and ESLint understand this file on a
// fresh clone too; `astro sync` (run by dev, build and check) adds the generated collection types.
/// <reference types="astro/client" />
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

/**
 * The course is documentation as code: lessons are Markdown/MDX files in content/ at the
 * repository root, next to labs/, rather than in Starlight's default src/content/docs/.
 * Files whose name starts with `_` are partials, not pages (same rule as Starlight's docsLoader).
 */
export const DOCS_BASE = './content';

export const collections = {
  docs: defineCollection({
    loader: glob({ base: DOCS_BASE, pattern: '**/[^_]*.{md,mdx}' }),
    schema: docsSchema(),
  }),
};
