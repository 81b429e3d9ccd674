// Astro's ambient module types (astro:content), so `tsc` and ESLint understand this file on a
// fresh clone too; `astro sync` (run by dev, build and check) adds the generated collection types.
/// <reference types="astro/client" />
import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

/**
 * The course is documentation as code: lessons are Markdown/MDX files in content/ at the
 * repository root, next to labs/, rather than in Starlight's default src/content/docs/.
 * Files whose name starts with `_` are partials, not pages (same rule as Starlight's docsLoader).
 */
export const DOCS_BASE = './content';

/**
 * What a lesson adds to Starlight's frontmatter. All optional, so pages that are not lessons
 * (the home page, getting started) need none of it; the progress page lists pages that have
 * `order` or `labs`.
 */
export const lessonFields = z.object({
  /** Position in the course, 1 first; the progress page sorts lessons by it. */
  order: z.number().int().positive().optional(),
  /** What the learner can do after the lesson, one sentence each. */
  objectives: z.array(z.string().min(1)).optional(),
  estimatedMinutes: z.number().int().positive().optional(),
  /** The Kubernetes version the lesson's text and labs describe, e.g. 1.34. */
  kubernetesVersion: z
    .string()
    .regex(/^\d+\.\d+(\.\d+)?$/, 'must be a Kubernetes version such as 1.34 or 1.34.2')
    .optional(),
  /** Ids of the labs (labs/<id>/) the lesson embeds. */
  labs: z.array(z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, 'must be a lab id such as pod-journey')).optional(),
});

export const collections = {
  docs: defineCollection({
    loader: glob({ base: DOCS_BASE, pattern: '**/[^_]*.{md,mdx}' }),
    schema: docsSchema({ extend: lessonFields }),
  }),
};
