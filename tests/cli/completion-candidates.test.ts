import { describe, expect, test } from 'vitest';
import { commandLineCandidates } from '../../src/cli/completion-candidates';
import { Session } from '../../src/cli/session';
import { complete } from '../../src/cli/shell/completion';

function tab(session: Session, line: string) {
  return complete(line, line.length, commandLineCandidates(session.shell, session.cluster, session.fs));
}

describe('Tab completion on the command line', () => {
  const s = new Session({ seed: 1 });
  s.run('kubectl create deployment web --image=nginx:1.27');
  s.run('sim advance 5s');
  s.fs.write('/root/web.yaml', 'x');

  test('completes commands, kubectl verbs and resource types', () => {
    expect(tab(s, 'kubec').line).toBe('kubectl ');
    expect(tab(s, 'kubectl ro').line).toBe('kubectl rollout ');
    expect(tab(s, 'kubectl get deploy').candidates).toEqual(['deploy', 'deployment', 'deployments']);
    expect(tab(s, 'kubectl rollout sta').line).toBe('kubectl rollout status ');
  });

  test('completes the names of live objects and files', () => {
    expect(tab(s, 'kubectl describe deploy w').line).toBe('kubectl describe deploy web ');
    expect(tab(s, 'kubectl get pods web-').candidates).toHaveLength(1);
    expect(tab(s, 'kubectl get nodes node-').candidates).toEqual(['node-1', 'node-2']);
    expect(tab(s, 'kubectl rollout status deployment/').candidates).toEqual(['deployment/web']);
    expect(tab(s, 'cat we').line).toBe('cat web.yaml ');
  });
});
