import { describe, expect, it } from 'vitest';
import { loadLab } from '../../src/labs/registry';
import { LabSession } from '../../src/labs/session';

/** The long-running-jobs lab grades a rainbow release by where the Service sends new viewers. */
async function lab() {
  const session = LabSession.create(await loadLab('long-running-jobs'));
  session.run("sed 's/live-v1/live-v2/; s/release: v1/release: v2/; s/stream-server:1.0/stream-server:2.0/' live-v1.yaml > live-v2.yaml");
  session.run('kubectl apply -f live-v2.yaml');
  session.run('kubectl rollout status deployment/live-v2');
  return session;
}

const release = (s: LabSession) => s.check().tasks.find((t) => t.id === 'release')!;

describe('a rainbow release in the long-running-jobs lab', () => {
  it('is not done while the Service still sends new viewers to 1.0', async () => {
    const s = await lab();
    expect(release(s).pass).toBe(false);
    expect(release(s).message).toContain('does not select its pods: new viewers still go to 1.0');
  });

  it('is not done when the Service selects both releases, since 1.0 would never drain', async () => {
    const s = await lab();
    s.run("sed '/release: v1/d' service.yaml > both.yaml");
    s.run('kubectl apply -f both.yaml');
    expect(release(s).pass).toBe(false);
    expect(release(s).message).toContain('still selects 1.0 pods');
  });

  it('is done once the Service selects only 2.0, while 1.0 keeps its viewers', async () => {
    const s = await lab();
    s.run("sed 's/release: v1/release: v2/' service.yaml > v2.yaml");
    s.run('kubectl apply -f v2.yaml');
    expect(release(s).pass).toBe(true);
    expect(s.run('kubectl logs deployment/live-v1 --tail=1').output).toMatch(/connected/);
  });
});
