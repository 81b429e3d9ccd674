/**
 * A task's Markdown (instructions, hints) as a terminal shows it: `tasks` and `hint` print it.
 * On the terminal, **strong** and `code` are bold and *emphasis* italic; into a pipe or a file
 * the markers are dropped (code keeps its backticks, the plain-text convention). Links read
 * "text (url)" and fenced code is indented without its fences.
 *
 * Inline markup only, by hand: the worker ships no Markdown library (the panel's renderer,
 * marked, would add 40 KB to every lab's start for this), and blocks (lists, paragraphs) already
 * read well as they are written.
 */
const BOLD = (text: string) => `\x1b[1m${text}\x1b[22m`;
const ITALIC = (text: string) => `\x1b[3m${text}\x1b[23m`;

export function terminalMarkdown(text: string, tty: boolean): string {
  const out: string[] = [];
  let fenced = false;
  for (const line of text.split('\n')) {
    if (/^\s{0,3}(`{3,}|~{3,})/.test(line)) {
      fenced = !fenced;
      continue;
    }
    out.push(fenced ? `    ${line}` : inline(line, tty));
  }
  return out.join('\n');
}

/** Code spans as they are (their `*` is literal), markup around them. */
function inline(line: string, tty: boolean): string {
  return line
    .split(/(`+[^`]+`+)/)
    .map((part, i) => (i % 2 === 1 ? codeSpan(part, tty) : emphasis(part, tty)))
    .join('');
}

function codeSpan(span: string, tty: boolean): string {
  return tty ? BOLD(span.replace(/^`+ ?|( ?`+)$/g, '')) : span;
}

function emphasis(text: string, tty: boolean): string {
  const strong = tty ? (_: string, inner: string) => BOLD(inner) : (_: string, inner: string) => inner;
  return (
    text
      .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1 ($2)')
      .replace(/\*\*(\S(?:.*?\S)?)\*\*/g, strong)
      .replace(/__(\S(?:.*?\S)?)__/g, strong)
      // A lone `*` (a bullet, `2 * 3`) is not emphasis: it needs text right inside both markers.
      .replace(/(^|[^*\w])\*(\S(?:[^*]*?\S)?)\*(?![*\w])/g, (_, before: string, inner: string) => before + (tty ? ITALIC(inner) : inner))
  );
}
