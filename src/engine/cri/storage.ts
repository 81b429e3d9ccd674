import type { ComponentFactory } from '../components';
import { Component, type ComponentContext } from '../controllers/component';
import { hex, sha256 } from '../sim/hash';

export const NODE_STORAGE_ID = 'cri/storage';

/** An image built on a node (buildah commit) or pushed to a registry: a checkpoint archive plus annotations. */
export interface BuiltImage {
  /** Normalised name, e.g. `localhost/checkpoint-image:latest`. */
  ref: string;
  /** 64 hex characters. */
  id: string;
  /** The layer: the file `buildah add` put at `/` (a checkpoint archive, as a binary string). */
  layer: string;
  annotations: Record<string, string>;
  createdAtMs: number;
}

/** A buildah working container (`buildah from scratch`). */
export interface WorkingContainer {
  name: string;
  id: string;
  layer?: string;
  annotations: Record<string, string>;
}

interface StorageState {
  /** Files the node's daemons wrote (checkpoint archives), per node: path → binary string. */
  files: Record<string, Record<string, string>>;
  /** Image stores of the nodes (containers/storage shared by buildah and CRI-O). */
  local: Record<string, Record<string, BuiltImage>>;
  working: Record<string, Record<string, WorkingContainer>>;
  /** The image registry every node can pull from. */
  registry: Record<string, BuiltImage>;
  serial: number;
}

/**
 * What lives on the nodes' disks and in the image registry beyond the image catalogue: the
 * checkpoint archives the kubelet writes, the images buildah builds from them, and the images
 * pushed to a registry. One per cluster; kept in snapshots.
 */
export class NodeStorage extends Component {
  state: StorageState = { files: {}, local: {}, working: {}, registry: {}, serial: 0 };

  constructor(ctx: ComponentContext) {
    super(NODE_STORAGE_ID, ctx);
  }

  protected reconcile(): void {}

  /** A fresh id, deterministic per cluster. */
  newId(kind: string): string {
    this.state.serial++;
    return hex(sha256(`${kind}:${this.state.serial}:${this.sim.now()}`));
  }

  files(node: string): Record<string, string> {
    return (this.state.files[node] ??= {});
  }

  /** A node's files without creating its entry (graders must not change the cluster's state). */
  peekFile(node: string, path: string): string | undefined {
    return this.state.files[node]?.[path];
  }

  writeFile(node: string, path: string, content: string): void {
    this.files(node)[path] = content;
  }

  removeFile(node: string, path: string): boolean {
    const files = this.files(node);
    if (!(path in files)) return false;
    delete files[path];
    return true;
  }

  localImages(node: string): Record<string, BuiltImage> {
    return (this.state.local[node] ??= {});
  }

  workingContainers(node: string): Record<string, WorkingContainer> {
    return (this.state.working[node] ??= {});
  }

  /** An image a node can run: its own store first, then the registry. */
  image(node: string, ref: string): BuiltImage | undefined {
    return this.localImages(node)[ref] ?? this.state.registry[ref];
  }

  protected override snapshotExtra(): unknown {
    return JSON.parse(JSON.stringify(this.state)) as StorageState;
  }

  protected override restoreExtra(state: unknown): void {
    this.state = state as StorageState;
  }
}

/** The storage of a cluster (anything with a simulator), if it runs one. */
export function storageOf(cluster: { actor(id: string): unknown } | { sim: { actor(id: string): unknown } }): NodeStorage | undefined {
  const sim = 'sim' in cluster ? cluster.sim : cluster;
  const s = sim.actor(NODE_STORAGE_ID);
  return s instanceof NodeStorage ? s : undefined;
}

/** The factory for components.ts. */
export const criComponents: ComponentFactory = (cp) => [new NodeStorage({ sim: cp.sim, api: cp.api, events: cp.events })];
