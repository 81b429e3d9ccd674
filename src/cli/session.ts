import type { PodNetns } from '../engine/kubelet/netns';
import type { Pod } from 'kubernetes-types/core/v1';
import { Cluster } from '../engine/cluster';
import type { ClusterConfig } from '../engine/cluster-config';
import type { NetClient } from '../engine/network/index';
import { deferredCommand } from './deferred';
import { createKubectl } from './kubectl/index';
import { createSim, type TimeControl } from './commands/sim';
import { createNetCommands, NET_TOOLS, nodeOnlyHints, type NetCommandSet } from './commands/net/index';
import { nodeNetCommands } from './commands/netfilter/index';
import { kubeletClientFiles, nodeRuntimeCommands, withNodeStorage } from './commands/runtime/index';
import { storageOf } from '../engine/cri/storage';
import type { NetHost } from './commands/net/context';
import { nodeFs, podFs } from './hosts/node-files';
import { busyboxLs } from './shell/builtins/ls';
import { IMAGE_TOOLS, parseExec, parseRunAttach, pipesOrRedirects, SHELLS, type ExecTarget, type RunAttachTarget } from './hosts/pod-exec';
import { NO_BASH } from '../engine/apps';
import { MemoryFs } from './shell/memory-fs';
import { Shell, type InterleavedResult, type ShellDialect } from './shell/shell';
import { fail, type Command, type CommandContext, type CommandHost, type CommandResult, type ForegroundJob } from './types';

/** Re-exported: scripts are split as a terminal reads them. */
export { splitScript } from './split-script';

export type SessionOptions = Partial<ClusterConfig> & { workers?: number };

/** Commands that need the cluster, with the one-line descriptions `help` shows. */
type CommandSet = Record<string, { command: Command; help: string }>;

/** One machine the terminal can be on: the workstation, a node (ssh) or a container (exec -it). */
interface HostSession {
  kind: 'workstation' | 'node' | 'pod';
  name: string;
  shell: Shell;
  fs: MemoryFs;
  net: NetHost;
  /** The shell program, for the prompt's style (bash, or a busybox/dash sh). */
  prompt: (cwd: string) => string;
  /** Printed when `exit` leaves it. */
  goodbye: string;
  /** Runs when `exit` leaves it (after the goodbye), e.g. `kubectl run --rm` deleting the pod. */
  onExit?: () => string;
}

/**
 * A learner's terminal session: one simulated cluster, the workstation's file system and a shell
 * wired to kubectl, etcdctl, sim and the network tools. `ssh NODE` and `kubectl exec -it POD --
 * sh` move the terminal onto a node or into a container; `exit` comes back. The Node CLI, the
 * browser worker and lab tests all drive this one class, so they print the same bytes.
 */
export class Session {
  readonly cluster: Cluster;
  /** The workstation's file system (what a lab persists), wherever the terminal is. */
  readonly fs: MemoryFs;
  readonly time: TimeControl = { speed: 1, paused: false };
  readonly #stack: HostSession[] = [];
  readonly #nodeFs = new Map<string, MemoryFs>();
  /** Read-only node file systems for graders (hostFile), never handed to a shell. */
  readonly #pristineNodeFs = new Map<string, MemoryFs>();
  readonly #knownHosts = new Set<string>();
  /** What every host's commands see of the terminal: a pending Ctrl-C (replays), live jobs. */
  readonly #terminal: { interruptAtMs?: number; foreground?: (job: ForegroundJob) => void; columns?: number } = {};
  #job: ForegroundJob | undefined;
  #pending: HostSession | undefined;

