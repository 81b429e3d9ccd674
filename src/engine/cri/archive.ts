import type { ContainerRuntimeConfig } from '../cluster-config';
import type { ProcessState } from '../apps/types';
import { fnv32a } from '../sim/hash';
import { readTar, writeTar, type TarEntry, type TarMember } from './tar';

/** Everything the runtime knows about a container it checkpoints. */
export interface CheckpointSource {
  runtime: ContainerRuntimeConfig;
  node: string;
  epochMs: number;
  containerId: string;
  container: string;
  pod: string;
  namespace: string;
  podUid: string;
  podIP: string;
  /** Normalised image name (`docker.io/library/nginx:1.27`) and its ID (`repo@sha256:...`). */
  image: string;
  imageRef: string;
  createdAtMs: number;
  checkpointedAtMs: number;
  proc: ProcessState;
  /** Files the image had when the container was created; the rest is the rootfs diff. */
  baseFiles: Record<string, string>;
  logs: [number, string][];
}

/** Files bind-mounted into every container; they are not part of its rootfs diff. */
const BIND_MOUNTS = ['/etc/hosts', '/etc/hostname', '/etc/resolv.conf', '/dev/termination-log'];
const PAGE = 4096;

/** Go's time.RFC3339Nano of a virtual instant: fraction with trailing zeros trimmed. */
export function rfc3339Nano(epochMs: number, virtualMs: number): string {
  const iso = new Date(epochMs + virtualMs).toISOString();
  const frac = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${frac ? `.${frac}` : ''}Z`;
}

/** A host PID for the container's init, stable per container. */
export function hostPid(containerId: string): number {
  return 1000 + (fnv32a(containerId) % 60000);
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

function annotations(s: CheckpointSource): Record<string, string> {
  const created = rfc3339Nano(s.epochMs, s.createdAtMs);
  const common = { 'io.kubernetes.container.name': s.container, 'io.kubernetes.pod.name': s.pod, 'io.kubernetes.pod.namespace': s.namespace, 'io.kubernetes.pod.uid': s.podUid };
  if (s.runtime.name === 'cri-o') {
    return {
      ...common,
      'io.container.manager': 'cri-o',
      'io.kubernetes.cri-o.ContainerID': s.containerId,
      'io.kubernetes.cri-o.Created': created,
      'io.kubernetes.cri-o.IP.0': s.podIP,
      'io.kubernetes.cri-o.Image': s.imageRef,
      'io.kubernetes.cri-o.ImageName': s.image,
      'io.kubernetes.cri-o.LogPath': logPath(s),
      'io.kubernetes.cri-o.Metadata': JSON.stringify({ name: s.container }),
    };
  }
  return {
    ...common,
    'io.kubernetes.cri.container-name': s.container,
    'io.kubernetes.cri.container-type': 'container',
    'io.kubernetes.cri.image-name': s.image,
    'io.kubernetes.cri.sandbox-name': s.pod,
    'io.kubernetes.cri.sandbox-namespace': s.namespace,
    'io.kubernetes.cri.sandbox-uid': s.podUid,
  };
}

function logPath(s: CheckpointSource): string {
  return `/var/log/pods/${s.namespace}_${s.pod}_${s.podUid}/${s.container}/0.log`;
}

/** config.dump: checkpointctl's ContainerConfig, as the runtime writes it. */
function configDump(s: CheckpointSource): string {
  const checkpointed = rfc3339Nano(s.epochMs, s.checkpointedAtMs);
  return json({
    id: s.containerId,
    name: s.runtime.name === 'cri-o' ? `k8s_${s.container}_${s.pod}_${s.namespace}_${s.podUid}_0` : s.container,
    rootfsImage: s.image,
    rootfsImageRef: s.runtime.name === 'cri-o' ? s.imageRef.slice(s.imageRef.indexOf('sha256:') + 7) : s.imageRef,
    rootfsImageName: s.image,
    runtime: s.runtime.name === 'cri-o' ? 'runc' : 'io.containerd.runc.v2',
    createdTime: rfc3339Nano(s.epochMs, s.createdAtMs),
    checkpointedTime: checkpointed,
    restoredTime: '0001-01-01T00:00:00Z',
    restored: false,
  });
}

/** spec.dump: the container's OCI runtime spec. */
function specDump(s: CheckpointSource): string {
  return json({
    ociVersion: '1.2.0',
    process: { user: { uid: 0, gid: 0 }, args: s.proc.argv, env: Object.entries(s.proc.env).map(([k, v]) => `${k}=${v}`), cwd: '/' },
    root: { path: s.runtime.name === 'cri-o' ? `/var/lib/containers/storage/overlay/${s.containerId}/merged` : 'rootfs' },
    hostname: s.proc.hostname,
    mounts: BIND_MOUNTS.map((d) => ({ destination: d, type: 'bind', source: `/var/lib/kubelet/pods/${s.podUid}${d === '/dev/termination-log' ? `/containers/${s.container}/0` : d}`, options: ['rbind', 'rprivate', 'rw'] })),
    annotations: annotations(s),
    linux: { namespaces: ['pid', 'ipc', 'uts', 'mount', 'network'].map((type) => ({ type })) },
  });
}

/** The container's writable layer: files added or changed since it was created. */
export function rootfsDiff(s: CheckpointSource): { changed: Record<string, string>; deleted: string[] } {
  const changed: Record<string, string> = {};
  for (const [path, content] of Object.entries(s.proc.files)) {
    if (BIND_MOUNTS.includes(path) || path.startsWith('/var/run/secrets/')) continue;
    if (s.baseFiles[path] !== content) changed[path] = content;
  }
  const deleted = Object.keys(s.baseFiles).filter((p) => !(p in s.proc.files) && !BIND_MOUNTS.includes(p));
  return { changed, deleted };
}

/** The process memory CRIU dumps: the app's state, which a restore reads back. */
export function processImage(proc: ProcessState): string {
  return JSON.stringify({ kind: proc.kind, argv: proc.argv, env: proc.env, hostname: proc.hostname, stopping: proc.stopping ?? null, data: proc.data });
}

function criuImages(s: CheckpointSource, pid: number): Record<string, string> {
  const memory = processImage(s.proc);
  const cmd = s.proc.argv[0]?.split('/').pop() ?? 'sh';
  const magic = (name: string) => `\x59\x32\x45\x54CRIU ${name} image\n`;
  const pagesSize = Math.max(1, Math.ceil(memory.length / PAGE)) * PAGE;
  return {
    'cgroup.img': magic('cgroup'),
    'core-1.img': `${magic('core')}task_state: alive\ncomm: ${cmd}\n`,
    'descriptors.json': JSON.stringify(['/dev/null', 'pipe:[1]', 'pipe:[2]']),
    'fdinfo-2.img': magic('fdinfo'),
    'files.img': magic('files'),
    'fs-1.img': magic('fs'),
    'ids-1.img': magic('ids'),
    'inventory.img': `${magic('inventory')}img_version: 2\nroot_ids: 1\nlsmtype: NO_LSM\nroot_cg_set: 1\ndump_criu_version: ${s.runtime.criuVersion ?? ''}\n`,
    'mm-1.img': magic('mm'),
    'mountpoints-13.img': magic('mountpoints'),
    'pagemap-1.img': `${magic('pagemap')}pages_id: 1\nnr_pages: ${pagesSize / PAGE}\n`,
    'pages-1.img': memory.padEnd(pagesSize, '\0'),
    'pstree.img': `${magic('pstree')}pid: ${pid}\nppid: 0\n`,
    'seccomp.img': magic('seccomp'),
    'utsns-12.img': `${magic('utsns')}nodename: ${s.proc.hostname}\n`,
  };
}

function dumpLog(s: CheckpointSource, pid: number): string {
  const cmd = s.proc.argv[0]?.split('/').pop() ?? 'sh';
  return [
    `(00.000000) Version: ${s.runtime.criuVersion ?? ''} (gitid 0)`,
    `(00.000012) Running on ${s.node} Linux 6.8.0-1021-gcp #23-Ubuntu SMP x86_64`,
    `(00.000540) Dumping processes (pid: ${pid} comm: ${cmd})`,
    '(00.001211) Seized task 1, state 1',
    '(00.004873) Dumping pages (type: 1 pid: 1)',
    '(00.011302) Running post-dump scripts',
    '(00.011390) Unfreezing tasks into 1',
    '(00.011602) Writing stats',
    '(00.011640) Dumping finished successfully',
    '',
  ].join('\n');
}

