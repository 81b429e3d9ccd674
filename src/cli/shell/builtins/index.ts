import type { Command } from '../../types';
import { deferredCommand } from '../../deferred';
import { childShellCommand } from './bash';
import { cat } from './cat';
import { date } from './date';
import { echo } from './echo';
import { mkdir, rm, touch } from './fs-commands';
import { ls } from './ls';
import { clear, env, falseCommand, trueCommand } from './misc';
import { sleep } from './sleep';
import { bracketCommand, testCommand } from './test';

const awk = deferredCommand((p) => p.awk);
const base64 = deferredCommand((p) => p.base64);
const sed = deferredCommand((p) => p.sed);
const seq = deferredCommand((p) => p.seq);
const xargs = deferredCommand((p) => p.xargs);
const basename = deferredCommand((p) => p.basename);
const cut = deferredCommand((p) => p.cut);
const dirname = deferredCommand((p) => p.dirname);
const grep = deferredCommand((p) => p.grep);
const head = deferredCommand((p) => p.head);
const printf = deferredCommand((p) => p.printf);
const sort = deferredCommand((p) => p.sort);
const tail = deferredCommand((p) => p.tail);
const tee = deferredCommand((p) => p.tee);
const tr = deferredCommand((p) => p.tr);
const uniq = deferredCommand((p) => p.uniq);
const wc = deferredCommand((p) => p.wc);

/** Where `which` says the coreutils-like builtins live. */
export const COREUTILS_DIR = '/usr/bin';

/** The coreutils-like commands every shell gets, with the one-line description `help` shows. */
const registry: Record<string, { run: Command; help: string }> = {
  '[': { run: bracketCommand, help: 'evaluate a condition: [ -f FILE ], [ "$A" = b ], [ "$N" -gt 3 ]' },
  awk: { run: awk, help: "pattern scanning and processing (awk '{print $1}', awk -F: 'NR>1 {n++} END {print n}')" },
  base64: { run: base64, help: 'encode or decode base64 (base64 -d, base64 -w 0 FILE)' },
  basename: { run: basename, help: 'strip the directory (and a suffix) from a path (basename /a/b.yaml .yaml)' },
  bash: { run: childShellCommand('bash'), help: "run a script in a child shell: bash -c 'COMMANDS', bash FILE" },
  cat: { run: cat, help: 'print files or standard input' },
  clear: { run: clear, help: 'clear the terminal screen' },
  cut: { run: cut, help: 'select fields (-d -f) or characters (-c) of each line' },
  date: { run: date, help: 'print the virtual date and time (date +FORMAT)' },
  dirname: { run: dirname, help: 'strip the last component from a path (dirname /a/b.yaml)' },
  echo: { run: echo, help: 'print arguments (-n: no newline, -e: escapes)' },
  env: { run: env, help: 'print the exported environment' },
  false: { run: falseCommand, help: 'do nothing, unsuccessfully' },
  grep: { run: grep, help: 'print lines matching a pattern (-i -v -c -n -E -w -o)' },
  head: { run: head, help: 'print the first lines of files (-n N)' },
  ls: { run: ls, help: 'list directory contents (-l -a)' },
  mkdir: { run: mkdir, help: 'create directories (-p: with parents)' },
  printf: { run: printf, help: "format and print arguments (printf '%s\\n' a b)" },
  rm: { run: rm, help: 'remove files (-r: directories, -f: ignore missing)' },
  sed: { run: sed, help: "edit streams and files (sed -n '2,4p', sed -i 's/old/new/g' FILE)" },
  sh: { run: childShellCommand('sh'), help: "run a script in a child shell: sh -c 'COMMANDS', sh FILE" },
  seq: { run: seq, help: 'print a sequence of numbers (seq 5, seq 2 10, seq -w 1 10)' },
  sleep: { run: sleep, help: 'let virtual time pass (sleep 5, sleep 2m)' },
  sort: { run: sort, help: 'sort lines (-n -r -u -k N -t SEP)' },
  tail: { run: tail, help: 'print the last lines of files (-n N, -n +N)' },
  tee: { run: tee, help: 'copy standard input to standard output and files (tee [-a] FILE)' },
  test: { run: testCommand, help: 'evaluate a condition (test -z "$X", test "$N" -ge 2), as [ ] does' },
  touch: { run: touch, help: 'create empty files' },
  tr: { run: tr, help: 'translate or delete characters (tr a-z A-Z, tr -d)' },
  true: { run: trueCommand, help: 'do nothing, successfully' },
  uniq: { run: uniq, help: 'collapse repeated adjacent lines (-c: count them)' },
  wc: { run: wc, help: 'count lines, words and bytes (-l -w -c)' },
  xargs: { run: xargs, help: 'run a command with arguments from standard input (xargs kubectl delete, -n 1, -I {})' },
};

/** Builtin commands by name. */
export const builtinCommands: Readonly<Record<string, Command>> = Object.fromEntries(
  Object.entries(registry).map(([name, entry]) => [name, entry.run]),
);

/** One-line `help` descriptions of the builtin commands. */
export const builtinHelp: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(registry).map(([name, entry]) => [name, entry.help]),
);
