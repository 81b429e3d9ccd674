import { describe, expect, test } from 'vitest';
import { commandLineCandidates } from '../../src/cli/completion-candidates';
import { Session } from '../../src/cli/session';
import { complete } from '../../src/cli/shell/completion';
import { BARE, EditorScreen, PROMPT } from './editor-screen';

function tab(session: Session, line: string) {
  return complete(line, line.length, commandLineCandidates(session.shell, session.cluster, session.fs));
}

const NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

describe('Tab completion of namespaces and of names in them', () => {
  const s = new Session({ seed: 1 });
  s.run('kubectl create deployment web --image=nginx:1.27');
  s.run('sim advance 5s');
  s.fs.write('/root/web.yaml', 'x');
  s.fs.write('/root/notes.txt', 'x');

  test('completes namespace names after -n and --namespace', () => {
    expect(tab(s, 'kubectl get pods -n ').candidates).toEqual(NAMESPACES);
    expect(tab(s, 'kubectl get pods -n kube-s').line).toBe('kubectl get pods -n kube-system ');
    expect(tab(s, 'kubectl -n kube-p').line).toBe('kubectl -n kube-public ');
    expect(tab(s, 'kubectl describe deploy --namespace d').line).toBe('kubectl describe deploy --namespace default ');
  });

  test('completes and lists only the value after --namespace=, as bash splits words at =', () => {
    const r = tab(s, 'kubectl get pods --namespace=kube-');
    expect(r.candidates).toEqual(['kube-node-lease', 'kube-public', 'kube-system']);
    expect(r).toMatchObject({ word: 'kube-', start: 'kubectl get pods --namespace='.length, line: 'kubectl get pods --namespace=kube-' });
    expect(tab(s, 'kubectl get pods --namespace=kube-sy').line).toBe('kubectl get pods --namespace=kube-system ');
  });

  test('completes object names in the namespace -n names, in any form kubectl takes', () => {
    expect(tab(s, 'kubectl get deploy -n kube-system c').line).toBe('kubectl get deploy -n kube-system coredns ');
    expect(tab(s, 'kubectl get deploy --namespace=kube-system c').line).toBe('kubectl get deploy --namespace=kube-system coredns ');
    expect(tab(s, 'kubectl -nkube-system get pods etcd').line).toBe('kubectl -nkube-system get pods etcd-control-plane ');
    expect(tab(s, 'kubectl get deploy -n kube-system ').candidates).toEqual(['coredns']);
    expect(tab(s, 'kubectl get deploy ').candidates).toEqual(['web']);
    expect(tab(s, 'kubectl rollout status -n kube-system deployment/').candidates).toEqual(['deployment/coredns']);
  });

  test('completes pod names for logs and exec', () => {
    expect(tab(s, 'kubectl logs web-').candidates).toHaveLength(1);
    expect(tab(s, 'kubectl exec -n kube-system kube-a').line).toBe('kubectl exec -n kube-system kube-apiserver-control-plane ');
  });

  test('completes manifests and directories after -f', () => {
    s.fs.mkdir('/root/manifests');
    expect(tab(s, 'kubectl apply -f ').candidates).toEqual(['manifests/', 'web.yaml']);
    expect(tab(s, 'kubectl apply --filename=w').line).toBe('kubectl apply --filename=web.yaml ');
  });

  test('uses the namespace of kubectl\'s context when -n is not given', () => {
    const other = new Session({ seed: 1 });
    other.run('kubectl config set-context --current --namespace=kube-system');
    expect(tab(other, 'kubectl get deploy ').candidates).toEqual(['coredns']);
    expect(tab(other, 'kubectl get deploy -n default ').candidates).toEqual([]);
  });

  test('lists bare namespace names on the second Tab after --namespace=', async () => {
    const screen = await new EditorScreen(80, { complete: (line, cursor) => complete(line, cursor, commandLineCandidates(s.shell, s.cluster, s.fs)) }).start();
    await screen.type('kubectl get pods --namespace=k\t\t');
    expect(screen.lines()).toEqual([`${PROMPT}kubectl get pods --namespace=kube-`, 'kube-node-lease  kube-public      kube-system', `${PROMPT}kubectl get pods --namespace=kube-`]);
    await screen.type('s\t\r');
    expect(screen.inputs).toEqual(['kubectl get pods --namespace=kube-system ']);
    expect(screen.last()).toBe(BARE);
  });
});
