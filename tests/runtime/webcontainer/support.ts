import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { buildWebContainerAssets } from '../../../src/integrations/webcontainer-bundle';
import { shimScript } from '../../../src/runtime/webcontainer/files';
import { EVENT_MARK, type DaemonEvent } from '../../../src/runtime/webcontainer/protocol';

export interface Ran {
  stdout: string;
  stderr: string;
  exitCode: number | null;
}

/**
 * A container-like directory laid out as the WebContainer runtime mounts it (.clusterlab/ with the
 * built daemon bundle, the shims and bin/NAME wrappers), and the daemon running in real Node.
 */
export class Container {
  readonly root: string;
  readonly workdir: string;
  readonly events: DaemonEvent[] = [];
  daemon?: ChildProcess;
  port = 0;

  private constructor(root: string) {
    this.root = root;
    this.workdir = join(root, 'work');
  }

  static async create(commands: string[]): Promise<Container> {
    const container = new Container(mkdtempSync(join(tmpdir(), 'clusterlab-wc-')));
    const dir = join(container.root, '.clusterlab');
    mkdirSync(join(dir, 'bin'), { recursive: true });
    mkdirSync(container.workdir);
    for (const [name, text] of Object.entries(await assets())) writeFileSync(join(dir, name), text);
    for (const name of commands) {
      writeFileSync(join(dir, 'bin', name), shimScript(name));
      chmodSync(join(dir, 'bin', name), 0o755);
    }
    return container;
  }

  /** Start the daemon the way the runtime does, with a manual clock so outputs are exact. */
  async start(extra: string[] = []): Promise<DaemonEvent & { type: 'ready' }> {
    const dir = join(this.root, '.clusterlab');
    const args = [join(dir, 'daemon.mjs'), '--workdir', this.workdir, '--address-file', join(dir, 'daemon.json'), '--clock', 'manual', ...extra];
    const daemon = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.daemon = daemon;
    let stderr = '';
    daemon.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    return new Promise((resolve, reject) => {
      daemon.on('exit', (code) => reject(new Error(`daemon exited ${code}: ${stderr}`)));
      createInterface({ input: daemon.stdout }).on('line', (line) => {
        if (!line.startsWith(EVENT_MARK)) return;
        const event = JSON.parse(line.slice(1)) as DaemonEvent;
        this.events.push(event);
        if (event.type === 'ready') {
          this.port = event.port;
          resolve(event);
        }
      });
    });
  }

  /** Run a bin/ shim (or any script) as jsh would: PATH, cwd, stdin piped or closed. */
  run(name: string, args: string[], options: { stdin?: string; cwd?: string; script?: string } = {}): Promise<Ran> {
    const script = options.script ?? join(this.root, '.clusterlab', 'bin', name);
    const child = spawn(process.execPath, [script, ...args], { cwd: options.cwd ?? this.workdir, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end(options.stdin ?? '');
    return new Promise((resolve) => child.on('close', (exitCode) => resolve({ stdout, stderr, exitCode })));
  }

  ctl(op: string, arg?: unknown): Promise<Ran> {
    const args = arg === undefined ? [op] : [op, JSON.stringify(arg)];
    return this.run('ctl', args, { script: join(this.root, '.clusterlab', 'ctl.mjs') });
  }

  async http(method: string, path: string, body?: string): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`http://127.0.0.1:${this.port}${path}`, { method, ...(body === undefined ? {} : { body }) });
    return { status: res.status, body: await res.json() };
  }

  async stop(): Promise<void> {
    const daemon = this.daemon;
    if (daemon && daemon.exitCode === null) {
      daemon.removeAllListeners('exit');
      await new Promise((resolve) => {
        daemon.once('exit', resolve);
        daemon.kill();
      });
    }
    this.daemon = undefined;
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

let built: Promise<Record<string, string>> | undefined;
/** The real bundle, built once per test file. */
function assets(): Promise<Record<string, string>> {
  built ??= buildWebContainerAssets();
  return built;
}