/** CRI-O's container log, as conmon writes it: nanosecond time with a numeric offset (containerd writes `Z`). */
function logFile(s: CheckpointSource): string {
  return s.logs.map(([t, line]) => `${new Date(s.epochMs + t).toISOString().replace('Z', '000000+00:00')} stdout F ${line}\n`).join('');
}

/**
 * The checkpoint archive the runtime writes at `Location`: CRI-O's layout (spec.dump, the
 * container log under its annotation name, config.dump, dump.log, bind.mounts, stats-dump,
 * checkpoint/) or containerd's (config.dump, status.dump, status, stats-dump, container.log,
 * checkpoint/, spec.dump); rootfs-diff.tar and deleted.files only when the rootfs changed.
 */
export function checkpointArchive(s: CheckpointSource): string {
  const mtime = Math.floor((s.epochMs + s.checkpointedAtMs) / 1000);
  const file = (name: string, content: string): TarMember => ({ name, mode: 0o600, mtime, type: 'file', content });
  const pid = hostPid(s.containerId);
  const { changed, deleted } = rootfsDiff(s);
  const diff: TarMember[] = [];
  if (Object.keys(changed).length > 0) diff.push(file('rootfs-diff.tar', writeTar(Object.entries(changed).sort().map(([p, c]) => ({ name: p.slice(1), mode: 0o644, mtime, type: 'file', content: c })))));
  if (deleted.length > 0) diff.push(file('deleted.files', JSON.stringify(deleted)));
  const images = [{ name: 'checkpoint/', mode: 0o700, mtime, type: 'dir' as const, content: '' }, ...Object.entries(criuImages(s, pid)).map(([n, c]) => file(`checkpoint/${n}`, c))];
  const stats = `\x10\x01stats-dump freezing_time: 1021 frozen_time: 10472 memdump_time: 5210 pages_written: ${Math.ceil(processImage(s.proc).length / PAGE)}\n`;
  if (s.runtime.name === 'cri-o') {
    const mounts = JSON.stringify(BIND_MOUNTS.map((d) => ({ destination: d, type: 'bind', source: `/var/lib/kubelet/pods/${s.podUid}${d}`, options: ['rbind', 'rprivate', 'rw'] })));
    return writeTar([file('spec.dump', specDump(s)), file('io.kubernetes.cri-o.LogPath', logFile(s)), file('config.dump', configDump(s)), file('dump.log', dumpLog(s, pid)), file('bind.mounts', mounts), file('stats-dump', stats), ...diff, ...images]);
  }
  const status = json({ metadata: { name: s.container }, state: 'CONTAINER_RUNNING', createdAt: String((s.epochMs + s.createdAtMs) * 1e6), image: { image: s.image }, imageRef: s.imageRef, logPath: logPath(s) });
  return writeTar([file('config.dump', configDump(s)), file('status.dump', status), file('status', json({ Pid: pid, CreatedAt: rfc3339Nano(s.epochMs, s.createdAtMs) })), file('stats-dump', stats), file('dump.log', dumpLog(s, pid)), file('container.log', logFile(s)), ...images, ...diff, file('spec.dump', specDump(s))]);
}

