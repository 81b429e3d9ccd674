import type { Cluster } from '../../../engine/cluster';
import { checkpointGateEnabled } from '../../../engine/cri/capabilities';
import { storageOf, type NodeStorage } from '../../../engine/cri/storage';
import { CHECKPOINTS_DIR } from '../../../engine/kubelet/checkpoint';
import { MemoryFs } from '../../shell/memory-fs';
import { kubeletClientFiles } from './kubelet-client';

/**
 * A node's file system in which the files the node's daemons wrote (checkpoint archives in
 * /var/lib/kubelet/checkpoints, `crictl checkpoint --export` files) appear next to the
 * learner's own: they live in the cluster's NodeStorage, so cluster snapshots keep them.
 */
class NodeStorageFs extends MemoryFs {
  constructor(
    private readonly storage: NodeStorage,
    private readonly node: string,
  ) {
    super();
  }

  #files(): Record<string, string> {
    return this.storage.files(this.node);
  }

  #under(abs: string): string[] {
    const prefix = abs === '/' ? '/' : `${abs}/`;
    return Object.keys(this.#files()).filter((p) => p.startsWith(prefix));
  }

  override read(path: string): string | undefined {
    return this.#files()[this.resolve(path)] ?? super.read(path);
  }

  override write(path: string, content: string): void {
    const abs = this.resolve(path);
    if (abs in this.#files()) this.storage.writeFile(this.node, abs, content);
    else super.write(path, content);
  }

  override exists(path: string): boolean {
    const abs = this.resolve(path);
    return abs in this.#files() || this.#under(abs).length > 0 || super.exists(path);
  }

  override isDir(path: string): boolean {
    return this.#under(this.resolve(path)).length > 0 || super.isDir(path);
  }

  override list(path: string): string[] | undefined {
    const abs = this.resolve(path);
    const own = super.list(path);
    const stored = this.#under(abs).map((p) => p.slice(abs === '/' ? 1 : abs.length + 1).split('/')[0]!);
    if (!own && stored.length === 0) return undefined;
    return [...new Set([...(own ?? []), ...stored])].sort();
  }

  override remove(path: string): boolean {
    const abs = this.resolve(path);
    let removed = this.storage.removeFile(this.node, abs);
    for (const p of this.#under(abs)) removed = this.storage.removeFile(this.node, p) || removed;
    return super.remove(path) || removed;
  }
}

/**
 * Wrap a node's file system (from src/cli/hosts/node-files.ts nodeFs) so the node's stored
 * files show through. With the ContainerCheckpoint gate on, the kubelet created its
 * checkpoints directory at start-up; kubeadm left the kubelet client certificates.
 */
export function withNodeStorage(base: MemoryFs, cluster: Cluster, node: string): MemoryFs {
  const storage = storageOf(cluster);
  if (!storage) return base;
  const fs = new NodeStorageFs(storage, node);
  const json = base.toJSON();
  for (const dir of json.dirs) fs.mkdir(dir);
  for (const [path, content] of Object.entries(json.files)) fs.write(path, content);
  if (checkpointGateEnabled(cluster.config, cluster.cp.version)) fs.mkdir(CHECKPOINTS_DIR);
  const controlPlane = cluster.config.nodes.find((n) => n.name === node)?.controlPlane ?? false;
  for (const [path, content] of Object.entries(kubeletClientFiles(node, controlPlane))) {
    if (fs.exists(path)) continue;
    fs.mkdir(path.slice(0, path.lastIndexOf('/')));
    fs.write(path, content);
  }
  fs.chdir(json.cwd);
  return fs;
}
