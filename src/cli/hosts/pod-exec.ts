/**
 * Reading `kubectl [flags] exec [flags] POD [-c C] [-it] -- CMD...` just far enough to decide
 * whether the session handles it itself (an interactive shell, or a network tool inside the pod).
 * Anything unusual is left to kubectl, which prints the real errors.
 */
export interface ExecTarget {
  pod: string;
  namespace?: string;
  container?: string;
  stdin: boolean;
  tty: boolean;
  command: string[];
}

const VALUE_FLAGS = new Set(['-n', '--namespace', '-c', '--container', '--context', '--kubeconfig', '--pod-running-timeout']);

export function parseExec(argv: string[]): ExecTarget | undefined {
  const dash = argv.indexOf('--');
  if (dash < 0) return undefined;
  const before = argv.slice(0, dash);
  const t: Partial<ExecTarget> & { stdin: boolean; tty: boolean } = { stdin: false, tty: false, command: argv.slice(dash + 1) };
  const positional: string[] = [];
  for (let i = 0; i < before.length; i++) {
    const a = before[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (VALUE_FLAGS.has(flag)) {
      const v = inline ?? before[++i];
      if (flag === '-n' || flag === '--namespace') t.namespace = v;
      if (flag === '-c' || flag === '--container') t.container = v;
      continue;
    }
    if (/^-[itq]+$/.test(a)) {
      if (a.includes('i')) t.stdin = true;
      if (a.includes('t')) t.tty = true;
      continue;
    }
    if (a === '--stdin') t.stdin = true;
    else if (a === '--tty') t.tty = true;
    else if (a === '--quiet') continue;
    else if (a.startsWith('-')) return undefined;
    else positional.push(a);
  }
  if (positional[0] !== 'exec' || positional.length !== 2) return undefined;
  const target = positional[1]!;
  if (target.includes('/') && !target.startsWith('pod/') && !target.startsWith('pods/') && !target.startsWith('po/')) return undefined;
  return { ...t, pod: target.slice(target.indexOf('/') + 1), command: t.command ?? [] };
}

/**
 * True when an exec'd `sh -c` script has a `|` (not `||`), `<` or `>` outside quotes: the
 * container's own small sh has neither pipes nor redirections, so the pod's shell runs it.
 */
export function pipesOrRedirects(script: string): boolean {
  const unquoted = script.replace(/'[^']*'|"(?:\\.|[^"\\])*"/g, '');
  return /(^|[^|])\|(?!\|)|[<>]/.test(unquoted);
}

/** Shells `kubectl exec -it POD -- SHELL` can enter. */
export const SHELLS = new Set(['sh', '/bin/sh', 'bash', '/bin/bash', 'ash', '/bin/ash']);

export { IMAGE_TOOLS } from '../../engine/apps/net-tools/image-tools';

/** `kubectl run NAME -it [--rm] ... [-- sh]`: a new pod the terminal should enter once it runs. */
export interface RunAttachTarget {
  pod: string;
  namespace?: string;
  rm: boolean;
  shell: string;
}

/**
 * Recognise an interactive `kubectl run` (stdin and a terminal, a shell or the image's default
 * command); anything else is kubectl's alone.
 */
export function parseRunAttach(argv: string[]): RunAttachTarget | undefined {
  const dash = argv.indexOf('--');
  const before = dash < 0 ? argv : argv.slice(0, dash);
  const command = dash < 0 ? [] : argv.slice(dash + 1);
  let stdin = false;
  let tty = false;
  let rm = false;
  let namespace: string | undefined;
  const positional: string[] = [];
  for (let i = 0; i < before.length; i++) {
    const a = before[i]!;
    if (/^-[it]+$/.test(a)) {
      stdin ||= a.includes('i');
      tty ||= a.includes('t');
    } else if (a === '--stdin') stdin = true;
    else if (a === '--tty') tty = true;
    else if (a === '--rm' || a === '--rm=true') rm = true;
    else if (a === '-n' || a === '--namespace') namespace = before[++i];
    else if (a.startsWith('--namespace=')) namespace = a.slice('--namespace='.length);
    else if (['--image', '--restart', '--env', '--labels', '-l', '--port', '--pod-running-timeout', '--image-pull-policy'].includes(a)) i++;
    else if (!a.startsWith('-')) positional.push(a);
  }
  const shell = command.length === 0 ? 'sh' : command[0]!;
  if (positional[0] !== 'run' || !positional[1] || !stdin || !tty || command.length > 1 || !SHELLS.has(shell)) return undefined;
  return { pod: positional[1], ...(namespace ? { namespace } : {}), rm, shell };
}
