/**
 * The shell command that writes a file with exactly this text: `cat > path <<'EOF'`, the text,
 * then the delimiter. A lesson's "Save to terminal" button types it, and the lesson tests run it,
 * so the file reaches the lab through the transcript like anything the learner types (a resume
 * or a grader replaying the transcript gets it too). The delimiter is quoted, so `$` and
 * backticks in the text stay as they are; it is made longer until no line of the text is it.
 */
export function writeFileCommand(path: string, text: string): string {
  const body = text.replace(/\n+$/, '');
  const lines = new Set(body.split('\n'));
  let delimiter = 'EOF';
  while (lines.has(delimiter)) delimiter += '_';
  return `cat > ${quotePath(path)} <<'${delimiter}'\n${body}\n${delimiter}`;
}

/** A path as a shell word: bare when it is plain, else in single quotes. */
function quotePath(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
