import { describe, expect, test } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { Session } from '../../../src/cli/session';

describe("a controller's pods share the parts of their specs that are equal", () => {
  function pods(s: Session): Pod[] {
    return s.cluster.api.list<Pod>('pods', 'default').items;
  }

  test('replicas share the template parts, each keeps its own token volume', () => {
    const s = new Session({ seed: 4 });
    s.run('kubectl create deployment web --image=nginx:1.27 --replicas=3');
    s.run('sleep 5');
    const [a, b, c] = pods(s);
    // One copy of what the template made equal (the memory a 5,000-replica Deployment saves)...
    expect(b!.spec!.containers[0]!.resources).toBe(a!.spec!.containers[0]!.resources);
    expect(c!.spec!.tolerations).toBe(a!.spec!.tolerations);
    // ...and what the service account admission made different stays each pod's own.
    for (const pod of [a, b, c]) expect(pod!.spec!.containers[0]!.volumeMounts![0]!.name).toBe(pod!.spec!.volumes![0]!.name);
    expect(new Set([a, b, c].map((p) => p!.spec!.volumes![0]!.name)).size).toBe(3);
  });

  test("a new template's pods take its parts, not the old ReplicaSet's", () => {
    const s = new Session({ seed: 4 });
    s.run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    s.run('sleep 5');
    s.run('kubectl set image deployment/web nginx=nginx:1.28');
    s.run('sleep 30');
    const images = s.run("kubectl get pods -o jsonpath='{range .items[*]}{.spec.containers[0].image}{\"\\n\"}{end}'").output;
    expect(images).toBe('nginx:1.28\nnginx:1.28\n');
    expect(s.run('kubectl get rs -o wide').output).toMatch(/web-\w+ +0 +0 +0 .* nginx:1\.27 /);
  });
});
