import { marked } from 'marked';

/** Task instructions and hints as HTML, for the lab panel. */
export function renderMarkdown(text: string): string {
  return marked.parse(text, { async: false, gfm: true });
}

/**
 * What would make a text render badly: empty output, or a code fence left open (which
 * swallows everything after it into one code block).
 */
export function markdownProblems(text: string): string[] {
  const problems: string[] = [];
  let html: string;
  try {
    html = renderMarkdown(text);
  } catch (e) {
    return [`does not render: ${(e as Error).message}`];
  }
  if (html.replace(/<[^>]*>/g, '').trim() === '') problems.push('renders to nothing');
  let open: string | undefined;
  text.split('\n').forEach((line) => {
    const fence = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (!fence) return;
    if (open === undefined) open = fence;
    else if (fence[0] === open[0] && fence.length >= open.length && line.trim() === fence) open = undefined;
  });
  if (open !== undefined) problems.push(`a code fence (${open}) is never closed`);
  return problems;
}
