import { describe, expect, it } from 'vitest';
import { clientCertIdentity } from '../../../src/cli/commands/runtime/index';
import { Cluster } from '../../../src/engine/cluster';
import { criComponents } from '../../../src/engine/cri/storage';
import { kubeletComponents } from '../../../src/engine/kubelet';
import { checkpointCluster, counterPod, CRIO, kubeletOf, post, runPod } from '../../engine/checkpoint/helpers';
import { runtimeShell } from './helpers';

function checkpointed(runtime: Parameters<typeof checkpointCluster>[0] = CRIO): { c: Cluster; path: string; id: string } {
  const c = checkpointCluster(runtime);
  runPod(c, counterPod(), 10);
  const id = kubeletOf(c).state.workers[Object.keys(kubeletOf(c).state.workers)[0]!]!.containers[0]!.current!.id;
  const res = post(c, '/checkpoint/default/counter/counter');
  return { c, id, path: (JSON.parse(res!.body) as { items: string[] }).items[0]! };
}

const CRIO_MEMBERS = ['spec.dump', 'io.kubernetes.cri-o.LogPath', 'config.dump', 'dump.log', 'bind.mounts', 'stats-dump', 'checkpoint/'];

describe('inspecting a checkpoint archive on the node', () => {
  it('ls shows the archive in the kubelet checkpoints directory; tar -tf lists CRI-O\'s members', () => {
    const { c, path } = checkpointed();
    const s = runtimeShell(c, 'node-1');
    expect(s.run('ls /var/lib/kubelet/checkpoints/').stdout).toBe('checkpoint-counter_default-counter-2026-01-01T00:00:10Z.tar\n');
    const members = s.run(`tar -tf ${path}`).stdout.trimEnd().split('\n');
    expect(members.slice(0, 7)).toEqual(CRIO_MEMBERS);
    expect(members).toContain('checkpoint/inventory.img');
    expect(members).toContain('checkpoint/pages-1.img');
    expect(members).not.toContain('rootfs-diff.tar');
    expect(s.run(`tar -tvf ${path} config.dump`).stdout).toMatch(/^-rw------- root\/root {7}\d{3} 2026-01-01 00:00 config\.dump\n$/);
    expect(s.run(`tar -tvf ${path} checkpoint/pages-1.img`).stdout).toBe('-rw------- root/root      4096 2026-01-01 00:00 checkpoint/pages-1.img\n');
  });

  it('tar -xf unpacks into the node file system; config.dump and spec.dump describe the real container', () => {
    const { c, path, id } = checkpointed();
    const s = runtimeShell(c, 'node-1');
    expect(s.run(`mkdir /tmp/cp && cd /tmp/cp && tar -xf ${path} && ls`).stdout).toBe('bind.mounts\ncheckpoint\nconfig.dump\ndump.log\nio.kubernetes.cri-o.LogPath\nspec.dump\nstats-dump\n');
    const config = JSON.parse(s.run('cat /tmp/cp/config.dump').stdout) as Record<string, unknown>;
    expect(config).toMatchObject({ id, rootfsImageName: 'ghcr.io/clusterlab/counter:1.0', runtime: 'runc', checkpointedTime: '2026-01-01T00:00:10Z', restored: false });
    const spec = JSON.parse(s.run('cat /tmp/cp/spec.dump').stdout) as { process: { args: string[] }; annotations: Record<string, string> };
    expect(spec.process.args).toEqual(['/counter']);
    expect(spec.annotations['io.kubernetes.pod.name']).toBe('counter');
    expect(spec.annotations['io.kubernetes.cri-o.Metadata']).toBe('{"name":"counter"}');
    expect(s.run('grep -c count /tmp/cp/checkpoint/pages-1.img').stdout).toBe('1\n');
    expect(s.run(`tar -xf ${path} -C /nope`)).toMatchObject({ exitCode: 2, stderr: 'tar: /nope: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n' });
  });

  it('files the container changed land in rootfs-diff.tar, which checkpointctl sizes', () => {
    const c = checkpointCluster(CRIO);
    const pod = counterPod();
    pod.spec!.containers[0]!.env = [{ name: 'STATE_FILE', value: '/tmp/state' }];
    runPod(c, pod, 5);
    const path = (JSON.parse(post(c, '/checkpoint/default/counter/counter')!.body) as { items: string[] }).items[0]!;
    const s = runtimeShell(c, 'node-1');
    expect(s.run(`tar -tf ${path} rootfs-diff.tar`).stdout).toBe('rootfs-diff.tar\n');
    expect(s.run(`mkdir /tmp/cp && tar -xf ${path} -C /tmp/cp rootfs-diff.tar && tar -tf /tmp/cp/rootfs-diff.tar`).stdout).toBe('tmp/state\n');
    expect(s.run('tar -xf /tmp/cp/rootfs-diff.tar -C /tmp/cp && cat /tmp/cp/tmp/state').stdout).toBe('4\n');
    expect(s.run(`checkpointctl show ${path}`).stdout.split('\n')[4]).toMatch(/ CHKPT SIZE \| ROOT FS DIFF SIZE \|$/);
  });

  it('checkpointctl show prints the table as checkpointctl does', () => {
    const { c, path, id } = checkpointed();
    const out = runtimeShell(c, 'node-1').run(`checkpointctl show ${path}`).stdout;
    const border = '+-----------+--------------------------------+--------------+---------+-------------------------+--------+------------+------------+\n';
    expect(out).toBe(
      `\nDisplaying container checkpoint data from ${path}\n\n` +
        border +
        '| CONTAINER |             IMAGE              |      ID      | RUNTIME |         CREATED         | ENGINE |     IP     | CHKPT SIZE |\n' +
        border +
        `| counter   | ghcr.io/clusterlab/counter:1.0 | ${id.slice(0, 12)} | runc    | 2026-01-01T00:00:00.85Z | CRI-O  | 10.244.1.2 | 4.5 KiB    |\n` +
        border,
    );
    expect(runtimeShell(c, 'node-1').run('checkpointctl show /tmp/none.tar')).toMatchObject({ exitCode: 1, stderr: 'Error: stat /tmp/none.tar: no such file or directory\n' });
  });

  it('a containerd 2.x archive has containerd\'s members and shows engine containerd', () => {
    const { c, path } = checkpointed({ name: 'containerd', version: '2.1.4', criuVersion: '4.1' });
    const s = runtimeShell(c, 'node-1');
    expect(s.run(`tar -tf ${path}`).stdout.split('\n').filter((m) => !m.startsWith('checkpoint/'))).toEqual(['config.dump', 'status.dump', 'status', 'stats-dump', 'dump.log', 'container.log', 'spec.dump', '']);
    expect(s.run(`checkpointctl show ${path}`).stdout).toMatch(/\n\| counter +\| ghcr\.io\/clusterlab\/counter:1\.0 \| [0-9a-f]{12} \| io\.containerd\.runc\.v2 \| 2026-01-01T00:00:00Z \| containerd \| 4\.5 KiB +\|\n\+[-+]+\+\n$/);
  });

  it('tar refuses files that are not archives', () => {
    const { c } = checkpointed();
    const s = runtimeShell(c, 'node-1');
    expect(s.run('tar -tf /etc/hostname')).toMatchObject({ exitCode: 2, stderr: 'tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\n' });
    expect(s.run('tar -tf /tmp/missing.tar')).toMatchObject({ exitCode: 2, stderr: 'tar: /tmp/missing.tar: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n' });
  });
});

