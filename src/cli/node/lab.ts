import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFreezeStoredObjects } from '../../engine/api/objects';
import { ENGINE_VERSION } from '../../labs/engine-version';
import { formatLabTest, testLab } from '../../labs/lab-test';
import { LABS_DIR, listLabs, loadLab } from '../../labs/registry';
import { LAB_ID, UnknownLabError } from '../../labs/resolve';
import { LabDefinitionError } from '../../labs/define';
import { LabSession } from '../../labs/session';
import { verifyResultText } from '../../labs/verify';
import { scaffoldFiles } from './lab-scaffold';
import { interactive } from './interactive';

export const LAB_USAGE = `Usage:
  clusterlab lab new ID               scaffold labs/ID with a working example task
  clusterlab lab test [ID]            prove one lab (or every lab) valid and solvable
  clusterlab lab play ID [--save F]   open the lab in this terminal; --save writes the result file on exit
  clusterlab verify RESULT.json       replay a lab result; exit 0 when it holds up
`;

/** Where labs live: labs/ of this checkout, or CLUSTERLAB_LABS_DIR (a course's own folder, tests). */
export function labsDir(): string {
  return process.env.CLUSTERLAB_LABS_DIR || LABS_DIR;
}

/** How a lab in `folder` imports the authoring API (../../src/labs/author inside this checkout). */
function authorImport(folder: string): string {
  const author = fileURLToPath(new URL('../../labs/author', import.meta.url));
  return relative(folder, author).split(sep).join('/');
}

const out = (text: string) => process.stdout.write(text);
const err = (text: string) => process.stderr.write(`clusterlab: ${text}\n`);

/** `clusterlab lab ...`; returns the exit code. */
export async function labCommand(args: string[], dir = labsDir()): Promise<number> {
  const [verb, ...rest] = args;
  switch (verb) {
    case 'new':
      return labNew(rest[0], dir);
    case 'test':
      return labTest(rest[0], dir);
    case 'play':
      return labPlay(rest, dir);
    case undefined:
    case 'help':
    case '--help':
      out(LAB_USAGE);
      return verb === undefined ? 2 : 0;
    default:
      err(`unknown lab command "${verb}"`);
      out(LAB_USAGE);
      return 2;
  }
}

async function labNew(id: string | undefined, dir: string): Promise<number> {
  if (!id) return (err('lab new needs an id, e.g. clusterlab lab new my-first-lab'), 2);
  if (!LAB_ID.test(id)) return (err(`"${id}" is not a lab id: use lowercase letters, digits and dashes`), 2);
  const folder = join(dir, id);
  if (existsSync(folder)) return (err(`${folder} already exists`), 1);
  for (const [rel, content] of Object.entries(scaffoldFiles(id, authorImport(folder)))) {
    await mkdir(dirname(join(folder, rel)), { recursive: true });
    await writeFile(join(folder, rel), content);
  }
  out(`created ${folder}\n  lab.ts            the definition: setup, tasks with checks and hints, solution\n  tasks/deploy.md   the task's instructions\nNext: clusterlab lab test ${id}   and   clusterlab lab play ${id}\n`);
  return 0;
}

async function labTest(id: string | undefined, dir: string): Promise<number> {
  // As in the test suite: a check that changes an object it read fails here, not silently in a
  // learner's browser, where stored objects are not frozen (see src/engine/api/objects.ts).
  setFreezeStoredObjects(true);
  const ids = id ? [id] : await listLabs(dir);
  if (ids.length === 0) return (err(`no labs under ${dir}`), 1);
  let failures = 0;
  for (const labId of ids) {
    try {
      const report = testLab(await loadLab(labId, dir));
      out(formatLabTest(report));
      if (!report.ok) failures++;
    } catch (e) {
      failures++;
      out(`FAIL ${labId}\n  FAIL the lab definition loads and is valid\n${indentLines((e as Error).message, 9)}\n`);
    }
  }
  out(`${ids.length - failures} of ${ids.length} labs pass\n`);
  return failures === 0 ? 0 : 1;
}

async function labPlay(args: string[], dir: string): Promise<number> {
  const id = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--save');
  const saveAt = args.indexOf('--save');
  const savePath = saveAt >= 0 ? args[saveAt + 1] : undefined;
  if (!id) return (err('lab play needs a lab id (clusterlab lab test lists them)'), 2);
  if (saveAt >= 0 && !savePath) return (err('--save needs a file name'), 2);
  let lab: LabSession;
  try {
    lab = LabSession.create(await loadLab(id, dir));
  } catch (e) {
    return (err((e as Error).message), e instanceof UnknownLabError ? 2 : 1);
  }
  out(`${lab.def.title}\n${lab.def.summary}\nType 'tasks' for the tasks, 'check' to grade, 'hint' when stuck, 'exit' to leave.\n`);
  const code = await interactive(lab.session, { run: (input) => lab.run(input), amendRunning: (output, ms) => lab.amendRunning(output, ms) });
  if (savePath) {
    await writeFile(savePath, `${JSON.stringify(lab.exportResult(), null, 1)}\n`);
    out(`saved your result to ${savePath} (verify it with: clusterlab verify ${savePath})\n`);
  }
  return code;
}

/** `clusterlab verify RESULT.json`. */
export async function verifyCommand(args: string[], dir = labsDir()): Promise<number> {
  const file = args[0];
  if (!file) return (err('verify needs a result file, e.g. clusterlab verify result.json'), 2);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return (err(`cannot read ${file}: ${(e as Error).message}`), 2);
  }
  const verdict = await verifyResultText(text, async (id) => {
    try {
      return await loadLab(id, dir);
    } catch (e) {
      if (e instanceof UnknownLabError) return undefined;
      if (e instanceof LabDefinitionError) throw e;
      throw e;
    }
  });
  if (verdict.accepted) {
    const p = verdict.progress;
    const hints = Object.values(p.hintsShown ?? {}).reduce((a, b) => a + b, 0);
    const help = `${hints} hint${hints === 1 ? '' : 's'} shown${p.assisted ? ', looked at the solution' : ''}`;
    out(`accepted: lab ${p.labId}, score ${p.score}/${p.maxScore}${p.complete ? ', complete' : ', not complete'}; ${help} (replayed on engine ${ENGINE_VERSION})\n`);
    return 0;
  }
  out(`rejected (${verdict.code}): ${verdict.reason}\n`);
  return 1;
}

function indentLines(text: string, n: number): string {
  return text
    .split('\n')
    .map((l) => ' '.repeat(n) + l)
    .join('\n');
}
