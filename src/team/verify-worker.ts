import { parentPort, workerData } from 'node:worker_threads';
import type { Verdict } from '../labs/verify';
import { verifyResultText } from '../labs/verify';
import { labLoader } from './lab-loader';

/** One replay thread of the verify pool: a result text in, the verifier's verdict out. */
const loadLab = labLoader((workerData as { labsDir: string }).labsDir);

parentPort!.on('message', (job: { id: number; text: string }) => {
  verifyResultText(job.text, loadLab).then(
    (verdict: Verdict) => parentPort!.postMessage({ id: job.id, verdict }),
    (e: unknown) => parentPort!.postMessage({ id: job.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
