import type { Cluster } from '../../../engine/cluster';
import { parseImage } from '../../../engine/apps/catalogue';
import { storageOf } from '../../../engine/cri/storage';
import { checkpointContainer } from '../../../engine/kubelet/checkpoint';
import { TabWriter } from '../../kubectl/printers/tabwriter';
import type { Command, CommandContext, CommandResult } from '../../types';
import { criContainers, findContainer, humanDuration, humanSize, isCrio, kubeletOn, sandboxId, type CriContainer } from './containers';

/** crictl's table writer: tabwriter.NewWriter(os.Stdout, 20, 1, 3, ' ', 0). */
function table(rows: string[][]): string {
  const w = new TabWriter({ minwidth: 20, tabwidth: 1, padding: 3, padchar: ' ', flags: 0 });
  w.write(rows.map((r) => `${r.join('\t')}\n`).join(''));
  w.flush();
  return w.toString();
}

/** A logrus fatal line, as crictl exits on errors. */
function fatal(ctx: CommandContext, msg: string): CommandResult {
  const time = new Date((ctx.host.epochMs ?? 0) + ctx.host.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { stdout: '', stderr: `time="${time}" level=fatal msg=${JSON.stringify(msg)}\n`, exitCode: 1 };
}

function imageColumn(cluster: Cluster, node: string, c: CriContainer): string {
  // CRI-O reports the image by name@digest; containerd by its config digest, shortened.
  return isCrio(cluster, node) ? c.imageRef : c.imageRef.slice(c.imageRef.indexOf('sha256:') + 7, c.imageRef.indexOf('sha256:') + 20);
}

/** `crictl ps [-a] [-q] [--name REGEX] [--pod ID]`. */
function ps(cluster: Cluster, ctx: CommandContext, args: string[]): CommandResult {
  const node = ctx.host.name;
  const flag = (long: string, short?: string) => args.includes(`--${long}`) || (short !== undefined && args.some((a) => /^-[a-z]+$/.test(a) && a.includes(short)));
  const value = (long: string) => {
    const i = args.findIndex((a) => a === `--${long}` || a.startsWith(`--${long}=`));
    return i < 0 ? undefined : args[i]!.includes('=') ? args[i]!.slice(args[i]!.indexOf('=') + 1) : args[i + 1];
  };
  const all = flag('all', 'a');
  const name = value('name');
  const pod = value('pod');
  const matching = criContainers(cluster, node).filter((c) => (all || c.state === 'CONTAINER_RUNNING') && (name === undefined || new RegExp(name).test(c.name)) && (pod === undefined || c.podId.startsWith(pod)));
  if (flag('quiet', 'q')) return { stdout: matching.map((c) => `${c.id}\n`).join(''), stderr: '', exitCode: 0 };
  const rows = [['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD', 'NAMESPACE']];
  for (const c of matching) {
    rows.push([c.id.slice(0, 13), imageColumn(cluster, node, c), `${humanDuration(ctx.host.now() - c.createdAtMs)} ago`, c.state === 'CONTAINER_RUNNING' ? 'Running' : 'Exited', c.name, String(c.attempt), c.podId.slice(0, 13), c.pod, c.namespace]);
  }
  return { stdout: table(rows), stderr: '', exitCode: 0 };
}

function inspect(cluster: Cluster, ctx: CommandContext, id: string | undefined): CommandResult {
  if (!id) return fatal(ctx, 'ID cannot be empty');
  const c = findContainer(cluster, ctx.host.name, id);
  if (!c) return fatal(ctx, `getting the status of the container "${id}": rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found`);
  const epoch = ctx.host.epochMs ?? 0;
  const iso = (ms: number | undefined) => (ms === undefined ? '0001-01-01T00:00:00Z' : new Date(epoch + ms).toISOString());
  const status = {
    id: c.id,
    metadata: { attempt: c.attempt, name: c.name },
    state: c.state,
    createdAt: iso(c.createdAtMs),
    startedAt: iso(c.inst.startedAtMs),
    finishedAt: iso(c.inst.finishedAtMs),
    exitCode: c.inst.exitCode ?? 0,
    image: { image: c.image },
    imageRef: c.imageRef,
    reason: c.inst.reason ?? '',
    labels: { 'io.kubernetes.container.name': c.name, 'io.kubernetes.pod.name': c.pod, 'io.kubernetes.pod.namespace': c.namespace, 'io.kubernetes.pod.uid': c.podUid },
    logPath: `/var/log/pods/${c.namespace}_${c.pod}_${c.podUid}/${c.name}/${c.attempt}.log`,
  };
  const info = { sandboxID: c.podId, pid: c.state === 'CONTAINER_RUNNING' ? 1000 + (parseInt(c.id.slice(0, 4), 16) % 60000) : 0, runtimeSpec: { process: { args: c.inst.proc.argv, env: Object.entries(c.inst.proc.env).map(([k, v]) => `${k}=${v}`) }, hostname: c.inst.proc.hostname } };
  return { stdout: `${JSON.stringify({ status, info }, null, 2)}\n`, stderr: '', exitCode: 0 };
}

function images(cluster: Cluster, ctx: CommandContext): CommandResult {
  const node = ctx.host.name;
  const k = kubeletOn(cluster, node);
  const rows = [['IMAGE', 'TAG', 'IMAGE ID', 'SIZE']];
  const seen = new Map<string, { id: string; size: number }>();
  for (const c of criContainers(cluster, node)) seen.set(c.image, { id: c.imageRef.slice(c.imageRef.indexOf('sha256:') + 7), size: 0 });
  for (const ref of Object.keys(k?.state.images ?? {})) if (!seen.has(ref)) seen.set(ref, { id: ref, size: 0 });
  for (const img of Object.values(storageOf(cluster)?.localImages(node) ?? {})) seen.set(img.ref, { id: img.id, size: img.layer.length });
  for (const [ref, { id, size }] of [...seen].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const r = parseImage(ref);
    rows.push([r.repository, r.tag, id.replace(/[^0-9a-f]/g, '').slice(0, 13), size > 0 ? humanSize(size) : '-']);
  }
  return { stdout: table(rows), stderr: '', exitCode: 0 };
}

function checkpoint(cluster: Cluster, ctx: CommandContext, args: string[]): CommandResult {
  let exportPath: string | undefined;
  const ids: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--export=') || a.startsWith('-E=')) exportPath = a.slice(a.indexOf('=') + 1);
    else if (a === '--export' || a === '-E') exportPath = args[++i];
    else ids.push(a);
  }
  if (ids.length === 0 || !exportPath) return { stdout: '', stderr: 'NAME:\n   crictl checkpoint - Checkpoint one or more running containers\n\nUSAGE:\n   crictl checkpoint [command options] CONTAINER-ID [CONTAINER-ID...]\n\nOPTIONS:\n   --export value, -E value  Specify the name of the tar archive used to export the checkpoint image.\n   --help, -h                show help\n', exitCode: 1 };
  const node = ctx.host.name;
  const k = kubeletOn(cluster, node);
  let stdout = '';
  for (const id of ids) {
    const c = findContainer(cluster, node, id);
    const pod = c && k?.podOf(c.worker);
    if (!c || !k || !pod) return fatal(ctx, `checkpointing the container "${id}" failed: rpc error: code = NotFound desc = could not find container "${id}": not found`);
    const result = checkpointContainer(k, pod, c.name, ctx.host.fs.resolve(exportPath));
    if (!result.ok) return { ...fatal(ctx, `checkpointing the container "${id}" failed: ${result.error}`), stdout };
    ctx.host.advance(450);
    stdout += `${id}\n`;
  }
  return { stdout, stderr: '', exitCode: 0 };
}

