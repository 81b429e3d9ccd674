/**
 * The 100-node / 5,000-pod scenario of DESIGN.md's engine figures: converge a 5,000-replica
 * Deployment, then roll out a new image. Free of Node and the DOM, so the same code runs in the
 * bench's Node process (large-rollout.ts) and in a Chromium worker (large-rollout-worker.ts).
 */
import { Session } from '../src/cli/session';
import { deployment, measureWall, rolledOut } from './support';

export interface ScenarioRun {
  session: Session;
  wallMs: number;
  /** Virtual time when the first 5,000 pods were available. */
  convergedMs: number;
}

function advanceUntil(cluster: Session['cluster'], done: () => boolean): void {
  for (let i = 0; i < 3600 && !done(); i++) cluster.advance(1000);
  if (!done()) throw new Error('the rollout did not finish within an hour of virtual time');
}

export function runLargeRollout(): ScenarioRun {
  let session!: Session;
  let convergedMs = 0;
  const wallMs = measureWall(() => {
    session = new Session({ seed: 1, workers: 100 });
    const { cluster } = session;
    cluster.sim.trace.enabled = false;
    cluster.api.create('deployments', deployment('web', 5000, 'nginx:1.27'));
    advanceUntil(cluster, () => rolledOut(cluster, 'web', 5000));
    convergedMs = cluster.now();
    session.run('kubectl set image deployment/web nginx=nginx:1.28');
    advanceUntil(cluster, () => rolledOut(cluster, 'web', 5000));
  });
  return { session, wallMs, convergedMs };
}
