import { type CommandHost, type CommandResult, fail, ok } from '../types';
import { FsError } from './memory-fs';
import { read } from './read';
import { ArithmeticError, evaluateArithmetic } from '../../engine/apps/arith';
import { setBuiltin, singleQuoted, type ShellOption } from './set-builtin';
import { programs } from '../deferred';
import type { CompoundCommand } from './ast';

/** The parts of the shell that builtins change: variables, the working directory, history, exit. */
export interface ShellApi {
  readonly host: CommandHost;
  readonly status: number;
  readonly history: readonly string[];
  clearHistory(): void;
  getVar(name: string): string | undefined;
  setVar(name: string, value: string): void;
  unsetVar(name: string): void;
  exportVar(name: string): void;
  /** Every variable, sorted by name, with whether it is exported. */
  variables(): { name: string; value: string; exported: boolean }[];
  /** Names of every runnable command and builtin, sorted. */
  commandNames(): string[];
  describe(name: string): string | undefined;
  /** Where `which` says a command lives; undefined for shell builtins and unknown names. */
  commandPath(name: string): string | undefined;
  isBuiltin(name: string): boolean;
  exit(code: number): void;
  /** The `set -o` options turned on (set-builtin.ts). */
  readonly options: Set<ShellOption>;
  /** `alias NAME=TEXT`: the parser puts TEXT where a command starts with NAME. */
  readonly aliases: Map<string, string>;
  /** Run a script's text in this shell (`source`); only the executor's scoped view has it. */
  source?(text: string, args: string[]): CommandResult;
  /** `break`/`continue` (loop-control.ts); only the executor's scoped view has loops. */
  jump?(kind: 'break' | 'continue', args: readonly string[]): CommandResult;
  /** `return` and `local` (functions.ts); only the executor's scoped view has calls. */
  returnFrom?(args: string[]): CommandResult;
  local?(args: string[]): CommandResult;
  /** `$1`, `$2`, ...: the script's arguments, or a function call's. */
  readonly positional: readonly string[];
  setPositional(params: readonly string[]): void;
  /** The functions defined so far, by name (`name() { ...; }`). */
  readonly functions: Map<string, CompoundCommand>;
  /** This command's standard input, which `read` consumes a line at a time. */
  input?: Input;
}

/** Standard input a compound command's commands share; what `read` took is gone for the next. */
export interface Input {
  data: string;
}

/** A command that runs inside the shell process because it changes the shell itself. */
export type ShellBuiltin = (args: string[], shell: ShellApi) => CommandResult;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const cd: ShellBuiltin = (args, shell) => {
  if (args.length > 1) return fail('bash: cd: too many arguments\n');
  let target = args[0] ?? shell.getVar('HOME') ?? '/';
  const back = target === '-';
  if (back) {
    const old = shell.getVar('OLDPWD');
    if (old === undefined) return fail('bash: cd: OLDPWD not set\n');
    target = old;
  }
  const { fs } = shell.host;
  const before = fs.cwd();
  try {
    fs.chdir(target);
  } catch (e) {
    const reason = e instanceof FsError ? e.reason : fs.exists(target) ? 'Not a directory' : 'No such file or directory';
    return fail(`bash: cd: ${target}: ${reason}\n`);
  }
  shell.setVar('OLDPWD', before);
  shell.setVar('PWD', fs.cwd());
  return ok(back ? `${fs.cwd()}\n` : '');
};

const exportBuiltin: ShellBuiltin = (args, shell) => {
  const names = args.filter((a) => a !== '-p' && a !== '-n');
  if (names.length === 0) {
    const lines = shell.variables().filter((v) => v.exported);
    return ok(lines.map((v) => `declare -x ${v.name}="${v.value.replace(/(["\\$`])/g, '\\$1')}"\n`).join(''));
  }
  let stderr = '';
  for (const arg of names) {
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!NAME.test(name)) {
      stderr += `bash: export: \`${arg}': not a valid identifier\n`;
      continue;
    }
    if (eq >= 0) shell.setVar(name, arg.slice(eq + 1));
    shell.exportVar(name);
  }
  return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
};

const unset: ShellBuiltin = (args, shell) => {
  let stderr = '';
  const functions = args.includes('-f');
  for (const name of args.filter((a) => !/^-[vf]$/.test(a))) {
    // Without -f a name that is no variable but a function unsets the function, as bash does.
    if (functions || (shell.getVar(name) === undefined && shell.functions.has(name))) shell.functions.delete(name);
    else if (NAME.test(name)) shell.unsetVar(name);
    else stderr += `bash: unset: \`${name}': not a valid identifier\n`;
  }
  return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
};

