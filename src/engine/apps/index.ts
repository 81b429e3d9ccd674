import { busybox, crashloop, pause } from './busybox';
import { controlPlane } from './control-plane';
import { coredns } from './coredns';
import { coreutil } from './coreutils';
import { execsOtherCommands, startsNginx, startsRedis } from './entrypoint';
import { counter } from './counter';
import { httpApp } from './http-app';
import { kubeProxy } from './kube-proxy';
import { nginx, nginxFiles } from './nginx';
import { redis } from './redis';
import { OS_RELEASE } from './root-fs';
import { finishAwaited, netApplet } from './net-tools/applets';
import { runShellNow } from './sh-run';
import { streamServer } from './stream-server';
import { transcoder } from './transcoder';
import type { AppContext, AppKind, AppModule, ExecResult, ProcessState } from './types';

export type { AppContext, AppKind, AppModule, ExecResult, HttpRequest, HttpResponse, ProcessState, Signal } from './types';
export { SIGNAL_NUMBER } from './types';
export { rootDirectories, workingDirectory } from './root-fs';

/** Every simulated program by kind. */
export const APPS: Record<AppKind, AppModule> = { 'control-plane': controlPlane, nginx: execsOtherCommands(nginx, startsNginx), busybox, pause, 'http-app': httpApp, redis: execsOtherCommands(redis, startsRedis), crashloop, 'kube-proxy': kubeProxy, coredns, dnsutils: busybox, counter, transcoder, 'stream-server': streamServer };

/** Images whose filesystem has a shell (pause and distroless-like images do not). */
const HAS_SHELL: Record<AppKind, boolean> = { 'control-plane': false, nginx: true, busybox: true, pause: false, 'http-app': true, redis: true, crashloop: false, 'kube-proxy': true, coredns: false, dnsutils: true, counter: true, transcoder: true, 'stream-server': false };

/** Images whose file system has no bash (busybox and alpine-based ones have only sh/ash). */
export const NO_BASH: ReadonlySet<string> = new Set<AppKind>(['busybox', 'http-app']);

/** Files a fresh container of `kind` sees before volumes are mounted. */
export function imageFiles(kind: AppKind): Record<string, string> {
  if (kind === 'nginx') return { '/etc/os-release': OS_RELEASE.bookworm, ...nginxFiles() };
  if (kind === 'busybox') return { '/bin/busybox': '', '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\n' };
  if (kind === 'dnsutils') return { '/etc/os-release': OS_RELEASE.jessie };
  if (kind === 'http-app') return { '/etc/os-release': OS_RELEASE.alpine };
  return { '/etc/os-release': OS_RELEASE.bookworm };
}

/**
 * Run `argv` inside a running process, as `kubectl exec` and exec hooks/probes do: the app's own
 * commands first, then `sh -c`, then the shared applets. A binary the image lacks fails the way
 * runc reports it.
 */
export function execInProcess(ctx: AppContext, proc: ProcessState, argv: string[]): ExecResult {
  const app = APPS[proc.kind];
  const own = app.exec?.(ctx, proc, argv);
  if (own) return own;
  const wallMs = ctx.epochMs + ctx.now();
  const bash = argv[0] === 'bash' || argv[0] === '/bin/bash';
  const shell = argv[0] === 'sh' || argv[0] === '/bin/sh' || (bash && !NO_BASH.has(proc.kind));
  if (shell && HAS_SHELL[proc.kind]) {
    if (argv[1] === '-c') return runShellNow(argv[2] ?? '', proc, wallMs, ctx.net?.());
    return { stdout: '', stderr: '', exitCode: 0, elapsedMs: 0 };
  }
  const net = HAS_SHELL[proc.kind] ? ctx.net?.() : undefined;
  const applet = net && netApplet(argv, proc, net);
  // Exec runs at once: a held reply is reported as it will come, after the time it takes.
  if (net && applet) return 'awaiting' in applet ? { ...finishAwaited(applet.awaiting, proc, net), elapsedMs: applet.dueInMs } : { stdout: applet.stdout, stderr: applet.stderr, exitCode: applet.exitCode, elapsedMs: Math.ceil(applet.ms) };
  const found = HAS_SHELL[proc.kind] ? coreutil(argv, proc, wallMs) : undefined;
  if (found && !found.exit) return { stdout: found.stdout, stderr: found.stderr, exitCode: found.status, elapsedMs: found.sleepMs };
  const program = argv[0] ?? '';
  // runc looks a bare name up in $PATH; a path it stats.
  const startError = program.includes('/') ? `exec: "${program}": stat ${program}: no such file or directory` : `exec: "${program}": executable file not found in $PATH`;
  return {
    stdout: '',
    stderr: `error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: ${startError}: unknown\n`,
    exitCode: 1,
    elapsedMs: 0,
    startError,
  };
}
