import { fail, ok, type Command } from '../cli/types';
import { formatProgress, runChecks } from './progress';
import type { LabSession } from './session';
import type { LabTask } from './schema';
import { terminalMarkdown } from './terminal-markdown';

/**
 * The lab's own commands in the learner's shell: `check`, `hint`, `tasks` and `solution`.
 * They read the lab (and `hint` remembers which hints were shown), never the cluster's state
 * beyond what checks read, so they replay like every other command.
 */
export function registerLabCommands(lab: LabSession): void {
  const shell = lab.session.shell;
  shell.register('check', checkCommand(lab), "grade this lab's tasks now and say what is missing");
  shell.register('hint', hintCommand(lab), 'the next hint for a task: hint [TASK] [N]');
  shell.register('tasks', tasksCommand(lab), "list this lab's tasks and their instructions");
  shell.register('solution', solutionCommand(lab), 'show the reference solution (asks first; solution --yes)');
}

function checkCommand(lab: LabSession): Command {
  return () => {
    const progress = runChecks(lab.def, lab.view());
    return { stdout: formatProgress(lab.def, progress), stderr: '', exitCode: progress.complete ? 0 : 1 };
  };
}

function hintCommand(lab: LabSession): Command {
  return ({ argv, tty = false }) => {
    const tasks = lab.def.tasks;
    const named = argv[0] !== undefined && !/^\d+$/.test(argv[0]) ? argv[0] : undefined;
    const numberArg = named ? argv[1] : argv[0];
    let task: LabTask | undefined;
    if (named) {
      task = tasks.find((t) => t.id === named);
      if (!task) return fail(`hint: no task "${named}"; tasks are: ${tasks.map((t) => t.id).join(', ')}\n`);
    } else {
      const progress = runChecks(lab.def, lab.view());
      const firstOpen = progress.tasks.find((t) => !t.pass);
      if (!firstOpen) return ok('Every task is done: no hint needed.\n');
      task = tasks.find((t) => t.id === firstOpen.id)!;
    }
    if (task.hints.length === 0) return ok(`Task "${task.title}" has no hints.\n`);
    const shown = lab.hintsShown[task.id] ?? 0;
    const n = numberArg === undefined ? Math.min(shown + 1, task.hints.length) : Number(numberArg);
    if (!Number.isInteger(n) || n < 1 || n > task.hints.length) return fail(`hint: task "${task.id}" has hints 1 to ${task.hints.length}\n`);
    if (n > shown + 1) return fail(`hint: hint ${n} of "${task.id}" unlocks after hint ${shown + 1} (run: hint ${task.id})\n`);
    lab.hintsShown[task.id] = Math.max(shown, n);
    return ok(`Hint ${n} of ${task.hints.length} for "${terminalMarkdown(task.title, tty)}":\n\n${terminalMarkdown(task.hints[n - 1]!.trim(), tty)}\n`);
  };
}

function tasksCommand(lab: LabSession): Command {
  return ({ tty = false }) => {
    const parts = lab.def.tasks.map((t, i) => `${i + 1}. ${terminalMarkdown(t.title, tty)} (${t.points} points${t.required ? '' : ', optional'})\n\n${indent(terminalMarkdown(t.instructions.trim(), tty))}\n`);
    return ok(`${lab.def.title}\n\n${parts.join('\n')}\nRun 'check' to grade your work, 'hint' when stuck.\n`);
  };
}

function solutionCommand(lab: LabSession): Command {
  return ({ argv }) => {
    if (!argv.includes('--yes') && !argv.includes('-y')) {
      return ok("The reference solution shows every command that completes this lab; it stays in your transcript that you looked.\nRun 'solution --yes' to see it.\n");
    }
    const lines = lab.def.solution.map((s) => `${s.at ? `[at ${s.at}] ` : s.after ? `[after ${s.after}] ` : ''}${s.input}`);
    return ok(`Reference solution for ${lab.def.title}:\n\n${lines.join('\n')}\n`);
  };
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => (l ? `   ${l}` : l))
    .join('\n');
}
