import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { extractBlocks, runLessonBlocks } from '../../src/cli/lesson-blocks';
import { loadLab } from '../../src/labs/registry';
import { LabSession } from '../../src/labs/session';

const CONTENT = join(import.meta.dirname, '../../content');

function pages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return pages(path);
    return /\.mdx?$/.test(e.name) ? [path] : [];
  });
}

interface Frontmatter {
  kubernetesVersion?: string;
  labs?: string[];
}

function frontmatter(source: string): Frontmatter {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(source);
  return m ? (parseYaml(m[1]!) as Frontmatter) : {};
}

describe('every YAML and shell block in the course runs against the engine', () => {
  // A page that embeds a lab shows commands for that lab's cluster (its first lab's), so they run there.
  test.each(pages(CONTENT).map((p) => [relative(CONTENT, p), p]))('%s', async (_name, path) => {
    const source = readFileSync(path, 'utf8');
    const { kubernetesVersion: version, labs } = frontmatter(source);
    const options = { seed: 1, ...(version ? { kubernetesVersion: version } : {}) };
    const lab = labs?.[0] ? LabSession.create(await loadLab(labs[0])).session : undefined;
    const failures = runLessonBlocks(extractBlocks(source), options, lab);
    expect(failures.map((f) => `line ${f.block.line}: ${f.message}`)).toEqual([]);
  });
});

const LESSON = `---
title: A lesson
---

Create the Deployment:

\`\`\`yaml title="web.yaml"
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
\`\`\`

\`\`\`sh
kubectl apply -f web.yaml
kubectl rollout status deployment/web
\`\`\`

\`\`\`console
$ kubectl get deploy web
NAME   READY   UP-TO-DATE   AVAILABLE   AGE
web    2/2     2            2           6s
\`\`\`

\`\`\`sh expect-fail
kubectl get pod nothere
\`\`\`

\`\`\`sh host
npm install
\`\`\`
`;

describe('the lesson block runner', () => {
  test('finds the blocks with their languages, attributes and lines', () => {
    expect(extractBlocks(LESSON).map((b) => [b.kind, b.meta, b.line])).toEqual([
      ['yaml', { title: 'web.yaml' }, 7],
      ['shell', {}, 25],
      ['console', {}, 30],
      ['shell', { 'expect-fail': '' }, 36],
    ]);
  });

  test('a lesson whose commands work and whose output matches passes', () => {
    expect(runLessonBlocks(extractBlocks(LESSON))).toEqual([]);
  });

  test('a failing command, wrong output, an unexpected success and a refused manifest are each reported', () => {
    const broken = LESSON.replace('kubectl rollout status deployment/web', 'kubectl rollout status deployment/api')
      .replace('web    2/2', 'web    3/3')
      .replace('kubectl get pod nothere', 'kubectl get deploy web')
      .concat('\n```yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containers: []\n```\n');
    const messages = runLessonBlocks(extractBlocks(broken)).map((f) => `${f.block.line}: ${f.message.split('\n')[0]}`);
    expect(messages).toEqual([
      '25: `kubectl rollout status deployment/api` exited with 1:',
      '30: `kubectl get deploy web` printed:',
      '36: `kubectl get deploy web` was expected to fail but succeeded:',
      '44: the cluster refused this manifest:',
    ]);
  });
});