/** What a restore needs from an archive: the process memory, the rootfs diff and metadata. */
export interface RestorePoint {
  container: string;
  image: string;
  proc: Pick<ProcessState, 'kind' | 'argv' | 'env' | 'data'> & { stopping: ProcessState['stopping'] | null };
  rootfs: Record<string, string>;
  checkpointedAt: string;
  /** The container log at checkpoint time, as [wall-clock ms, line]; the runtime restores it. */
  logs: [number, string][];
}

/** Lines of a CRI log file (`TIMESTAMP stdout F text`) with their wall-clock times. */
function parseCriLog(text: string): [number, string][] {
  const out: [number, string][] = [];
  for (const line of text.split('\n')) {
    const m = /^(\S+) (?:stdout|stderr) [FP] (.*)$/.exec(line);
    if (m) out.push([Date.parse(m[1]!.replace(/(\.\d{3})\d*(Z|[+-]\d\d:\d\d)$/, '$1$2')), m[2]!]);
  }
  return out;
}

/** Read the parts of a checkpoint archive a restore needs; undefined when it is not one. */
export function readCheckpoint(archive: string): RestorePoint | undefined {
  const entries = readTar(archive);
  if (!entries) return undefined;
  const byName = new Map<string, TarEntry>(entries.map((e) => [e.name.replace(/^\.\//, ''), e]));
  const config = byName.get('config.dump');
  const pages = byName.get('checkpoint/pages-1.img');
  if (!config || !pages || !byName.has('spec.dump')) return undefined;
  const cfg = JSON.parse(config.content) as { rootfsImageName?: string; checkpointedTime?: string };
  const spec = JSON.parse(byName.get('spec.dump')!.content) as { annotations?: Record<string, string> };
  const diff = byName.get('rootfs-diff.tar');
  const rootfs: Record<string, string> = {};
  for (const e of (diff ? readTar(diff.content) : undefined) ?? []) if (e.type === 'file') rootfs[`/${e.name}`] = e.content;
  return {
    container: spec.annotations?.['io.kubernetes.container.name'] ?? '',
    image: cfg.rootfsImageName ?? '',
    proc: JSON.parse(pages.content.replace(/\0+$/, '')) as RestorePoint['proc'],
    rootfs,
    checkpointedAt: cfg.checkpointedTime ?? '',
    logs: parseCriLog((byName.get('io.kubernetes.cri-o.LogPath') ?? byName.get('container.log'))?.content ?? ''),
  };
}
