import { expect, test } from 'vitest';
import { Session } from '../../../src/cli/session';

const run = (line: string) => new Session({ seed: 1 }).run(line).output;
const NOT_IN_LOOP = "bash: break: only meaningful in a `for', `while', or `until' loop\n";

test('break and continue leave or skip the enclosing loop, n levels out, as bash does', () => {
  expect(run('for i in 1 2 3 4; do if [ $i = 2 ]; then continue; fi; echo $i; done')).toBe('1\n3\n4\n');
  expect(run('for i in 1 2; do for j in a b; do [ $j = b ] && continue 2; echo $i$j; done; echo never; done')).toBe('1a\n2a\n');
  expect(run('i=0; while true; do i=$((i+1)); [ $i -gt 2 ] && break; echo w$i; done; echo "st=$?"')).toBe('w1\nw2\nst=0\n');
  expect(run('for i in 1 2 3; do break 5; done; echo ok')).toBe('ok\n');
  expect(run('until false; do while true; do break 2; done; echo never; done; echo out')).toBe('out\n');
});

test('outside a loop, or in a subshell, break only complains; a bad count is refused', () => {
  expect(run('break; echo "rc=$?"')).toBe(`${NOT_IN_LOOP}rc=0\n`);
  expect(run('for i in 1 2; do (break); echo $i; done')).toBe(`${NOT_IN_LOOP}1\n${NOT_IN_LOOP}2\n`);
  expect(run('for i in 1; do break 0; echo "rc=$?"; done')).toBe('bash: break: 0: loop count out of range\nrc=1\n');
});

test('a polling loop stops once the Deployment is ready', () => {
  const session = new Session({ seed: 1 });
  session.run('kubectl create deployment web --image=nginx:1.27');
  const out = session.run(`while true; do R=$(kubectl get deploy web -o jsonpath='{.status.readyReplicas}'); [ "$R" = "1" ] && break; sleep 2; done; echo "ready=$R"`).output;
  expect(out).toBe('ready=1\n');
});
