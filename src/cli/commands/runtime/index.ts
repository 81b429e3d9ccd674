import type { Cluster } from '../../../engine/cluster';
import type { Command } from '../../types';
import { createBuildah } from './buildah';
import { checkpointctl } from './checkpointctl';
import { createCrictl } from './crictl';
import { tar } from './tar';

export { withNodeStorage } from './node-fs';
export { clientCertIdentity, kubeletClientFiles, type CertIdentity } from './kubelet-client';

/**
 * Container runtime tools of a node: crictl, tar, checkpointctl and buildah. They run on a node
 * host (after `ssh NODE`); the node is `ctx.host.name`.
 */
export function nodeRuntimeCommands(cluster: Cluster): Record<string, { command: Command; help: string }> {
  return {
    crictl: { command: createCrictl(cluster), help: "talk to the node's container runtime: crictl ps [-a], crictl inspect ID, crictl images, crictl checkpoint --export=FILE ID" },
    tar: { command: tar, help: 'list or extract archives: tar -tvf FILE, tar -xf FILE -C DIR' },
    checkpointctl: { command: checkpointctl, help: 'inspect a checkpoint archive: checkpointctl show FILE' },
    buildah: { command: createBuildah(cluster), help: 'build images: buildah from scratch, buildah add, buildah config --annotation, buildah commit, buildah push' },
  };
}
