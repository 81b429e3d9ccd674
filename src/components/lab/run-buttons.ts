/**
 * "Run in terminal" next to each shell code block of a lesson that has a lab: the click starts
 * the lab if needed and types the block into its terminal, as if the learner had typed it.
 */
const SHELL_LANGUAGES = new Set(['sh', 'bash', 'shell', 'shellscript', 'zsh']);

/** The commands in a rendered code block (Expressive Code renders one .ec-line per line). */
export function codeText(pre: HTMLElement): string {
  const lines = [...pre.querySelectorAll('.ec-line')];
  const text = lines.length > 0 ? lines.map((l) => l.textContent ?? '').join('\n') : (pre.textContent ?? '');
  return text.replace(/\n+$/, '');
}

export function addRunButtons(run: (command: string) => Promise<void>): void {
  const blocks = document.querySelectorAll<HTMLElement>('.sl-markdown-content pre[data-language]');
  for (const pre of blocks) {
    if (!SHELL_LANGUAGES.has(pre.dataset.language ?? '') || pre.closest('[data-lab-panel]')) continue;
    const host = pre.closest('.expressive-code') ?? pre;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'lab-button lab-run-button not-content';
    button.textContent = 'Run in terminal';
    const first = codeText(pre).split('\n')[0] ?? '';
    button.setAttribute('aria-label', `Run in terminal: ${first}`);
    button.addEventListener('click', () => void run(codeText(pre)));
    host.insertAdjacentElement('afterend', button);
  }
}