  constructor(options: SessionOptions = {}, cluster?: Cluster) {
    this.cluster = cluster ?? Cluster.create(options);
    this.fs = new MemoryFs();
    const net: NetHost = { client: { kind: 'workstation' }, flavour: 'gnu' };
    const shell = this.#newShell('workstation', this.fs);
    this.#stack.push({ kind: 'workstation', name: 'workstation', shell, fs: this.fs, net, prompt: (cwd) => `root@workstation:${tilde(cwd)}# `, goodbye: '' });
    for (const [name, { command, help }] of Object.entries(this.#workstationCommands())) shell.register(name, command, help);
  }

  /** The width of the terminal the session is shown in, as the terminal reports it on resize. */
  setTerminalColumns(columns: number): void {
    this.#terminal.columns = columns;
  }

  /** The shell of the host the terminal is on now. */
  get shell(): Shell {
    return this.#current.shell;
  }

  /** Where the terminal is: `workstation`, a node name, or a pod name. */
  get host(): { kind: HostSession['kind']; name: string } {
    return { kind: this.#current.kind, name: this.#current.name };
  }

  /** The file system of the host the terminal is on now. */
  get currentFs(): MemoryFs {
    return this.#current.fs;
  }

  /** The prompt for the host the terminal is on, e.g. `root@node-1:~# ` or `/ # ` in busybox. */
  prompt(): string {
    return this.#current.prompt(this.#current.fs.cwd());
  }

  get #current(): HostSession {
    return this.#stack[this.#stack.length - 1]!;
  }

  #newShell(name: string, fs: MemoryFs, env?: Record<string, string>, dialect?: ShellDialect): Shell {
    const c = this.cluster;
    const terminal = this.#terminal;
    const host: CommandHost = {
      name,
      fs,
      epochMs: c.config.epochMs,
      now: () => c.now(),
      advance: (ms) => c.advance(ms),
      get interruptAtMs() {
        return terminal.interruptAtMs;
      },
      get foreground() {
        return terminal.foreground;
      },
      get columns() {
        return terminal.columns;
      },
    };
    const shell = new Shell({ host, ...(env ? { env } : {}), ...(dialect ? { dialect } : {}) });
    shell.register('hostname', () => ({ stdout: `${name}\n`, stderr: '', exitCode: 0 }), 'show the host name');
    return shell;
  }

  #workstationCommands(): CommandSet {
    const sim = createSim(this.cluster, this.time);
    // Workstation commands always send as the workstation, wherever the terminal is now.
    const net = createNetCommands(this.cluster, () => this.#stack[0]!.net);
    const kubectl = createKubectl(this.cluster);
    return {
      kubectl: { command: this.#kubectlWithExec(kubectl), help: 'the Kubernetes command-line client (kubectl get pods, kubectl apply -f web.yaml)' },
      etcdctl: { command: deferredCommand((p) => p.createEtcdctl(this.cluster)), help: "read the cluster's etcd (etcdctl get /registry/pods --prefix --keys-only)" },
      sim: { command: (ctx) => (ctx.argv[0] === 'load' ? net.simLoad.command(ctx) : sim(ctx)), help: 'control virtual time: sim advance 30s, sim speed 5, sim trace; sim load --url URL --rps N' },
      ssh: { command: this.#ssh(), help: 'log in to a node of the cluster (ssh node-1), exit to come back' },
      ...pick(net, [...NET_TOOLS, 'hey']),
      ...nodeOnlyHints(),
    };
  }

  #ssh(): Command {
    return (ctx) => {
      const args = sshArgs(ctx.argv);
      const target = args[0];
      if (!target) return fail('usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]\n           destination [command [argument ...]]\n', 255);
      const name = target.replace(/^[^@]*@/, '');
      const node = this.cluster.config.nodes.find((n) => n.name === name || n.internalIP === name);
      if (!node) return fail(`ssh: Could not resolve hostname ${name}: Name or service not known\n`, 255);
      const warn = this.#knownHosts.has(node.name) ? '' : `Warning: Permanently added '${name}' (ED25519) to the list of known hosts.\n`;
      this.#knownHosts.add(node.name);
      const host = this.#nodeHost(node.name);
      if (args.length > 1) {
        // ssh warns first, then the remote command's output arrives as it was written.
        const r = host.shell.runInterleaved(args.slice(1).join(' '), { history: false });
        const chunks = [...(warn ? [{ stream: 'stderr' as const, text: warn }] : []), ...r.chunks];
        const text = (stream: 'stdout' | 'stderr') => chunks.filter((c) => c.stream === stream).map((c) => c.text).join('');
        return { stdout: text('stdout'), stderr: text('stderr'), exitCode: r.exitCode, chunks };
      }
      this.#pending = host;
      return { stdout: '', stderr: warn, exitCode: 0 };
    };
  }

  /**
   * A file on a host as graders read it, without side effects: the node's live file system once
   * the terminal has been there, otherwise what the node holds (its runtime storage, such as
   * checkpoint archives, over the files kubeadm left).
   */
  hostFile(host: string, path: string): string | undefined {
    if (host === 'workstation') return this.fs.read(path);
    const node = this.cluster.config.nodes.find((n) => n.name === host);
    if (!node) return undefined;
    const live = this.#nodeFs.get(host);
    if (live) return live.read(path);
    const abs = path.startsWith('/') ? path : `/root/${path}`;
    // kubeadm's files are the same until the terminal visits the node: build them once, keep them aside.
    let base = this.#pristineNodeFs.get(host);
    if (!base) this.#pristineNodeFs.set(host, (base = nodeFs(this.cluster.config, node, this.cluster.cp.version)));
    return storageOf(this.cluster)?.peekFile(host, abs) ?? kubeletClientFiles(host, node.controlPlane)[abs] ?? base.read(abs);
  }

  #nodeHost(name: string): HostSession {
    let fs = this.#nodeFs.get(name);
    const node = this.cluster.config.nodes.find((n) => n.name === name)!;
    if (!fs) {
      fs = withNodeStorage(nodeFs(this.cluster.config, node, this.cluster.cp.version), this.cluster, name);
      // The kubelet client certificates kubeadm leaves, also on clusters without node storage.
      for (const [path, content] of Object.entries(kubeletClientFiles(name, node.controlPlane))) {
        if (fs.exists(path)) continue;
        fs.mkdir(path.slice(0, path.lastIndexOf('/')));
        fs.write(path, content);
      }
      this.#nodeFs.set(name, fs);
    }
    const shell = this.#newShell(name, fs);
    const netHost: NetHost = { client: { kind: 'node', node: name }, flavour: 'gnu' };
    const net = createNetCommands(this.cluster, () => netHost);
    const commands: CommandSet = {
      ...pick(net, [...NET_TOOLS, 'hey']),
      ...nodeCommands(this.cluster),
      ssh: { command: this.#ssh(), help: 'log in to another node' },
      kubectl: { command: kubectlOnNode, help: 'kubectl (no kubeconfig on the node)' },
    };
    for (const [cmd, { command, help }] of Object.entries(commands)) shell.register(cmd, command, help);
    return { kind: 'node', name, shell, fs, net: netHost, prompt: (cwd) => `root@${name}:${tilde(cwd)}# `, goodbye: `logout\nConnection to ${name} closed.\n` };
  }

  /** kubectl, except that `exec -it POD -- sh` enters the pod and network tools run in its namespace. */
  #kubectlWithExec(kubectl: Command): Command {
    return (ctx) => {
      const attach = parseRunAttach(ctx.argv);
      if (attach) return this.#runAttached(kubectl, ctx, attach);
      const t = parseExec(ctx.argv);
      if (!t || t.command.length === 0) return kubectl(ctx);
      const first = t.command[0]!;
      const interactive = t.stdin && t.tty && t.command.length === 1 && SHELLS.has(first);
      const tool = NET_TOOLS.includes(first);
      const script = SHELLS.has(first) && t.command[1] === '-c' ? t.command[2] : undefined;
      if (!interactive && !tool && script === undefined) return kubectl(ctx);
      const pod = this.#podInfo(t);
      // No bash in the image: the runtime cannot start it, whether to enter it or to run a script.
      if (!pod || (first.endsWith('bash') && NO_BASH.has(pod.kind))) return kubectl(ctx);
      if (script !== undefined && !interactive) return this.#podScript(kubectl, ctx, t, pod, script);
      if (tool) {
        if (!pod.tools.tools.includes(first)) return kubectl(ctx);
        const net = createNetCommands(this.cluster, () => ({ client: pod.client, flavour: pod.tools.flavour }));
        const r = net[first]!.command({ ...ctx, argv: t.command.slice(1) });
        return r.exitCode === 0 ? r : { ...r, stderr: `${r.stderr}command terminated with exit code ${r.exitCode}\n` };
      }
      const check = kubectl(ctx);
      if (check.exitCode !== 0) return check;
      this.#pending = this.#podHost(t, pod, first);
      return check;
    };
  }

  /**
   * `kubectl exec POD -- sh -c SCRIPT` whose script uses the pod's network tools (a `for` loop of
   * `wget`s, say): run it in the pod's shell, as `exec -it` would, and hand back what it printed.
   * So does a script with a pipe or a redirection, which the container's own sh (a small subset
   * that runs as plain data inside the engine) does not have. Scripts that only touch the
   * container's processes and files stay with that sh.
   */
  #podScript(kubectl: Command, ctx: CommandContext, t: ExecTarget, pod: PodInfo, script: string): CommandResult {
    const words = new Set(script.split(/[^A-Za-z0-9_-]+/));
    const dash = ctx.argv.indexOf('--');
    if (dash < 0 || !(pod.tools.tools.some((tool) => words.has(tool)) || pipesOrRedirects(script))) return kubectl(ctx);
    // kubectl's own checks first (no such pod or container, not running): exec `true` there.
    const check = kubectl({ ...ctx, argv: [...ctx.argv.slice(0, dash + 1), 'true'] });
    if (check.exitCode !== 0) return check;
    const r = this.#podHost(t, pod, t.command[0]!).shell.runInterleaved(script);
    const stderr = r.chunks.filter((c) => c.stream === 'stderr').map((c) => c.text).join('');
    const stdout = r.chunks.filter((c) => c.stream === 'stdout').map((c) => c.text).join('');
    const code = r.exitCode;
    return { stdout, stderr: code === 0 ? stderr : `${stderr}command terminated with exit code ${code}\n`, exitCode: code, chunks: [...r.chunks, ...(code === 0 ? [] : [{ stream: 'stderr' as const, text: `command terminated with exit code ${code}\n` }])] };
  }

