import { expect, test } from 'vitest';
import { Session } from '../../../src/cli/session';

function rolledOnce(): Session {
  const session = new Session({ seed: 1 });
  session.run('kubectl create deployment web --image=nginx:1.27 >/dev/null; sleep 10');
  session.run('kubectl set image deploy/web nginx=nginx:1.28 >/dev/null; sleep 20');
  return session;
}

const image = (s: Session) => s.run("kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}'").output;

test('rollout undo --dry-run=client prints the revision it would restore and changes nothing', () => {
  const s = rolledOnce();
  const out = s.run('kubectl rollout undo deploy/web --dry-run=client').output;
  expect(out).toMatch(/^deployment\.apps\/web Pod Template:\n {2}Labels:\tapp=web\n\tpod-template-hash=\w+\n {2}Containers:\n {3}nginx:\n {4}Image:\tnginx:1\.27\n/);
  expect(out.endsWith('  Tolerations:\t<none>\n (dry run)\n')).toBe(true);
  expect(image(s)).toBe('nginx:1.28');
  expect(s.run('kubectl rollout undo deploy/web --dry-run=server').output).toBe('deployment.apps/web rolled back (server dry run)\n');
  expect(image(s)).toBe('nginx:1.28');
  expect(s.run('kubectl rollout undo deploy/web').output).toBe('deployment.apps/web rolled back\n');
  expect(image(s)).toBe('nginx:1.27');
});

test('kinds without a rollbacker or history fail as polymorphichelpers words it; only undo takes --dry-run', () => {
  const s = rolledOnce();
  expect(s.run('kubectl rollout undo svc/kubernetes').output).toBe('error: error retrieving rollbacker for "Service", no visitor method exists for { Service}\n');
  expect(s.run('kubectl rollout history svc/kubernetes').output).toBe('error: error retrieving history for "Service", no visitor method exists for { Service}\n');
  expect(s.run('kubectl get pods -o name | head -1 | xargs kubectl rollout undo').output).toBe('error: no rollbacker has been implemented for "Pod"\n');
  expect(s.run('kubectl rollout pause deploy/web --dry-run=client').output).toBe("error: unknown flag: --dry-run\nSee 'kubectl rollout pause --help' for usage.\n");
});
