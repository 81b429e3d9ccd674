import { describe, expect, it } from 'vitest';
import { Cluster, type ClusterSnapshot } from '../../../src/engine/cluster';
import { Session } from '../../../src/cli/session';

const TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** The claims of a JWT, decoded from its base64url middle part. */
function claims(jwt: string): Record<string, unknown> {
  const [header, payload, signature] = jwt.trim().split('.');
  expect(header && signature).toBeTruthy();
  return JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

function running(): Session {
  const session = new Session({ seed: 4 });
  session.run('kubectl run box --image=busybox:1.37 -- sleep 3600');
  session.run('sim advance 30s');
  return session;
}

describe("a pod's service-account token", () => {
  it('is a bound token naming the pod, its node and service account, issued when the volume was mounted', () => {
    const session = running();
    const pod = session.cluster.api.get<{ metadata: { uid: string }; spec: { nodeName: string } }>('pods', 'default', 'box');
    const token = session.run(`kubectl exec box -- cat ${TOKEN}`).output;
    const c = claims(token);
    expect(c).toMatchObject({
      aud: ['https://kubernetes.default.svc.cluster.local'],
      sub: 'system:serviceaccount:default:default',
      'kubernetes.io': { namespace: 'default', pod: { name: 'box', uid: pod.metadata.uid }, node: { name: pod.spec.nodeName }, serviceaccount: { name: 'default' } },
    });
    expect((c.exp as number) - (c.iat as number)).toBe(3607);
    // Issued at mount, not when read: reading later gives the same bytes.
    session.run('sim advance 5m');
    expect(session.run(`kubectl exec box -- cat ${TOKEN}`).output).toBe(token);
  });

  it('is the same after the cluster is saved and restored, whether or not it was read before', () => {
    const unread = running();
    const read = running();
    const before = read.run(`kubectl exec box -- cat ${TOKEN}`).output;
    const restored = new Session({}, Cluster.restore(JSON.parse(JSON.stringify(unread.cluster.snapshot())) as ClusterSnapshot));
    expect(restored.run(`kubectl exec box -- cat ${TOKEN}`).output).toBe(before);
    expect(unread.run(`kubectl exec box -- cat ${TOKEN}`).output).toBe(before);
  });
});