  /**
   * `kubectl run -it NAME ... -- sh`: kubectl creates the pod and waits for it; then the terminal
   * moves into it. Leaving prints kubectl's closing line, or with `--rm` deletes the pod.
   */
  #runAttached(kubectl: Command, ctx: CommandContext, attach: RunAttachTarget): CommandResult {
    const result = kubectl(ctx);
    if (result.exitCode !== 0) return result;
    const target: ExecTarget = { pod: attach.pod, ...(attach.namespace ? { namespace: attach.namespace } : {}), stdin: true, tty: true, command: [attach.shell] };
    const pod = this.#podInfo(target);
    if (!pod) return result;
    const host = this.#podHost(target, pod, attach.shell);
    const ns = attach.namespace ?? 'default';
    // Leaving the attached shell ends the container's main process, so the pod goes at once.
    host.onExit = () =>
      attach.rm
        ? kubectl({ ...ctx, argv: ['delete', 'pod', attach.pod, '-n', ns, '--now'] }).stdout
        : `Session ended, resume using 'kubectl attach ${attach.pod} -c ${attach.pod} -i -t' command when the pod is running\n`;
    this.#pending = host;
    return result;
  }

  #podInfo(t: ExecTarget): PodInfo | undefined {
    const namespace = t.namespace ?? 'default';
    const pod = this.cluster.api.tryGet<Pod>('pods', namespace, t.pod);
    const ip = pod?.status?.podIP;
    const node = pod?.spec?.nodeName;
    if (!pod || !ip || !node || pod.status?.phase !== 'Running') return undefined;
    const netns = (this.cluster.nodeAgent(node) as { podByIP?: (ip: string) => Pick<PodNetns, 'files' | 'kind' | 'env'> | undefined } | undefined)?.podByIP?.(ip);
    const container = t.container ?? pod.spec?.containers[0]?.name;
    const files = netns?.files(container);
    if (!files) return undefined;
    const kind = netns?.kind(container) ?? '';
    const dnsPolicy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
    return { kind, client: { kind: 'pod', node, namespace, name: t.pod, ip, dnsPolicy }, files, env: netns?.env(container) ?? {}, tools: IMAGE_TOOLS[kind] ?? { flavour: 'gnu', tools: [] } };
  }

  #podHost(t: ExecTarget, pod: PodInfo, shellName: string): HostSession {
    const fs = podFs(pod.files, pod.kind);
    // The shell inherits the container's environment: service links, HOSTNAME, PATH, the pod's env.
    // busybox's ash, not bash: its own error texts (`sh: curl: not found`).
    const shell = this.#newShell(t.pod, fs, pod.env, pod.tools.flavour === 'busybox' && !shellName.endsWith('bash') ? 'ash' : undefined);
    const netHost: NetHost = { client: pod.client, flavour: pod.tools.flavour, tools: pod.tools.tools };
    const net = createNetCommands(this.cluster, () => netHost);
    for (const tool of pod.tools.tools) if (net[tool]) shell.register(tool, net[tool].command, net[tool].help);
    const bash = shellName.endsWith('bash');
    const busybox = pod.tools.flavour === 'busybox';
    if (busybox) shell.register('ls', busyboxLs, 'list directory contents (-l -a)');
    if (NO_BASH.has(pod.kind)) shell.unregister('bash');
    const prompt = (cwd: string) => (bash ? `root@${t.pod}:${cwd}# ` : busybox ? `${cwd} # ` : '# ');
    return { kind: 'pod', name: t.pod, shell, fs, net: netHost, prompt, goodbye: '' };
  }

  /** Run one complete input (a line, or several lines with a heredoc), both streams interleaved. */
  /**
   * Let commands keep running as foreground jobs (a live terminal that pumps them as its clock
   * runs and stops them on Ctrl-C). After run(), takeJob() hands over the job an input started.
   */
  enableForegroundJobs(enabled = true): void {
    if (enabled) this.#terminal.foreground = (job) => (this.#job = job);
    else delete this.#terminal.foreground;
  }

  /** The foreground job the last input started, if any (once). */
  takeJob(): ForegroundJob | undefined {
    const job = this.#job;
    this.#job = undefined;
    return job;
  }

  /** Run an input; `interruptAfterMs` replays a Ctrl-C that came that long after it started. */
  run(source: string, options: { interruptAfterMs?: number } = {}): InterleavedResult {
    if (options.interruptAfterMs === undefined) return this.#run(source);
    this.#terminal.interruptAtMs = this.cluster.now() + options.interruptAfterMs;
    try {
      return this.#run(source);
    } finally {
      delete this.#terminal.interruptAtMs;
    }
  }

  #run(source: string): InterleavedResult {
    const here = this.#current;
    const result = here.shell.runInterleaved(source);
    if (result.exited && this.#stack.length > 1 && this.#current === here) {
      this.#stack.pop();
      const goodbye = here.goodbye + (here.onExit?.() ?? '');
      const chunks = goodbye ? [...result.chunks, { stream: 'stdout' as const, text: goodbye }] : result.chunks;
      return { ...result, output: result.output + goodbye, chunks, exited: false };
    }
    if (this.#pending) {
      this.#stack.push(this.#pending);
      this.#pending = undefined;
    }
    return result;
  }
}