/** `crictl`: the CRI client on a node (ps, pods, inspect, logs, images, checkpoint), talking to its runtime. */
export function createCrictl(cluster: Cluster): Command {
  return (ctx) => {
    const [verb, ...rest] = ctx.argv;
    switch (verb) {
      case 'ps':
        return ps(cluster, ctx, rest);
      case 'inspect':
        return inspect(cluster, ctx, rest.find((a) => !a.startsWith('-')));
      case 'images':
      case 'img':
        return images(cluster, ctx);
      case 'checkpoint':
        return checkpoint(cluster, ctx, rest);
      case 'pods':
        return pods(cluster, ctx);
      case 'logs': {
        const id = rest.find((a) => !a.startsWith('-'));
        const c = id ? findContainer(cluster, ctx.host.name, id) : undefined;
        if (!id) return fatal(ctx, 'ID cannot be empty');
        if (!c) return fatal(ctx, `rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found`);
        return { stdout: c.inst.logs.lines().map((line) => `${line}\n`).join(''), stderr: '', exitCode: 0 };
      }
      default:
        return { stdout: '', stderr: `No help topic for '${verb ?? ''}'\n`, exitCode: 3 };
    }
  };
}

function pods(cluster: Cluster, ctx: CommandContext): CommandResult {
  const k = kubeletOn(cluster, ctx.host.name);
  const rows = [['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME']];
  for (const w of Object.values(k?.state.workers ?? {}).filter((x) => x.sandboxStarted).sort((a, b) => b.startTimeMs - a.startTimeMs)) {
    rows.push([sandboxId(w.uid).slice(0, 13), `${humanDuration(ctx.host.now() - w.startTimeMs)} ago`, w.stage === 'terminated' ? 'NotReady' : 'Ready', w.name, w.namespace, '0', '(default)']);
  }
  return { stdout: table(rows), stderr: '', exitCode: 0 };
}
