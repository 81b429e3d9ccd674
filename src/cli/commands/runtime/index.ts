import type { Cluster } from '../../../engine/cluster';
import { runtimeOf } from '../../../engine/cri/capabilities';
import { fail, type Command } from '../../types';
import { deferredCommand } from '../../deferred';

export { withNodeStorage } from './node-fs';
export { clientCertIdentity, kubeletClientFiles, type CertIdentity } from './kubelet-client';

/**
 * Container runtime tools of a node: crictl, tar, checkpointctl and buildah. They run on a node
 * host (after `ssh NODE`); the node is `ctx.host.name`.
 */
export function nodeRuntimeCommands(cluster: Cluster): Record<string, { command: Command; help: string }> {
  return {
    crictl: { command: deferredCommand((p) => p.createCrictl(cluster)), help: "talk to the node's container runtime: crictl ps [-a], crictl inspect ID, crictl images, crictl checkpoint --export=FILE ID" },
    tar: { command: deferredCommand((p) => p.tar), help: 'list or extract archives: tar -tvf FILE, tar -xf FILE -C DIR' },
    checkpointctl: { command: deferredCommand((p) => p.checkpointctl), help: 'inspect a checkpoint archive: checkpointctl show FILE' },
    buildah: { command: deferredCommand((p) => p.createBuildah(cluster)), help: 'build images: buildah from scratch, buildah add, buildah config --annotation, buildah commit, buildah push' },
    criu: { command: createCriu(cluster), help: 'Checkpoint/Restore In Userspace: criu --version' },
  };
}

/** `criu --version` where the node has CRIU installed; elsewhere the binary is missing. */
function createCriu(cluster: Cluster): Command {
  return (ctx) => {
    const node = cluster.config.nodes.find((n) => n.name === ctx.host.name);
    const version = node ? runtimeOf(node).criuVersion : undefined;
    if (version === undefined) return fail('bash: criu: command not found\n', 127);
    if (ctx.argv[0] === '--version' || ctx.argv[0] === '-V') return { stdout: `Version: ${version}\n`, stderr: '', exitCode: 0 };
    if (ctx.argv[0] === 'check') return { stdout: 'Looks good.\n', stderr: '', exitCode: 0 };
    return fail('Usage:\n  criu dump|pre-dump -t PID [<options>]\n  criu restore [<options>]\n  criu check [--feature FEAT]\n', 1);
  };
}
