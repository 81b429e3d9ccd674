/**
 * Lessons as tests: every YAML and shell block of a lesson runs against the engine, so a lesson
 * can never show a command that fails or output the cluster would not print.
 *
 * - ```sh / ```bash / ```shell: each command runs, in order, in one session per lesson (a reader
 *   following along); it must succeed, or fail when the block says `expect-fail`.
 * - ```console: `$ command` lines run and the lines after them must be exactly what the
 *   terminal prints (trailing spaces aside).
 * - ```yaml title="web.yaml": written to that file on the workstation for later blocks, by the
 *   same `cat > web.yaml <<'EOF'` the block's "Save to terminal" button types in the browser;
 *   without a title the manifest is created in a scratch cluster and must be accepted.
 * - A block marked `host` is for the reader's own machine (`npm install`, `git clone`) and is
 *   not run; lessons use it only for such set-up steps.
 */
import { marked, type Token, type Tokens } from 'marked';
import { parse as parseYaml } from 'yaml';
import { writeFileCommand } from './heredoc';
import { Session, splitScript, type SessionOptions } from './session';

export type BlockKind = 'shell' | 'console' | 'yaml';

export interface LessonBlock {
  kind: BlockKind;
  /** Attributes after the language: `title="web.yaml"` → { title: 'web.yaml' }, `expect-fail` → { 'expect-fail': '' }. */
  meta: Record<string, string>;
  text: string;
  /** 1-based line of the opening fence in the lesson file. */
  line: number;
}

export interface BlockFailure {
  block: LessonBlock;
  message: string;
}

const KINDS: Record<string, BlockKind> = { sh: 'shell', bash: 'shell', shell: 'shell', console: 'console', yaml: 'yaml', yml: 'yaml' };

function parseMeta(info: string): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const m of info.matchAll(/([\w-]+)(?:=(?:"([^"]*)"|'([^']*)'|(\S+)))?/g)) meta[m[1]!] = m[2] ?? m[3] ?? m[4] ?? '';
  return meta;
}

function codeTokens(tokens: Token[], out: Tokens.Code[] = []): Tokens.Code[] {
  for (const t of tokens) {
    if (t.type === 'code') out.push(t as Tokens.Code);
    const nested = t as { tokens?: Token[]; items?: Token[] };
    if (nested.tokens) codeTokens(nested.tokens, out);
    if (nested.items) codeTokens(nested.items, out);
  }
  return out;
}

/** The runnable blocks of a Markdown/MDX lesson (frontmatter excluded), in document order. */
export function extractBlocks(markdown: string): LessonBlock[] {
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, (fm) => '\n'.repeat(fm.split('\n').length - 1));
  const blocks: LessonBlock[] = [];
  let searchFrom = 0;
  for (const token of codeTokens(marked.lexer(body))) {
    const [lang = '', ...rest] = (token.lang ?? '').split(/\s+/);
    const kind = KINDS[lang];
    const at = body.indexOf(token.raw.trimStart(), searchFrom);
    if (at >= 0) searchFrom = at + 1;
    if (!kind || /(^|\s)host(\s|$)/.test(rest.join(' '))) continue;
    blocks.push({ kind, meta: parseMeta(rest.join(' ')), text: token.text, line: body.slice(0, Math.max(at, 0)).split('\n').length });
  }
  return blocks;
}

const trimLines = (text: string) => text.replace(/[ \t]+$/gm, '').replace(/\n+$/, '');

/** `$ cmd` lines and the output each must print. */
function consoleSteps(text: string): { input: string; expected: string }[] {
  const steps: { input: string; expected: string[] }[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('$ ')) steps.push({ input: line.slice(2), expected: [] });
    else if (steps.length > 0) steps[steps.length - 1]!.expected.push(line);
  }
  return steps.map((s) => ({ input: s.input, expected: s.expected.join('\n') }));
}

function runShell(session: Session, block: LessonBlock): string | undefined {
  const expectFail = 'expect-fail' in block.meta;
  for (const input of splitScript(block.text)) {
    const result = session.run(input);
    if (!expectFail && result.exitCode !== 0) return `\`${input}\` exited with ${result.exitCode}:\n${result.output}`;
    if (expectFail && result.exitCode === 0) return `\`${input}\` was expected to fail but succeeded:\n${result.output}`;
  }
  return undefined;
}

function runConsole(session: Session, block: LessonBlock): string | undefined {
  for (const { input, expected } of consoleSteps(block.text)) {
    const actual = session.run(input).output;
    if (trimLines(actual) !== trimLines(expected)) return `\`${input}\` printed:\n${actual}\nbut the lesson shows:\n${expected}`;
  }
  return undefined;
}

function runYaml(session: Session, block: LessonBlock, options: SessionOptions): string | undefined {
  try {
    parseYaml(block.text);
  } catch (e) {
    return `not valid YAML: ${e instanceof Error ? e.message : String(e)}`;
  }
  const title = block.meta.title;
  if (title) {
    const result = session.run(writeFileCommand(title, block.text));
    return result.exitCode === 0 ? undefined : `saving it as ${title} failed:\n${result.output}`;
  }
  const scratch = new Session(options);
  scratch.fs.write('/root/manifest.yaml', block.text);
  const result = scratch.run('kubectl apply -f manifest.yaml');
  return result.exitCode === 0 ? undefined : `the cluster refused this manifest:\n${result.output}`;
}

/**
 * Run a lesson's blocks in one session, a fresh cluster unless the lesson's lab session is given
 * (a page that embeds a lab shows commands for that lab's cluster); every block that misbehaves
 * is reported.
 */
export function runLessonBlocks(blocks: readonly LessonBlock[], options: SessionOptions = { seed: 1 }, session = new Session(options)): BlockFailure[] {
  const failures: BlockFailure[] = [];
  for (const block of blocks) {
    const message = block.kind === 'shell' ? runShell(session, block) : block.kind === 'console' ? runConsole(session, block) : runYaml(session, block, options);
    if (message) failures.push({ block, message });
  }
  return failures;
}