describe('crictl on a node', () => {
  it('ps lists running containers with CRI-O image names; checkpoint --export writes an archive and prints the ID', () => {
    const { c, id } = checkpointed();
    const s = runtimeShell(c, 'node-1');
    const ps = s.run('crictl ps').stdout.split('\n');
    expect(ps[0]).toBe('CONTAINER           IMAGE                                                                                                CREATED             STATE               NAME                ATTEMPT             POD ID              POD                 NAMESPACE');
    expect(ps[1]).toMatch(new RegExp(`^${id.slice(0, 13)} {7}ghcr\\.io/clusterlab/counter@sha256:[0-9a-f]{64} {3}9 seconds ago {7}Running {13}counter {13}0 {19}[0-9a-f]{13} {7}counter {13}default$`));
    expect(s.run('crictl ps -q --name count').stdout).toBe(`${id}\n`);
    expect(s.run('crictl ps -q --name web').stdout).toBe('');
    expect(s.run(`crictl logs ${id.slice(0, 5)} | tail -n 1`).stdout).toBe('counter: 9\n');
    expect(s.run(`crictl checkpoint --export=/tmp/cp.tar ${id.slice(0, 13)}`).stdout).toBe(`${id.slice(0, 13)}\n`);
    expect(s.run('tar -tf /tmp/cp.tar').stdout.split('\n').slice(0, 7)).toEqual(CRIO_MEMBERS);
  });

  it('criu is there only where the node config installs it', () => {
    const c = checkpointCluster(CRIO, { other: { name: 'containerd', version: '2.1.4' } });
    expect(runtimeShell(c, 'node-1').run('criu --version')).toMatchObject({ stdout: 'Version: 4.1\n', exitCode: 0 });
    expect(runtimeShell(c, 'node-2').run('criu --version')).toMatchObject({ stderr: 'bash: criu: command not found\n', exitCode: 127 });
  });

  it('checkpoint on containerd 1.7 exits with the runtime error', () => {
    const c = checkpointCluster({ name: 'containerd', version: '1.7.27', criuVersion: '4.1' });
    runPod(c, counterPod(), 10);
    const id = kubeletOf(c).state.workers[Object.keys(kubeletOf(c).state.workers)[0]!]!.containers[0]!.current!.id;
    const r = runtimeShell(c, 'node-1').run(`crictl checkpoint --export=/tmp/cp.tar ${id}`);
    expect(r).toMatchObject({ exitCode: 1, stderr: `time="2026-01-01T00:00:10Z" level=fatal msg="checkpointing the container \\"${id}\\" failed: rpc error: code = Unimplemented desc = method CheckpointContainer not implemented"\n` });
  });
});

