import { expect, test } from 'vitest';
import { Session } from '../../../src/cli/session';

// Every expectation is what bash 5.2 prints for the same line.
const run = (line: string, session = new Session({ seed: 1 })) => session.run(line).output;

test('<(LIST) is a file that holds what LIST printed, for as long as the command runs', () => {
  expect(run('cat <(echo a; echo b) | wc -l; echo <(true); grep -c b <(printf "a\\nb\\nb\\n")')).toBe('2\n/dev/fd/63\n2\n');
  expect(run('wc -l < <(seq 3); cat <(echo one) <(echo two)')).toBe('3\none\ntwo\n');
  expect(run('echo <(true) >/dev/null; cat /dev/fd/63; echo "rc=$?"')).toBe('cat: /dev/fd/63: No such file or directory\nrc=1\n');
});

test('a loop reads a command\'s lines with done < <(...), and what it sets stays set', () => {
  expect(run('n=0; while read x; do n=$((n+1)); done < <(seq 5); echo "n=$n"')).toBe('n=5\n');
  const s = new Session({ seed: 1 });
  s.run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
  s.run('sleep 10');
  expect(run('while read name ready rest; do echo "$name=$ready"; done < <(kubectl get pods --no-headers)', s)).toMatch(/^web-\w+-\w+=1\/1\nweb-\w+-\w+=1\/1\n$/);
});
