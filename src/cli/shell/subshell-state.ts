import type { ShellOption } from './set-builtin';
import type { ShellApi } from './shell-builtins';
import type { CompoundCommand } from './ast';

/** What a subshell (`( )`, a pipeline stage, `$(...)`) may change and its parent gets back unchanged: `set` options, `$1`... and functions too. */
export interface ShellState {
  vars: { name: string; value: string; exported: boolean }[];
  cwd: string;
  status: number;
  options: ShellOption[];
  positional: readonly string[];
  functions: [string, CompoundCommand][];
}

export function saveState(shell: ShellApi): ShellState {
  return { vars: shell.variables(), cwd: shell.host.fs.cwd(), status: shell.status, options: [...shell.options], positional: shell.positional, functions: [...shell.functions] };
}

/** Variables (and their export flags), the working directory and the options as saved; the caller restores `$?`. */
export function restoreState(shell: ShellApi, saved: ShellState): void {
  for (const { name } of shell.variables()) shell.unsetVar(name);
  for (const v of saved.vars) {
    shell.setVar(v.name, v.value);
    if (v.exported) shell.exportVar(v.name);
  }
  const { fs } = shell.host;
  if (fs.isDir(saved.cwd)) fs.chdir(saved.cwd);
  shell.options.clear();
  for (const option of saved.options) shell.options.add(option);
  shell.setPositional(saved.positional);
  shell.functions.clear();
  for (const [name, body] of saved.functions) shell.functions.set(name, body);
}
