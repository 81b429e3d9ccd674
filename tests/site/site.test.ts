// Cheap checks on the course site's sources: what a visitor would notice if they broke, without
// building the site (`npm run build` does that in CI).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');

/** The six lessons the home page promises, by the words a reader would look for. */
const LESSONS = [
  'What happens when you create a Pod',
  'Deployments and ReplicaSets',
  'Services, Endpoints and discovery',
  'kube-proxy modes',
  'Graceful shutdown and zero-downtime deploys',
  'Checkpoint and restore',
];

/** Front matter of a Markdown file as `key: value` lines (enough for top-level scalar keys). */
function frontMatter(file: string): Map<string, string> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(read(file));
  expect(match, `${file} starts with YAML front matter`).not.toBeNull();
  const fields = new Map<string, string>();
  for (const line of (match?.[1] ?? '').split('\n')) {
    const kv = /^([A-Za-z]\w*):\s*(.*)$/.exec(line);
    if (kv) fields.set(kv[1] ?? '', kv[2] ?? '');
  }
  return fields;
}

describe('course site', () => {
  it('loads lessons from content/ at the repository root', () => {
    const config = read('src/content.config.ts');
    expect(config).toMatch(/DOCS_BASE = '\.\/content'/);
    expect(config).toMatch(/glob\(\{ base: DOCS_BASE/);
    expect(config).toMatch(/schema: docsSchema\(/);
    expect(existsSync(path.join(root, 'src/content/docs'))).toBe(false);
  });

  it('autogenerates the Lessons sidebar group from the lessons directory', async () => {
    const { LESSONS_SIDEBAR_DIRECTORY } = (await import('../../astro.config.mjs')) as {
      LESSONS_SIDEBAR_DIRECTORY: string;
    };
    // Starlight matches this against entry paths relative to the repository root (see the config).
    expect(existsSync(path.join(root, LESSONS_SIDEBAR_DIRECTORY, 'index.md'))).toBe(true);
  });

  it('has a splash home page that names all six lessons in order', () => {
    const home = read('content/index.mdx');
    expect(frontMatter('content/index.mdx').get('template')).toBe('splash');
    const positions = LESSONS.map((title) => home.indexOf(title));
    expect(positions.every((p) => p >= 0), `missing: ${LESSONS.filter((_, i) => (positions[i] ?? -1) < 0).join('; ')}`).toBe(
      true,
    );
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('links each lesson card to a lesson page that exists', () => {
    const home = read('content/index.mdx');
    const hrefs = [...home.matchAll(/href="\/lessons\/([^/"]+)\/"/g)].map((m) => m[1]);
    expect(hrefs).toHaveLength(6);
    for (const slug of hrefs) expect(existsSync(path.join(root, `content/lessons/${slug}.mdx`)), slug).toBe(true);
  });

  it('tells visitors how labs run and how to try the engine from a terminal', () => {
    const home = read('content/index.mdx');
    for (const phrase of ['in your browser', 'deterministic', 'virtual clock', 'auto-graded', 'npx clusterlab shell']) {
      expect(home).toContain(phrase);
    }
  });

  it('gives every page a title and a description for search results and link previews', () => {
    for (const file of ['content/index.mdx', 'content/getting-started.md', 'content/lessons/index.md']) {
      const fields = frontMatter(file);
      expect(fields.get('title'), `${file} title`).toBeTruthy();
      expect(fields.get('description'), `${file} description`).toBeTruthy();
    }
  });
});