/** ssh's own options come before the destination; everything after it is the remote command. */
function sshArgs(argv: string[]): string[] {
  const withValue = new Set(['-p', '-i', '-l', '-o', '-F', '-J', '-L', '-R', '-D', '-E', '-b', '-c', '-m']);
  let i = 0;
  while (i < argv.length && argv[i]!.startsWith('-')) i += withValue.has(argv[i]!) ? 2 : 1;
  return argv.slice(i);
}

function tilde(cwd: string): string {
  return cwd.replace(/^\/root(?=\/|$)/, '~');
}

function pick(set: NetCommandSet, names: readonly string[]): CommandSet {
  const out: CommandSet = {};
  for (const n of names) if (set[n]) out[n] = set[n];
  return out;
}

/** A node has the kubectl binary but no kubeconfig: it tries localhost:8080, as real kubectl does. */
const kubectlOnNode: Command = (): CommandResult => fail('The connection to the server localhost:8080 was refused - did you specify the right host or port?\n');

/** What a pod shell needs: its network identity, its files and the tools of its image. */
interface PodInfo {
  kind: string;
  client: NetClient & { kind: 'pod' };
  files: Record<string, string>;
  env: Record<string, string>;
  tools: { flavour: 'busybox' | 'gnu'; tools: string[] };
}

/** Commands only nodes have: kube-proxy's netfilter and IPVS views, and conntrack. */
function nodeCommands(cluster: Cluster): CommandSet {
  return { ...nodeNetCommands(cluster), ...nodeRuntimeCommands(cluster), conntrack: { command: deferredCommand((p) => p.createConntrack(cluster)), help: "list the node's tracked connections (conntrack -L -p tcp)" } };
}
