import { describe, expect, test } from 'vitest';
import { Session } from '../../src/cli/session';

describe('node leases', () => {
  test('every kubelet holds a Lease in kube-node-lease, shown by get and describe', () => {
    const s = new Session({ seed: 1 });
    s.run('sim advance 35s');
    expect(s.run('kubectl get leases -n kube-node-lease').output).toBe(
      'NAME            HOLDER          AGE\ncontrol-plane   control-plane   35s\nnode-1          node-1          35s\nnode-2          node-2          35s\n',
    );
    const lease = s.run('kubectl describe node node-1').output.split('\n').filter((l) => /^Lease:|^  (HolderIdentity|AcquireTime|RenewTime):/.test(l));
    expect(lease).toEqual(['Lease:', '  HolderIdentity:  node-1', '  AcquireTime:     <unset>', '  RenewTime:       Thu, 01 Jan 2026 00:00:30 +0000']);
  });

  test('a stopped kubelet stops renewing: the node goes NotReady once the grace period passes without a renewal', () => {
    const s = new Session({ seed: 1 });
    s.run('sim advance 10s');
    const kubelet = s.cluster.components.find((c) => c.id === 'kubelet/node-1') as unknown as { stop(): void };
    kubelet.stop();
    s.run('sim advance 30s');
    expect(s.run('kubectl get node node-1').output).toMatch(/node-1 +Ready /);
    s.run('sim advance 30s');
    expect(s.run('kubectl get node node-1').output).toMatch(/node-1 +NotReady /);
    expect(s.run("kubectl get lease node-1 -n kube-node-lease -o jsonpath='{.spec.renewTime}'").output).toBe('2026-01-01T00:00:10.000000Z');
  });
});
