import { describe, expect, test } from 'vitest';
import { ContainerLog, LOG_LINES_MAX } from '../../../src/engine/kubelet/container-log';
import { Session } from '../../../src/cli/session';

describe('container logs', () => {
  test('logs that began with the same burst of lines go their own ways afterwards', () => {
    const burst = ['starting', 'ready'];
    const a = new ContainerLog();
    const b = new ContainerLog();
    a.appendAll(1000, burst);
    b.appendAll(1000, burst);
    a.append(2000, 'GET / 200');
    b.appendAll(3000, ['exiting']);
    expect(a.entries()).toEqual([[1000, 'starting'], [1000, 'ready'], [2000, 'GET / 200']]);
    expect(b.entries()).toEqual([[1000, 'starting'], [1000, 'ready'], [3000, 'exiting']]);
    expect(burst).toEqual(['starting', 'ready']);
  });

  test('a burst past the kept length keeps only the tail', () => {
    const log = new ContainerLog();
    log.appendAll(0, Array.from({ length: LOG_LINES_MAX + 5 }, (_, i) => `line ${i}`));
    expect(log.length).toBe(LOG_LINES_MAX);
    expect(log.lines()[0]).toBe('line 5');
  });

  test("two nginx pods started together print their own access lines after the shared start-up lines", () => {
    const s = new Session({ seed: 2 });
    s.run('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    s.run('kubectl expose deployment web --port=80');
    s.run('sleep 10');
    const [first, second] = s.run("kubectl get pods -o jsonpath='{.items[*].metadata.name}'").output.split(' ');
    s.run(`kubectl exec ${second} -- curl -s localhost`);
    const logsOf = (pod: string) => s.run(`kubectl logs ${pod}`).output.split('\n');
    expect(logsOf(first!).some((l) => l.includes('"GET / HTTP/1.1"'))).toBe(false);
    expect(logsOf(second!).filter((l) => l.includes('"GET / HTTP/1.1"'))).toHaveLength(1);
    expect(logsOf(first!)[0]).toBe(logsOf(second!)[0]);
  });
});
