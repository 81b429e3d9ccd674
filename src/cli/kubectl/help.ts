/**
 * `kubectl` with no arguments or `--help`: a shortened version of the real root help, listing
 * the verbs this simulator implements under kubectl's own group headings.
 */
import type { Verb } from './context';
import { groupHelp, isCommandGroup } from './command-groups';
import { COMMAND_GROUPS, realSubcommand } from './real-commands';

/** The root help text. */
export function rootHelp(verbs: Map<string, Verb>): string {
  const width = Math.max(...[...verbs.keys()].map((k) => k.length)) + 3;
  let out = 'kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n';
  for (const [title, names] of COMMAND_GROUPS) {
    const present = names.filter((n) => verbs.has(n));
    if (present.length === 0) continue;
    out += `\n${title}:\n`;
    for (const n of present) out += `  ${n.padEnd(width)}${verbs.get(n)!.short}\n`;
  }
  out += '\nUsage:\n  kubectl [flags] [options]\n\nUse "kubectl <command> --help" for more information about a given command.\n';
  return out;
}

/** A verb's `--help`: its summary and flags. */
export function verbHelp(verb: Verb): string {
  const flags = verb.flags.map((f) => `    ${f.short ? `-${f.short}, ` : '    '}--${f.name}${f.type === 'bool' ? '' : '=...'}\n`).join('');
  return `${verb.short}.\n\nOptions:\n${flags}\nUsage:\n  kubectl ${verb.name} [options]\n\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n`;
}

/** `--help` for a verb, or for the command group it is (`kubectl rollout -h`, `kubectl create service -h`). */
export function helpFor(verb: Verb, args: readonly string[]): string {
  const path = verb.name === 'create' && args.length === 1 && realSubcommand('create', args[0]!) === 'service' ? 'create service' : verb.name;
  return isCommandGroup(path) ? groupHelp(path) : verbHelp(verb);
}

/** Cobra's suggestions: verbs within Levenshtein distance 2, or that start with what was typed. */
export function suggestions(typed: string, names: string[]): string[] {
  // cobra walks its commands in sorted order.
  return names.filter((n) => levenshtein(typed.toLowerCase(), n) <= 2 || n.startsWith(typed.toLowerCase())).sort();
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