const exit: ShellBuiltin = (args, shell) => {
  if (args.length > 1) return fail('bash: exit: too many arguments\n');
  const arg = args[0];
  if (arg !== undefined && !/^[+-]?\d+$/.test(arg)) {
    shell.exit(2);
    return fail(`bash: exit: ${arg}: numeric argument required\n`, 2);
  }
  // Exit statuses are one byte: `exit 256` is 0 and `exit -1` is 255.
  const code = arg === undefined ? shell.status : ((Number(arg) % 256) + 256) % 256;
  shell.exit(code);
  return { stdout: '', stderr: '', exitCode: code };
};

const history: ShellBuiltin = (args, shell) => {
  if (args[0] === '-c') {
    shell.clearHistory();
    return ok();
  }
  if (args[0] !== undefined && !/^\d+$/.test(args[0])) return fail(`bash: history: ${args[0]}: numeric argument required\n`);
  const entries = shell.history.map((line, i) => `${String(i + 1).padStart(5)}  ${line}\n`);
  return ok(entries.slice(args[0] === undefined ? 0 : Math.max(0, entries.length - Number(args[0]))).join(''));
};

const help: ShellBuiltin = (args, shell) => {
  if (args.length > 0) {
    const lines = args.map((name) => [name, shell.describe(name)] as const);
    const missing = lines.find(([, text]) => text === undefined);
    if (missing) return fail(`bash: help: no help topics match \`${missing[0]}'.\n`);
    return ok(lines.map(([name, text]) => `${name} - ${text}\n`).join(''));
  }
  const names = shell.commandNames();
  const width = Math.max(...names.map((n) => n.length)) + 2;
  const body = names.map((n) => `  ${n.padEnd(width)}${shell.describe(n) ?? ''}`.trimEnd() + '\n').join('');
  return ok(`Commands available in this terminal (help NAME for one):\n${body}`);
};

const which: ShellBuiltin = (args, shell) => {
  const names = args.filter((a) => !a.startsWith('-'));
  const paths = names.map((n) => shell.commandPath(n));
  const stdout = paths.filter((p) => p !== undefined).map((p) => `${p}\n`).join('');
  return { stdout, stderr: '', exitCode: paths.every((p) => p !== undefined) && names.length > 0 ? 0 : 1 };
};

