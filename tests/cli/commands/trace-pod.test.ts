import { describe, expect, it } from 'vitest';
import { podTrace } from '../../../src/cli/commands/trace-pod';
import { Session } from '../../../src/cli/session';
import type { TraceEntry } from '../../../src/engine/sim/trace';

const entry = (t: number, component: string, detail: string, object?: string): TraceEntry => ({ t, component, action: 'x', detail, ...(object ? { object } : {}) });

describe('sim trace pod/NAME', () => {
  it('adds what other components did with the pod\'s IP while it held it, not after it went to another pod', () => {
    const all = [
      entry(1, 'kubelet/node-1', 'RunPodSandbox: pause container started, CNI assigned 10.244.1.3', 'pods/default/a'),
      entry(2, 'kube-proxy/node-1', 'iptables rules for default/web: added 10.244.1.3:80'),
      entry(3, 'kube-proxy/node-1', 'iptables rules for default/web: added 10.244.1.30:80'),
      entry(4, 'kubelet/node-1', 'RunPodSandbox: pause container started, CNI assigned 10.244.1.3', 'pods/default/b'),
      entry(5, 'kube-proxy/node-1', 'iptables rules for default/web: removed 10.244.1.3:80'),
    ];
    expect(podTrace(all, 'pods/default/a').map((e) => e.t)).toEqual([1, 2]);
    expect(podTrace(all, 'pods/default/b').map((e) => e.t)).toEqual([4, 5]);
  });

  it('shows a deleted pod leaving each node\'s proxy rules at that node\'s own time', () => {
    const s = new Session({ seed: 1 });
    s.run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    s.run('kubectl expose deployment web --port=80');
    s.run('sim advance 30s');
    const name = s.run('kubectl get pods -o name').output.split('\n')[0]!.replace('pod/', '');
    s.run(`kubectl delete pod ${name} --wait=false`);
    s.run('sim advance 10s');
    const removals = s.run(`sim trace pod/${name}`).output.split('\n').filter((l) => /kube-proxy\/\S+\s+program\s+iptables rules for default\/web: removed/.test(l));
    expect(removals.map((l) => l.trim().split(/\s+/)[1]).sort()).toEqual(['kube-proxy/control-plane', 'kube-proxy/node-1', 'kube-proxy/node-2']);
    expect(new Set(removals.map((l) => l.trim().split(/\s+/)[0])).size).toBe(3);
  });
});
