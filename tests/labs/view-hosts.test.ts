import { describe, expect, it } from 'vitest';
import { loadLab } from '../../src/labs/registry';
import { LabSession } from '../../src/labs/session';

describe('lab view: files on every host', () => {
  it('reads node files for checks without touching the cluster, before and after the learner visits the node', async () => {
    const lab = LabSession.create(await loadLab('pod-journey'));
    const hash = lab.cluster.stateHash();
    const view = lab.view();
    expect(view.hosts()).toEqual(['workstation', 'control-plane', 'node-1', 'node-2']);
    expect(view.file('/etc/kubernetes/manifests/etcd.yaml', 'control-plane')).toContain('name: etcd');
    expect(view.file('/etc/kubernetes/manifests/etcd.yaml', 'node-1')).toBeUndefined();
    expect(view.file('/var/lib/kubelet/config.yaml', 'node-1')).toContain('kind: KubeletConfiguration');
    expect(lab.cluster.stateHash()).toBe(hash);
    lab.run('ssh node-1');
    lab.run('echo marker > /root/note.txt');
    lab.run('exit');
    expect(lab.view().file('/root/note.txt', 'node-1')).toBe('marker\n');
  });
});