const type: ShellBuiltin = (args, shell) => {
  let stdout = '';
  let stderr = '';
  for (const name of args) {
    const path = shell.commandPath(name);
    if (shell.isBuiltin(name)) stdout += `${name} is a shell builtin\n`;
    else if (path) stdout += `${name} is ${path}\n`;
    else stderr += `bash: type: ${name}: not found\n`;
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
};

/** `command -v NAME...`: how each would run (a path, or the name of a builtin or function); status 1 if one would not. */
const command: ShellBuiltin = (args, shell) => {
  if (args[0] !== '-v' && args[0] !== '-V') return ok();
  let stdout = '';
  let missing = false;
  for (const name of args.slice(1)) {
    const path = shell.commandPath(name);
    if (shell.functions.has(name) || shell.isBuiltin(name)) stdout += `${name}\n`;
    else if (path) stdout += `${path}\n`;
    else missing = true;
  }
  return { stdout, stderr: '', exitCode: missing ? 1 : 0 };
};

/** `builtin NAME` for a NAME bash has no builtin of (the executor runs the others past any function). */
const builtin: ShellBuiltin = ([name]) => (name === undefined ? ok() : fail(`bash: builtin: ${name}: not a shell builtin\n`));

const aliasLine = (name: string, text: string) => `alias ${name}=${singleQuoted(text)}\n`;

/** `alias` lists, `alias NAME` shows one, `alias NAME=TEXT` defines; bash's errors for the rest. */
const aliasBuiltin: ShellBuiltin = (args, shell) => {
  if (args.length === 0 || (args.length === 1 && args[0] === '-p')) return ok([...shell.aliases].sort(([a], [b]) => (a < b ? -1 : 1)).map(([n, t]) => aliasLine(n, t)).join(''));
  let stdout = '';
  let stderr = '';
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq > 0) {
      const name = arg.slice(0, eq);
      if (/[\s$`'"\\/=]/.test(name)) stderr += `bash: alias: \`${name}': invalid alias name\n`;
      else shell.aliases.set(name, arg.slice(eq + 1));
    } else if (shell.aliases.has(arg)) stdout += aliasLine(arg, shell.aliases.get(arg)!);
    else stderr += `bash: alias: ${arg}: not found\n`;
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
};

const unaliasBuiltin: ShellBuiltin = (args, shell) => {
  if (args[0] === '-a') {
    shell.aliases.clear();
    return ok();
  }
  if (args.length === 0) return fail('unalias: usage: unalias [-a] name [name ...]\n', 2);
  let stderr = '';
  for (const name of args) if (!shell.aliases.delete(name)) stderr += `bash: unalias: ${name}: not found\n`;
  return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
};

/** `source FILE` and `. FILE`: the file's lines run in this shell, as if typed here. */
function sourceBuiltin(name: string): ShellBuiltin {
  return (args, shell) => {
    const [file] = args;
    if (file === undefined) return fail(`bash: ${name}: filename argument required\n${name}: usage: ${name} filename [arguments]\n`, 2);
    const { fs } = shell.host;
    if (fs.isDir(file)) return fail(`bash: ${name}: ${file}: is a directory\n`);
    const text = fs.read(file);
    if (text === undefined) return fail(`bash: ${file}: No such file or directory\n`);
    return shell.source?.(text, args.slice(1)) ?? ok();
  };
}

/** `let EXPR...`: each argument as `$(( ))` evaluates it; status 0 when the last is not zero. */
const letBuiltin: ShellBuiltin = (args, shell) => {
  if (args.length === 0) return fail('bash: let: expression expected\n');
  let value = 0;
  try {
    for (const expr of args) value = evaluateArithmetic(expr, (name) => shell.getVar(name), (name, v) => shell.setVar(name, v));
  } catch (e) {
    if (e instanceof ArithmeticError) return fail(`bash: let: ${e.message}\n`);
    throw e;
  }
  return { stdout: '', stderr: '', exitCode: value !== 0 ? 0 : 1 };
};

/** Builtins that must run inside the shell, with the one-line help each shows in `help`. */
export const shellBuiltins: Record<string, { run: ShellBuiltin; help: string }> = {
  cd: { run: cd, help: 'change the working directory (cd -, cd ~)' },
  pwd: { run: (_args, shell) => ok(`${shell.host.fs.cwd()}\n`), help: 'print the working directory' },
  export: { run: exportBuiltin, help: 'set a variable and pass it to commands (export NAME=value)' },
  unset: { run: unset, help: 'remove a variable' },
  exit: { run: exit, help: 'stop the script with an exit status (exit [n])' },
  alias: { run: aliasBuiltin, help: "define or list aliases: alias k=kubectl, alias kgp='kubectl get pods'" },
  unalias: { run: unaliasBuiltin, help: 'remove aliases (unalias k, unalias -a)' },
  source: { run: sourceBuiltin('source'), help: 'run a file\'s commands in this shell (source FILE, . FILE)' },
  '.': { run: sourceBuiltin('.'), help: 'run a file\'s commands in this shell, as source does' },
  let: { run: letBuiltin, help: 'evaluate arithmetic: let i++, let "n = n * 2"' },
  set: { run: setBuiltin, help: 'shell options: set -e (stop at a failure), -u, -x (trace), -o pipefail; set -o lists them' },
  break: { run: (args, shell) => shell.jump?.('break', args) ?? ok(), help: 'leave the enclosing for/while/until loop (break [n])' },
  continue: { run: (args, shell) => shell.jump?.('continue', args) ?? ok(), help: 'start the next turn of the enclosing loop (continue [n])' },
  return: { run: (args, shell) => shell.returnFrom?.(args) ?? ok(), help: 'leave a function (or a sourced file) with a status (return [n])' },
  local: { run: (args, shell) => shell.local?.(args) ?? ok(), help: "declare a function's own variables (local NAME[=value]...)" },
  command: { run: command, help: 'run a command past any function of its name; command -v NAME shows what would run' },
  builtin: { run: builtin, help: 'run a shell builtin past any function of its name' },
  shift: { run: (args, shell) => programs().shiftBuiltin(args, shell), help: 'drop the first positional parameters ($1 ...): shift [n]' },
  history: { run: history, help: 'list the commands typed so far (history [n], history -c)' },
  help: { run: help, help: 'list the available commands, or describe one (help NAME)' },
  which: { run: which, help: 'show where a command is installed' },
  type: { run: type, help: 'tell whether a name is a builtin or a command' },
  ':': { run: () => ok(), help: 'do nothing, successfully' },
  read: { run: (args, shell) => read(args, shell), help: 'read a line of input into variables (read -r NAME...; ... | while read x; do ...; done)' },
};

/** `IFS=: read ...`: a builtin sees the assignments before it, which last only while it runs. */
export function withTemporaryVars<T>(shell: ShellApi, vars: Record<string, string>, run: () => T): T {
  const saved = Object.keys(vars).map((name) => [name, shell.getVar(name)] as const);
  for (const [name, value] of Object.entries(vars)) shell.setVar(name, value);
  try {
    return run();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) shell.unsetVar(name);
      else shell.setVar(name, value);
    }
  }
}
