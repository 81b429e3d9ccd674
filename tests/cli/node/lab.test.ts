import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

const bin = fileURLToPath(new URL('../../../bin/clusterlab.mjs', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'clusterlab-labs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function clusterlab(args: string[], options: { input?: string; labsDir?: string } = {}): { stdout: string; stderr: string; status: number | null } {
  const env = { ...process.env, CLUSTERLAB_LABS_DIR: options.labsDir ?? '' };
  const r = spawnSync(process.execPath, [bin, ...args], { input: options.input ?? '', encoding: 'utf8', timeout: 120_000, env });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

const PASS_STEPS = [
  '  ok   every task and hint renders as Markdown',
  '  ok   the untouched setup fails every check',
  '  ok   the reference solution passes every check',
  '  ok   replaying the solution twice gives identical output',
  "  ok   the solution's saved result verifies",
];

describe('clusterlab lab new / test', () => {
  test('scaffolds a lab that lab test proves valid and solvable', () => {
    const dir = join(scratch, 'new');
    mkdirSync(dir);
    const created = clusterlab(['lab', 'new', 'hello-lab'], { labsDir: dir });
    expect(created.status).toBe(0);
    expect(created.stdout).toContain(`created ${join(dir, 'hello-lab')}\n`);
    expect(existsSync(join(dir, 'hello-lab', 'tasks', 'deploy.md'))).toBe(true);
    const tested = clusterlab(['lab', 'test', 'hello-lab'], { labsDir: dir });
    expect(tested.stdout).toBe(['PASS hello-lab', ...PASS_STEPS, '1 of 1 labs pass', ''].join('\n'));
    expect(tested.status).toBe(0);
    expect(clusterlab(['lab', 'new', 'hello-lab'], { labsDir: dir })).toMatchObject({ status: 1, stderr: `clusterlab: ${join(dir, 'hello-lab')} already exists\n` });
    expect(clusterlab(['lab', 'new', 'Hello Lab'], { labsDir: dir })).toMatchObject({ status: 2, stderr: 'clusterlab: "Hello Lab" is not a lab id: use lowercase letters, digits and dashes\n' });
  });

  test('lab test reports an invalid lab with every problem and fails', () => {
    const dir = join(scratch, 'broken');
    mkdirSync(join(dir, 'broken'), { recursive: true });
    writeFileSync(
      join(dir, 'broken', 'lab.ts'),
      "export default { id: 'broken', title: 'Broken', summary: 'x', seed: 1, setup: { featureGates: { Foo: true } }, tasks: [{ id: 'a', title: 'A', instructions: 'Do A.', check: 'yes' }], solution: [{ input: 'true' }] };\n",
    );
    const r = clusterlab(['lab', 'test'], { labsDir: dir });
    expect(r.stdout).toBe(
      [
        'FAIL broken',
        '  FAIL the lab definition loads and is valid',
        '         lab labs/broken/lab.ts is not valid:',
        '           lab.setup.featureGates.Foo: not modelled by this engine, so it cannot be set (modelled gates: ContainerCheckpoint)',
        '           lab.tasks[0].check: must be a function (view) => CheckResult',
        '0 of 1 labs pass',
        '',
      ].join('\n'),
    );
    expect(r.status).toBe(1);
  });

  test('lab test freezes what checks read, so a check that edits an object fails', () => {
    const dir = join(scratch, 'editing');
    mkdirSync(join(dir, 'editing'), { recursive: true });
    // An ES module, as labs are in the repository: strict mode, where writing to a frozen object throws.
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(
      join(dir, 'editing', 'lab.ts'),
      [
        "export default { id: 'editing', title: 'Editing', summary: 'x', seed: 1, setup: {},",
        "  tasks: [{ id: 'a', title: 'A', instructions: 'Do A.', check: (view) => {",
        "    const node = view.get('nodes', undefined, 'node-1');",
        "    node.metadata.labels.checked = 'yes';",
        "    return { pass: false, message: 'never' };",
        '  } }],',
        "  solution: [{ input: 'true' }] };",
        '',
      ].join('\n'),
    );
    const r = clusterlab(['lab', 'test'], { labsDir: dir });
    expect(r.stdout).toMatch(/^FAIL editing\n/);
    expect(r.stdout).toMatch(/Cannot add property checked, object is not extensible/);
    expect(r.status).toBe(1);
  });

  test('lab test of an unknown lab names the labs there are', () => {
    const r = clusterlab(['lab', 'test', 'nope']);
    expect(r.stdout).toContain('FAIL nope\n  FAIL the lab definition loads and is valid\n         unknown lab "nope" (labs: ');
    expect(r.status).toBe(1);
  });
});

describe('clusterlab lab play / verify', () => {
  test('a learner plays pod-journey, saves the result, and verify accepts it; an edited copy is rejected', () => {
    const result = join(scratch, 'result.json');
    const input = ['kubectl apply -f web.yaml', 'etcdctl get /registry/pods --prefix --keys-only', 'check', 'exit 0', ''].join('\n');
    const played = clusterlab(['lab', 'play', 'pod-journey', '--save', result], { input });
    expect(played.status).toBe(0);
    expect(played.stdout).toContain('Follow a Pod from apply to Running\n');
    expect(played.stdout).toContain('pod/web created\n');
    expect(played.stdout).toContain(`saved your result to ${result} (verify it with: clusterlab verify ${result})\n`);
    const saved = JSON.parse(readFileSync(result, 'utf8')) as { progress: { score: number }; transcript: { input: string }[] };
    expect(saved.transcript.map((e) => e.input)).toEqual(['kubectl apply -f web.yaml', 'etcdctl get /registry/pods --prefix --keys-only', 'check', 'exit 0']);

    const verified = clusterlab(['verify', result]);
    expect(verified.stdout).toMatch(new RegExp(`^accepted: lab pod-journey, score ${saved.progress.score}/60, not complete; 0 hints shown \\(replayed on engine \\S+\\)\\n$`));
    expect(verified.status).toBe(0);

    const forged = join(scratch, 'forged.json');
    writeFileSync(forged, JSON.stringify({ ...saved, progress: { ...saved.progress, score: 60 } }));
    const rejected = clusterlab(['verify', forged]);
    expect(rejected.stdout).toMatch(/^rejected \(tampered-score\): the result claims score 60\/60; the replay gives \d+\/60 \(passed: .*\)\n$/);
    expect(rejected.status).toBe(1);
  });

  test('verify explains a missing file', () => {
    expect(clusterlab(['verify', join(scratch, 'none.json')])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^clusterlab: cannot read .*none\.json: ENOENT/) as string });
  });
});
