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

/** Shells `kubectl exec -it POD -- SHELL` can enter. */
export const SHELLS = new Set(['sh', '/bin/sh', 'bash', '/bin/bash', 'ash', '/bin/ash']);

/** Images whose file system has no bash (busybox and alpine-based ones have only sh/ash). */
export const NO_BASH = new Set(['busybox', 'http-app']);

/** Network tools each simulated image ships, and in which flavour. */
export const IMAGE_TOOLS: Record<string, { flavour: 'busybox' | 'gnu'; tools: string[] }> = {
  busybox: { flavour: 'busybox', tools: ['wget', 'nc', 'ping', 'nslookup'] },
  'http-app': { flavour: 'busybox', tools: ['curl', 'wget', 'nc', 'ping', 'nslookup'] },
  nginx: { flavour: 'gnu', tools: ['curl'] },
  dnsutils: { flavour: 'gnu', tools: ['nslookup', 'dig', 'ping', 'nc', 'curl', 'wget'] },
};
