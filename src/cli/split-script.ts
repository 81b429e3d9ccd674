import { isIncomplete } from './shell/parser';

/**
 * Split a script into the inputs a user would type one at a time: lines, joined while a quote,
 * heredoc or trailing operator leaves the input incomplete. Blank lines and comments are kept
 * out, as they print nothing.
 */
export function splitScript(script: string): string[] {
  const inputs: string[] = [];
  let pending = '';
  for (const line of script.split('\n')) {
    pending = pending ? `${pending}\n${line}` : line;
    if (isIncomplete(pending)) continue;
    if (pending.trim() !== '' && !pending.trim().startsWith('#')) inputs.push(pending);
    pending = '';
  }
  if (pending.trim() !== '') inputs.push(pending);
  return inputs;
}
