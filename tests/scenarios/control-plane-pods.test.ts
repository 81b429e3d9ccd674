import { describe, expect, test } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { Session } from '../../src/cli/session';

const STATIC = ['etcd-control-plane', 'kube-apiserver-control-plane', 'kube-controller-manager-control-plane', 'kube-scheduler-control-plane'];

function staticPods(s: Session): Pod[] {
  return s.cluster.api.list<Pod>('pods', 'kube-system').items.filter((p) => STATIC.includes(p.metadata!.name!));
}

describe('the control plane as static pods', () => {
  test('the kubelet on the control-plane node mirrors its four static pods into kube-system', () => {
    const s = new Session({ seed: 1 });
    s.run('sim advance 30s');
    const pods = staticPods(s);
    expect(pods.map((p) => p.metadata?.name)).toEqual(STATIC);
    for (const pod of pods) {
      expect(pod.status?.phase).toBe('Running');
      expect(pod.status?.podIP).toBe('172.18.0.2');
      expect(pod.spec?.nodeName).toBe('control-plane');
      expect(pod.metadata?.ownerReferences).toEqual([expect.objectContaining({ kind: 'Node', name: 'control-plane', controller: true })]);
      expect(pod.metadata?.annotations?.['kubernetes.io/config.source']).toBe('file');
      // Mirror pods stand for pods the kubelet runs from files: no service account is attached.
      expect(pod.spec?.serviceAccountName).toBeUndefined();
      expect(pod.spec?.volumes?.some((v) => v.name.startsWith('kube-api-access-'))).toBe(false);
    }
    expect(pods.find((p) => p.metadata?.name === 'kube-apiserver-control-plane')?.spec?.containers[0]?.image).toBe('registry.k8s.io/kube-apiserver:v1.34.2');
    expect(pods.find((p) => p.metadata?.name === 'etcd-control-plane')?.spec?.containers[0]?.image).toBe('registry.k8s.io/etcd:3.6.4-0');
    // kubeadm pulled these images before the control plane started.
    expect(s.run('kubectl get events -n kube-system --field-selector involvedObject.name=etcd-control-plane -o name').output).not.toContain('Pulling');
  });

  test('deleting a mirror pod does not stop the static pod: the kubelet mirrors it again, same container', () => {
    const s = new Session({ seed: 1 });
    s.run('sim advance 30s');
    const containerID = () => s.cluster.api.tryGet<Pod>('pods', 'kube-system', 'kube-scheduler-control-plane')?.status?.containerStatuses?.[0]?.containerID;
    const before = containerID();
    expect(before).toMatch(/^containerd:\/\//);
    expect(s.run('kubectl delete pod kube-scheduler-control-plane -n kube-system').output).toBe('pod "kube-scheduler-control-plane" deleted from kube-system namespace\n');
    expect(s.run('kubectl get pod kube-scheduler-control-plane -n kube-system').exitCode).toBe(1);
    s.run('sim advance 3s');
    expect(s.run('kubectl get pod kube-scheduler-control-plane -n kube-system').output).toMatch(/kube-scheduler-control-plane +1\/1 +Running +0 +1s/);
    expect(containerID()).toBe(before);
  });

  test('the static pods log their start-up and answer their health endpoints', () => {
    const s = new Session({ seed: 1 });
    s.run('sim advance 30s');
    expect(s.run('kubectl logs -n kube-system kube-scheduler-control-plane').output).toContain('"successfully acquired lease" lock="kube-system/kube-scheduler"');
    const ready = staticPods(s).map((p) => p.status?.containerStatuses?.[0]?.ready);
    expect(ready).toEqual([true, true, true, true]);
  });
});