describe('kubelet client certificates on nodes', () => {
  it('the control plane has apiserver-kubelet-client, every node its kubelet client cert; curl maps them to identities', () => {
    const c = Cluster.create({ seed: 3 }, [kubeletComponents, criComponents]);
    const cp = runtimeShell(c, 'control-plane');
    const worker = runtimeShell(c, 'node-1');
    expect(cp.run('ls -1 /etc/kubernetes/pki/').stdout).toBe(
      ['apiserver-etcd-client.crt', 'apiserver-etcd-client.key', 'apiserver-kubelet-client.crt', 'apiserver-kubelet-client.key', 'apiserver.crt', 'apiserver.key', 'ca.crt', 'ca.key', 'etcd', 'front-proxy-ca.crt', 'front-proxy-ca.key', 'front-proxy-client.crt', 'front-proxy-client.key', 'sa.key', 'sa.pub', ''].join('\n'),
    );
    // etcd's client certificate is signed by etcd's CA: no identity the kubelet accepts.
    expect(clientCertIdentity(cp.host.fs, '/etc/kubernetes/pki/apiserver-etcd-client.crt', 'control-plane', true)).toEqual({ ok: true });
    expect(worker.run('ls /etc/kubernetes/pki/ /var/lib/kubelet/pki/').stdout).toBe('/etc/kubernetes/pki/:\nca.crt\n\n/var/lib/kubelet/pki/:\nkubelet-client-current.pem\n');
    expect(clientCertIdentity(cp.host.fs, '/etc/kubernetes/pki/apiserver-kubelet-client.crt', 'control-plane', true)).toEqual({ ok: true, identity: { user: 'kube-apiserver-kubelet-client', groups: ['kubeadm:cluster-admins'] } });
    expect(clientCertIdentity(worker.host.fs, '/var/lib/kubelet/pki/kubelet-client-current.pem', 'node-1', false)).toEqual({ ok: true, identity: { user: 'system:node:node-1', groups: ['system:nodes'] } });
    expect(clientCertIdentity(worker.host.fs, '/etc/kubernetes/pki/ca.crt', 'node-1', false)).toEqual({ ok: true });
    const missing = clientCertIdentity(worker.host.fs, 'nope.crt', 'node-1', false);
    expect(missing.ok ? '' : missing.error).toMatch(/^curl: \(58\) could not load PEM client certificate from nope\.crt, OpenSSL error/);
  });
});
