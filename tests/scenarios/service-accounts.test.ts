import { describe, expect, test } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { Session } from '../../src/cli/session';

const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

function decodeSegment(segment: string): unknown {
  return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
}

describe('service accounts', () => {
  test('every pod runs as the default service account with the projected API-access volume mounted read-only', () => {
    const s = new Session({ seed: 1 });
    s.run('kubectl run web --image=nginx');
    const pod = s.cluster.api.get<Pod>('pods', 'default', 'web');
    expect(pod.spec?.serviceAccountName).toBe('default');
    const volume = pod.spec?.volumes?.[0];
    expect(volume?.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(volume?.projected?.sources?.map((src) => Object.keys(src)[0])).toEqual(['serviceAccountToken', 'configMap', 'downwardAPI']);
    expect(pod.spec?.containers[0]?.volumeMounts).toEqual([{ name: volume?.name, readOnly: true, mountPath: SA_DIR }]);
    // A template is not a pod: Deployments do not show the injected volume.
    s.run('kubectl create deployment api --image=nginx');
    expect(s.run('kubectl get deploy api -o yaml').output).not.toContain('kube-api-access');
  });

  test('the container sees a bound token, the cluster CA and its namespace', () => {
    const s = new Session({ seed: 1 });
    s.run('kubectl run web --image=nginx');
    s.run('sim advance 10s');
    expect(s.run(`kubectl exec web -- ls ${SA_DIR}`).output).toBe('ca.crt\nnamespace\ntoken\n');
    expect(s.run(`kubectl exec web -- cat ${SA_DIR}/namespace`).output).toBe('default');
    expect(s.run(`kubectl exec web -- cat ${SA_DIR}/ca.crt`).output).toMatch(/^-----BEGIN CERTIFICATE-----\nMII[\s\S]+\n-----END CERTIFICATE-----\n$/);
    const [header, payload, signature] = s.run(`kubectl exec web -- cat ${SA_DIR}/token`).output.split('.');
    expect(decodeSegment(header!)).toMatchObject({ alg: 'RS256' });
    expect(decodeSegment(payload!)).toMatchObject({
      sub: 'system:serviceaccount:default:default',
      'kubernetes.io': { namespace: 'default', pod: { name: 'web' } },
    });
    expect(Buffer.from(signature!, 'base64url')).toHaveLength(256);
  });

  test('automountServiceAccountToken: false leaves the pod without the volume', () => {
    const s = new Session({ seed: 1 });
    s.fs.write('/root/pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: quiet\nspec:\n  automountServiceAccountToken: false\n  containers:\n  - name: c\n    image: nginx\n');
    s.run('kubectl apply -f pod.yaml');
    expect(s.cluster.api.get<Pod>('pods', 'default', 'quiet').spec?.volumes).toBeUndefined();
  });

  test('a new namespace gets its default ServiceAccount and kube-root-ca.crt from the controllers, and gets them back when deleted', () => {
    const s = new Session({ seed: 1 });
    expect(s.run('kubectl get sa -A').output).toBe(
      'NAMESPACE         NAME      SECRETS   AGE\ndefault           default   0         0s\nkube-node-lease   default   0         0s\nkube-public       default   0         0s\nkube-system       default   0         0s\n',
    );
    s.run('kubectl create namespace team');
    expect(s.run('kubectl get sa -n team').output).toBe('No resources found in team namespace.\n');
    s.run('sim advance 1s');
    expect(s.run('kubectl get sa,cm -n team -o name').output).toBe('serviceaccount/default\nconfigmap/kube-root-ca.crt\n');
    s.run('kubectl delete sa default -n team');
    s.run('sim advance 1s');
    expect(s.run('kubectl get sa -n team -o name').output).toBe('serviceaccount/default\n');
  });

  test('apply keeps the injected mount, so re-applying an unchanged pod manifest is a no-op', () => {
    const s = new Session({ seed: 1 });
    s.fs.write('/root/pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: c\n    image: nginx\n');
    expect(s.run('kubectl apply -f pod.yaml').output).toBe('pod/web created\n');
    expect(s.run('kubectl apply -f pod.yaml').output).toBe('pod/web unchanged\n');
  });
});
