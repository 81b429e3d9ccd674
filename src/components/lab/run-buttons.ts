/**
 * Buttons under a lesson's code blocks when the page has a lab: "Run in terminal" under each
 * shell block types the block into the lab's terminal, as if the learner had typed it; "Save to
 * terminal" under each YAML block with a file name (```yaml title="web.yaml") types the
 * `cat > web.yaml <<'EOF'` that writes it, so the `kubectl apply -f web.yaml` after it works.
 * Both start the lab first if needed. Typed, not written behind the terminal's back: the
 * transcript then holds everything, so a reload or a grader replaying it gets the same files.
 */
import { writeFileCommand } from '../../cli/heredoc';
import { fill, type UiStrings } from '../ui-strings';

const SHELL_LANGUAGES = new Set(['sh', 'bash', 'shell', 'shellscript', 'zsh']);
const YAML_LANGUAGES = new Set(['yaml', 'yml']);

/** The commands in a rendered code block (Expressive Code renders one .ec-line per line). */
export function codeText(pre: HTMLElement): string {
  const lines = [...pre.querySelectorAll('.ec-line')];
  const text = lines.length > 0 ? lines.map((l) => l.textContent ?? '').join('\n') : (pre.textContent ?? '');
  return text.replace(/\n+$/, '');
}

/** What a block's button types, its text and its accessible name; undefined for a block without one. */
function action(pre: HTMLElement, host: Element, strings: UiStrings): { text: string; label: string; typed: () => string } | undefined {
  const language = pre.dataset.language ?? '';
  if (SHELL_LANGUAGES.has(language)) {
    const first = codeText(pre).split('\n')[0] ?? '';
    return { text: strings.runInTerminal, label: fill(strings.runInTerminalLabel, { command: first }), typed: () => codeText(pre) };
  }
  const file = host.querySelector('figcaption .title')?.textContent?.trim();
  if (YAML_LANGUAGES.has(language) && file) {
    return { text: strings.saveToTerminal, label: fill(strings.saveToTerminalLabel, { file }), typed: () => writeFileCommand(file, codeText(pre)) };
  }
  return undefined;
}

export function addRunButtons(strings: UiStrings, run: (command: string) => Promise<void>): void {
  const blocks = document.querySelectorAll<HTMLElement>('.sl-markdown-content pre[data-language]');
  for (const pre of blocks) {
    if (pre.closest('[data-lab-panel]')) continue;
    const host = pre.closest('.expressive-code') ?? pre;
    const found = action(pre, host, strings);
    if (!found) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'lab-button lab-run-button not-content';
    button.textContent = found.text;
    button.setAttribute('aria-label', found.label);
    button.addEventListener('click', () => void run(found.typed()));
    host.insertAdjacentElement('afterend', button);
  }
}
