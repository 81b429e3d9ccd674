/**
 * The large rollout in a dedicated worker, where the course runs the engine by default
 * (bench/browser-memory.ts bundles this file and starts it in headless Chromium). It posts its
 * wall time; the memory is read from outside, as the renderer process's peak RSS.
 */
import { runLargeRollout } from './large-rollout-scenario';

const { wallMs } = runLargeRollout();
postMessage({ wallMs: Math.round(wallMs) });
