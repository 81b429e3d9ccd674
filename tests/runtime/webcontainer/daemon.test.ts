import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Container } from './support';

const NODES = `NAME            STATUS   ROLES           AGE   VERSION
control-plane   Ready    control-plane   0s    v1.34.2
node-1          Ready    <none>          0s    v1.34.2
node-2          Ready    <none>          0s    v1.34.2
`;

describe('the WebContainer daemon and its shims, as real Node processes', () => {
  let c: Container;
  beforeAll(async () => {
    c = await Container.create(['kubectl', 'etcdctl', 'sim', 'helm']);
    await c.start();
  }, 120_000);
  afterAll(async () => {
    await c.stop();
    c.remove();
  });

  it('announces its port and the commands that get shims (the cluster tools, not what jsh has)', () => {
    const ready = c.events[0];
    expect(ready).toMatchObject({ type: 'ready', port: c.port });
    const commands = ready?.type === 'ready' ? ready.commands : [];
    expect(commands).toEqual(expect.arrayContaining(['etcdctl', 'kubectl', 'sim']));
    for (const builtin of ['cat', 'echo', 'cd', 'ls', 'grep']) expect(commands).not.toContain(builtin);
  });

  it('runs kubectl with its argv and prints what the cluster answers', async () => {
    expect(await c.run('kubectl', ['get', 'nodes'])).toEqual({ stdout: NODES, stderr: '', exitCode: 0 });
  });

  it('passes on stderr and the exit status of a failing command', async () => {
    expect(await c.run('kubectl', ['get', 'pods', 'nope'])).toEqual({
      stdout: '',
      stderr: 'Error from server (NotFound): pods "nope" not found\n',
      exitCode: 1,
    });
  });

  it('keeps arguments with spaces and quotes intact', async () => {
    const r = await c.run('kubectl', ['create', 'configmap', 'quotes', "--from-literal=text=it's a \"test\" $HOME"]);
    expect(r).toEqual({ stdout: 'configmap/quotes created\n', stderr: '', exitCode: 0 });
    const got = await c.run('kubectl', ['get', 'configmap', 'quotes', '-o', 'jsonpath={.data.text}']);
    expect(got.stdout).toBe('it\'s a "test" $HOME');
  });

  it('forwards piped stdin (kubectl apply -f -)', async () => {
    const manifest = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: piped\n';
    expect(await c.run('kubectl', ['apply', '-f', '-'], { stdin: manifest })).toEqual({ stdout: 'namespace/piped created\n', stderr: '', exitCode: 0 });
  });

  it('reads files the arguments name from the container, relative to the working directory', async () => {
    const dir = join(c.workdir, 'manifests');
    mkdirSync(dir);
    writeFileSync(join(dir, 'ns.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: from-file\n');
    expect(await c.run('kubectl', ['apply', '-f', 'ns.yaml'], { cwd: dir })).toEqual({ stdout: 'namespace/from-file created\n', stderr: '', exitCode: 0 });
    // An edited file is read again, not served from the first copy.
    writeFileSync(join(dir, 'ns.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: from-file\n  labels:\n    team: a\n');
    expect((await c.run('kubectl', ['apply', '-f', 'manifests/ns.yaml'])).stdout).toBe('namespace/from-file configured\n');
  });

  it('serves concurrent shims one after another, losing none', async () => {
    const names = Array.from({ length: 8 }, (_, i) => `concurrent-${i}`);
    const results = await Promise.all(names.map((n) => c.run('kubectl', ['create', 'namespace', n])));
    expect(results.map((r) => [r.stdout, r.exitCode])).toEqual(names.map((n) => [`namespace/${n} created\n`, 0]));
    const listed = await c.run('kubectl', ['get', 'namespaces', '-o', 'name']);
    for (const n of names) expect(listed.stdout).toContain(`namespace/${n}\n`);
  });

  it('answers a command the cluster does not provide with 127, as a shell would', async () => {
    expect(await c.run('helm', ['list'])).toEqual({ stdout: '', stderr: 'helm: command not found\n', exitCode: 127 });
  });

  it('reports every command to the page as an event', () => {
    expect(c.events.filter((e) => e.type === 'command').length).toBeGreaterThanOrEqual(8);
  });

  it('serves the control client: time, picture, check', async () => {
    const paused = await c.ctl('time', { paused: true, speed: 5 });
    expect(paused).toEqual({ stdout: '{"nowMs":0,"speed":5,"paused":true}\n', stderr: '', exitCode: 0 });
    const picture = JSON.parse((await c.ctl('picture')).stdout) as { nodes: { name: string }[]; services: { name: string; clusterIP: string }[] };
    expect(picture.nodes.map((n) => n.name)).toEqual(['control-plane', 'node-1', 'node-2']);
    expect(picture.services).toContainEqual(expect.objectContaining({ name: 'kubernetes', clusterIP: '10.96.0.1' }));
    expect(JSON.parse((await c.ctl('check')).stdout)).toEqual({ labId: 'sandbox', score: 0, maxScore: 0, complete: false, tasks: [] });
  });

  it('refuses malformed requests with a status and a reason', async () => {
    expect(await c.http('GET', '/run')).toEqual({ status: 405, body: { error: 'GET is not allowed; POST JSON to /run, /job or /control' } });
    expect(await c.http('POST', '/run', '{not json')).toEqual({ status: 400, body: { error: 'request body is not JSON' } });
    expect(await c.http('POST', '/run', '{"argv":[],"cwd":"/"}')).toEqual({ status: 400, body: { error: 'argv must be a non-empty array of strings' } });
    expect(await c.http('POST', '/run', '{"argv":["kubectl"],"cwd":"relative"}')).toEqual({ status: 400, body: { error: 'cwd must be an absolute path' } });
    expect(await c.http('POST', '/run', '{"argv":["kubectl"],"cwd":"/","stdin":5}')).toEqual({ status: 400, body: { error: 'stdin must be a string' } });
    expect(await c.http('POST', '/run', '{"argv":["kubectl"],"cwd":"/","tty":"yes"}')).toEqual({ status: 400, body: { error: 'tty must be a boolean' } });
    expect(await c.http('POST', '/job', '{"id":"one"}')).toEqual({ status: 400, body: { error: 'a job request is a JSON object {id, stop?}' } });
    // A job that has ended (or never was) is simply done: a late poll from a shim changes nothing.
    expect(await c.http('POST', '/job', '{"id":99}')).toEqual({ status: 200, body: { stdout: '', done: true } });
    expect(await c.http('POST', '/control', '{"op":"format-disk"}')).toEqual({ status: 400, body: { error: 'unknown control op "format-disk"' } });
    expect(await c.http('POST', '/control', '{"op":"time","request":{"speed":-1}}')).toEqual({ status: 400, body: { error: 'time: speed must be > 0 and <= 1000' } });
    expect(await c.http('POST', '/elsewhere', '{}')).toEqual({ status: 404, body: { error: 'no endpoint /elsewhere; use /run, /job or /control' } });
    expect((await c.http('POST', '/run', 'x'.repeat(17 * 1024 * 1024))).status).toBe(413);
    // Still serving after all that.
    expect((await c.run('kubectl', ['get', 'ns', 'piped', '-o', 'name'])).stdout).toBe('namespace/piped\n');
  });
});

describe('saving, resuming and resetting a sandbox through the control client', () => {
  it('a daemon started from a saved lab has the same cluster; reset starts over', async () => {
    const first = await Container.create(['kubectl']);
    await first.start();
    await first.run('kubectl', ['create', 'namespace', 'kept']);
    await first.ctl('time', { paused: true });
    const saved = (await first.ctl('save')).stdout;
    expect(JSON.parse(saved)).toMatchObject({
      format: 'clusterlab/lab-state@1',
      labId: 'sandbox',
      seed: 1,
      transcript: [{ atMs: 0, input: 'kubectl create namespace kept', output: 'namespace/kept created\n', exitCode: 0 }],
    });
    await first.stop();

    const savedFile = join(first.root, '.clusterlab', 'saved.json');
    writeFileSync(savedFile, saved);
    await first.start(['--saved', savedFile]);
    expect((await first.run('kubectl', ['get', 'namespace', 'kept', '-o', 'name'])).stdout).toBe('namespace/kept\n');
    expect(await first.ctl('reset')).toEqual({ stdout: '{"ok":true}\n', stderr: '', exitCode: 0 });
    expect((await first.run('kubectl', ['get', 'namespace', 'kept'])).stderr).toBe('Error from server (NotFound): namespaces "kept" not found\n');
    await first.stop();
    first.remove();
  }, 120_000);

  it('runs the rarer programs from its deferred chunk, first thing and in a saved lab it replays', async () => {
    const fresh = await Container.create(['kubectl', 'etcdctl']);
    await fresh.start();
    // etcdctl and describe's documents are in the chunk the daemon loads after it starts.
    expect((await fresh.run('etcdctl', ['get', '/registry/namespaces/default', '--keys-only'])).stdout).toBe('/registry/namespaces/default\n\n');
    await fresh.run('kubectl', ['create', 'namespace', 'kept']);
    expect((await fresh.run('kubectl', ['describe', 'namespace', 'kept'])).stdout).toMatch(/^Name:\s+kept\n/);
    const saved = (await fresh.ctl('save')).stdout;
    await fresh.stop();
    const savedFile = join(fresh.root, '.clusterlab', 'saved.json');
    writeFileSync(savedFile, saved);
    await fresh.start(['--saved', savedFile]);
    expect((await fresh.run('kubectl', ['get', 'namespace', 'kept', '-o', 'name'])).stdout).toBe('namespace/kept\n');
    await fresh.stop();
    fresh.remove();
  }, 120_000);

  it('a shim with no daemon says the cluster is not reachable and fails', async () => {
    const c = await Container.create(['kubectl']);
    const r = await c.run('kubectl', ['get', 'pods']);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^kubectl: the lab's cluster is not reachable \(.*daemon\.json.*\)\n$/);
    expect(r.exitCode).toBe(1);
    c.remove();
  }, 120_000);
});

/**
 * `kubectl get pods -w` at the container's terminal (a pseudo-terminal from util-linux `script`,
 * as jsh gives its commands one): the shim keeps printing what the daemon's watch sees as virtual
 * time follows the wall clock, until Ctrl-C. The test waits for output, never for a fixed time.
 */
describe('a watch at the container terminal', () => {
  it('streams changes until Ctrl-C, then is saved as interrupted', async () => {
    const c = await Container.create(['kubectl', 'sim']);
    await c.start(['--clock', 'realtime']);
    try {
      expect((await c.run('sim', ['speed', '10'])).stdout).toBe('speed 10x\n');
      await c.run('kubectl', ['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2']);
      const shim = join(c.root, '.clusterlab', 'bin', 'kubectl');
      const child = spawn('script', ['-qfec', `${process.execPath} ${shim} get pods -w`, '/dev/null'], { cwd: c.workdir, stdio: ['pipe', 'pipe', 'pipe'] });
      let screen = '';
      const seen = new Promise<void>((resolve, reject) => {
        const guard = setTimeout(() => reject(new Error(`no Running row; the terminal shows:\n${screen}`)), 20_000);
        child.stdout.on('data', (d: Buffer) => {
          screen += d.toString();
          if (!/web-\S+\s+1\/1\s+Running/.test(screen)) return;
          clearTimeout(guard);
          resolve();
        });
      });
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      await seen;
      // Listed while starting, then each change as a row of its own.
      expect(screen).toMatch(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\r?\nweb-\S+\s+0\/1\s+(Pending|ContainerCreating)/);
      child.stdin.write('\x03');
      expect(await exited).toBe(130);
      const saved = JSON.parse((await c.ctl('save')).stdout) as { transcript: { input: string; output: string; exitCode: number; interruptedAfterMs?: number }[] };
      const watch = saved.transcript.at(-1)!;
      expect(watch).toMatchObject({ input: 'kubectl get pods -w', exitCode: 130 });
      expect(watch.interruptedAfterMs).toBeGreaterThan(0);
      expect(watch.output).toMatch(/web-\S+\s+1\/1\s+Running/);
      // The daemon serves the next command as usual.
      expect((await c.run('kubectl', ['get', 'deploy', 'web', '-o', 'name'])).stdout).toBe('deployment.apps/web\n');
    } finally {
      await c.stop();
      c.remove();
    }
  }, 120_000);
});

describe('a graded lab in the daemon', () => {
  it('holds the lab session: its checks, its transcript, its progress in every command event', async () => {
    const c = await Container.create(['kubectl', 'check']);
    const ready = await c.start(['--lab', 'pod-journey']);
    expect(ready.commands).toContain('kubectl');
    const fresh = JSON.parse((await c.ctl('check')).stdout) as { labId: string; complete: boolean; tasks: { id: string; pass: boolean }[] };
    expect(fresh.labId).toBe('pod-journey');
    expect(fresh.complete).toBe(false);
    expect(fresh.tasks.length).toBeGreaterThan(0);
    expect(fresh.tasks.every((t) => !t.pass)).toBe(true);
    expect((await c.run('kubectl', ['get', 'nodes', '-o', 'name'])).stdout).toBe('node/control-plane\nnode/node-1\nnode/node-2\n');
    const last = c.events.at(-1);
    expect(last).toMatchObject({ type: 'command', progress: { labId: 'pod-journey' } });
    const saved = JSON.parse((await c.ctl('save')).stdout) as { labId: string; transcript: { input: string }[] };
    expect(saved.labId).toBe('pod-journey');
    expect(saved.transcript.map((e) => e.input)).toEqual(['kubectl get nodes -o name']);
    await c.stop();
    c.remove();
  }, 120_000);

  it('refuses a lab it does not have, naming the ones it has', async () => {
    const c = await Container.create([]);
    await expect(c.start(['--lab', 'no-such-lab'])).rejects.toThrow(/daemon exited 2: clusterlab daemon: .*no-such-lab.*pod-journey/s);
    c.remove();
  }, 120_000);
});
