/**
 * The WebContainer runtime: the lab's cluster runs in a daemon process inside a StackBlitz
 * WebContainer, `kubectl` and friends are shims in the container's PATH, and the real `jsh` shell
 * talks to xterm. Chosen only when the page is cross-origin isolated; `@webcontainer/api` is
 * imported only then. Any failure or a boot slower than the timeout rejects, and the caller
 * (src/runtime/index.ts) falls back to the worker with the same saved state.
 */
import type { WebContainer, WebContainerProcess } from '@webcontainer/api';
import type { LabProgress } from '../../labs/types';
import type { ClusterPicture, LabRuntime, RuntimeStartOptions, TimeControlRequest, TimeStatus } from '../types';
import { containerTree, fetchRuntimeFiles, shimScript } from './files';
import { CONTAINER_LAYOUT, EVENT_MARK, type ControlRequest, type ControlResults, type DaemonEvent } from './protocol';

/** The daemon's loopback port inside the container; nothing outside the container can reach it. */
const DAEMON_PORT = 7350;
/** The site path the runtime files are served from (see src/integrations/webcontainer-bundle.ts). */
const ASSETS_PATH = '_clusterlab/webcontainer/';

type Listener<T> = (value: T) => void;

export async function startWebContainerRuntime(options: RuntimeStartOptions): Promise<LabRuntime> {
  if (typeof crossOriginIsolated === 'undefined' || !crossOriginIsolated) {
    throw new Error('this page is not cross-origin isolated, which WebContainer needs');
  }
  const timeoutMs = options.webcontainer?.bootTimeoutMs ?? 30_000;
  let container: WebContainer | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`WebContainer did not boot within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
  });
  try {
    return await Promise.race([boot(options, (c) => (container = c)), timeout]);
  } catch (error) {
    container?.teardown();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function boot(options: RuntimeStartOptions, booted: (c: WebContainer) => void): Promise<LabRuntime> {
  const api = await import('@webcontainer/api');
  // A commercial deployment's key (from the caller, else PUBLIC_WEBCONTAINER_API_KEY at build
  // time); it must be set before boot, the API throws afterwards.
  const apiKey = options.webcontainer?.apiKey ?? (import.meta.env.PUBLIC_WEBCONTAINER_API_KEY as string | undefined);
  if (apiKey) api.configureAPIKey(apiKey);
  const files = await fetchRuntimeFiles(new URL(`${import.meta.env.BASE_URL.replace(/\/?$/, '/')}${ASSETS_PATH}`, location.href).href);
  const container = await api.WebContainer.boot({ coep: 'require-corp', workdirName: 'lab' });
  booted(container);
  await container.mount(containerTree(files, []));
  if (options.saved) await container.fs.writeFile(CONTAINER_LAYOUT.saved, JSON.stringify(options.saved));
  const { daemon, ready, events } = await startDaemon(container, options);
  const commands = (await ready).commands;
  await Promise.all(commands.map((name) => container.fs.writeFile(`${CONTAINER_LAYOUT.bin}/${name}`, shimScript(name))));
  await makeExecutable(container, commands);
  const shell = await container.spawn('jsh', [], {
    env: { PATH: `${container.workdir}/${CONTAINER_LAYOUT.bin}:${container.path}`, PS1: 'root@workstation:~# ' },
    terminal: { cols: options.cols, rows: options.rows },
  });
  return new WebContainerRuntime(container, daemon, shell, events);
}

/** Start the daemon and resolve with its `ready` event; reject if it exits first. */
async function startDaemon(container: WebContainer, options: RuntimeStartOptions) {
  const dir = `${container.workdir}/${CONTAINER_LAYOUT.dir}`;
  const args = [`${dir}/daemon.mjs`, '--port', String(DAEMON_PORT), '--workdir', container.workdir, '--address-file', `${dir}/daemon.json`];
  const labId = options.labId ?? options.saved?.labId;
  if (options.labId !== undefined) args.push('--lab', options.labId);
  if (options.saved) args.push('--saved', `${container.workdir}/${CONTAINER_LAYOUT.saved}`, '--seed', String(options.saved.seed));
  const daemon = await container.spawn('node', args);
  const events = new EventLines();
  const log: string[] = [];
  void daemon.output.pipeTo(new WritableStream({ write: (chunk) => events.push(chunk, log) }));
  const ready = new Promise<Extract<DaemonEvent, { type: 'ready' }>>((resolve, reject) => {
    events.on((e) => e.type === 'ready' && resolve(e));
    void daemon.exit.then((code) => reject(new Error(`the lab daemon${labId ? ` for ${labId}` : ''} exited (${code}): ${log.join(' ').slice(0, 300)}`)));
  });
  return { daemon, ready, events };
}

/**
 * Mark the shims executable for jsh. Best effort: should a container have no chmod, a missing
 * mode bit shows up as the shell's own error when a command runs, not as a failed boot.
 */
async function makeExecutable(container: WebContainer, commands: string[]): Promise<void> {
  if (commands.length === 0) return;
  try {
    const chmod = await container.spawn('chmod', ['+x', ...commands.map((n) => `${CONTAINER_LAYOUT.bin}/${n}`)], { output: false });
    await chmod.exit;
  } catch {
    // Nothing to do: see above.
  }
}

/** Splits the daemon's output into lines; event lines go to listeners, the rest to the log. */
class EventLines {
  #buffer = '';
  #listeners: Listener<DaemonEvent>[] = [];

  on(listener: Listener<DaemonEvent>): void {
    this.#listeners.push(listener);
  }

  push(chunk: string, log: string[]): void {
    this.#buffer += chunk;
    const lines = this.#buffer.split(/\r?\n/);
    this.#buffer = lines.pop() ?? '';
    for (const line of lines) {
      const at = line.indexOf(EVENT_MARK);
      if (at < 0) {
        if (log.length < 50) log.push(line);
        continue;
      }
      const event = JSON.parse(line.slice(at + 1)) as DaemonEvent;
      for (const listener of this.#listeners) listener(event);
    }
  }
}

class WebContainerRuntime implements LabRuntime {
  readonly kind = 'webcontainer' as const;
  #output = new Set<Listener<string>>();
  #commands = new Set<Listener<LabProgress | undefined>>();
  #input: WritableStreamDefaultWriter<string>;

  constructor(
    private readonly container: WebContainer,
    private readonly daemon: WebContainerProcess,
    private readonly shell: WebContainerProcess,
    events: EventLines,
  ) {
    this.#input = shell.input.getWriter();
    void shell.output.pipeTo(new WritableStream({ write: (data) => this.#output.forEach((l) => l(data)) }));
    events.on((e) => {
      if (e.type === 'command') this.#commands.forEach((l) => l(e.progress));
    });
  }

  input(data: string): void {
    void this.#input.write(data);
  }

  resize(cols: number, rows: number): void {
    this.shell.resize({ cols, rows });
  }

  onOutput(listener: Listener<string>): () => void {
    this.#output.add(listener);
    return () => this.#output.delete(listener);
  }

  type(command: string): void {
    // Each line ended with Enter, as a terminal sends it (\r): jsh reads them as typed lines.
    this.input(`${command.replace(/\r?\n/g, '\r')}\r`);
  }

  check(): Promise<LabProgress> {
    return this.#control({ op: 'check' });
  }

  time(request: TimeControlRequest): Promise<TimeStatus> {
    return this.#control({ op: 'time', request });
  }

  async reset(): Promise<void> {
    await this.#control({ op: 'reset' });
  }

  save() {
    return this.#control({ op: 'save' });
  }

  result() {
    return this.#control({ op: 'result' });
  }

  picture(): Promise<ClusterPicture> {
    return this.#control({ op: 'picture' });
  }

  onCommand(listener: Listener<LabProgress | undefined>): () => void {
    this.#commands.add(listener);
    return () => this.#commands.delete(listener);
  }

  dispose(): void {
    this.shell.kill();
    this.daemon.kill();
    this.container.teardown();
  }

  /** One control call: spawn ctl.mjs, which prints the daemon's answer as one JSON line. */
  async #control<Op extends ControlRequest['op']>(request: ControlRequest & { op: Op }): Promise<ControlResults[Op]> {
    const args = [`${this.container.workdir}/${CONTAINER_LAYOUT.ctl}`, request.op];
    if ('request' in request) args.push(JSON.stringify(request.request));
    const ctl = await this.container.spawn('node', args);
    let text = '';
    await Promise.all([ctl.output.pipeTo(new WritableStream({ write: (chunk) => void (text += chunk) })), ctl.exit]);
    const code = await ctl.exit;
    const line = text.split(/\r?\n/).find((l) => l.startsWith('{') || l.startsWith('['));
    if (code !== 0 || line === undefined) throw new Error(text.trim() || `ctl ${request.op} exited ${code}`);
    return JSON.parse(line) as ControlResults[Op];
  }
}
