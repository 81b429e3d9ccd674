import { describe, expect, test } from 'vitest';
import { Cluster } from '../../src/engine/cluster';
import { Session } from '../../src/cli/session';
import { WEB_DEPLOYMENT } from './support';

const SCRIPT = [
  'kubectl apply -f web.yaml',
  'sim advance 20s',
  'kubectl get pods -o wide',
  'kubectl delete pod $(kubectl get pods -o name | head -1 | cut -d/ -f2) --wait=false',
  'sim advance 40s',
  'kubectl set image deployment/web nginx=nginx:1.28',
  'kubectl rollout status deployment/web',
  'kubectl get pods,rs -o wide',
  'kubectl get events --sort-by=.lastTimestamp',
  'etcdctl get /registry/pods --prefix --keys-only',
];

function transcript(seed: number, session = new Session({ seed }), script = SCRIPT): string {
  session.fs.write('/root/web.yaml', WEB_DEPLOYMENT);
  return script.map((input) => `$ ${input}\n${session.run(input).output}`).join('');
}

describe('Determinism', () => {
  test('the same seed and the same commands print byte-identical output', () => {
    expect(transcript(11)).toBe(transcript(11));
  });

  test('another seed makes other random choices (names, placement)', () => {
    expect(transcript(11)).not.toBe(transcript(12));
  });

  test('a session restored from a snapshot continues exactly like the original', () => {
    const original = new Session({ seed: 5 });
    const first = SCRIPT.slice(0, 5);
    const rest = SCRIPT.slice(5);
    transcript(5, original, first);
    const snapshot = JSON.parse(JSON.stringify(original.cluster.snapshot())) as ReturnType<Cluster['snapshot']>;
    const restored = new Session({}, Cluster.restore(snapshot));
    expect(restored.cluster.stateHash()).toBe(original.cluster.stateHash());
    expect(transcript(5, restored, rest)).toBe(transcript(5, original, rest));
    expect(restored.cluster.stateHash()).toBe(original.cluster.stateHash());
  });
});
