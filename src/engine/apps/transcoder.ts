import { goDuration } from '../kubelet/texts';
import { deathBy } from './http-app';
import { appVersion, type AppContext, type AppModule, type ProcessState } from './types';

/**
 * ghcr.io/clusterlab/transcoder: a long video transcode, the kind of work a rolling update or a
 * drain must not cut short. It encodes SEGMENTS segments of SEGMENT_SECONDS each (default 720 × 10 s
 * = 2 h), logs every finished segment with progress and ETA, and keeps /tmp/progress current.
 * Progress lives only in memory: a killed or restarted transcoder starts again from segment 1.
 * Env knobs:
 * - INPUT / OUTPUT: file names it prints;
 * - SEGMENTS (720), SEGMENT_SECONDS (10);
 * - ON_SIGTERM: `finish-segment` (default) finishes the segment in progress, then exits 143;
 *   `abort` exits 143 at once, losing that segment; `ignore` carries on until SIGKILL (137).
 */
export const transcoder: AppModule = {
  start(ctx, proc) {
    const { segments, segmentMs } = plan(proc);
    ctx.log(`transcoder ${appVersion(proc, '1.0.0')}: ${input(proc)} -> ${output(proc)} (h264 1080p -> h265 720p)`);
    ctx.log(`no resumable progress found; starting at segment 1 of ${segments} (${goDuration(segments * segmentMs)} of work)`);
    proc.data.done = 0;
    beginSegment(ctx, proc);
  },

  timer(ctx, proc, payload) {
    if (payload.t !== 'segment' || payload.n !== proc.data.done) return;
    finishSegment(ctx, proc);
  },

  signal(ctx, proc, signal) {
    if (proc.stopping) return;
    const mode = proc.env.ON_SIGTERM ?? 'finish-segment';
    const { segments } = plan(proc);
    const current = (proc.data.done as number) + 1;
    if (mode === 'ignore') {
      ctx.log(`received ${signal}, ignoring it: segment ${current}/${segments} continues`);
      return;
    }
    proc.stopping = signal;
    if (mode === 'abort') {
      ctx.log(`received ${signal}, aborting: segment ${current}/${segments} is lost`);
      return ctx.exit(deathBy(signal));
    }
    const leftMs = (proc.data.segmentEndsAt as number) - ctx.now();
    ctx.log(`received ${signal}, finishing current segment ${current}/${segments} (${goDuration(Math.max(0, leftMs))} left)`);
  },

  ports: () => [],
};

function plan(proc: ProcessState): { segments: number; segmentMs: number } {
  const segments = Math.max(1, Math.floor(Number(proc.env.SEGMENTS ?? 720)) || 720);
  const seconds = Number(proc.env.SEGMENT_SECONDS ?? 10);
  return { segments, segmentMs: Math.max(1, Math.round((Number.isFinite(seconds) && seconds > 0 ? seconds : 10) * 1000)) };
}

const input = (proc: ProcessState) => proc.env.INPUT ?? '/data/input.mp4';
const output = (proc: ProcessState) => proc.env.OUTPUT ?? '/data/output.mp4';

function beginSegment(ctx: AppContext, proc: ProcessState): void {
  const { segmentMs } = plan(proc);
  proc.data.segmentEndsAt = ctx.now() + segmentMs;
  ctx.after(segmentMs, { t: 'segment', n: proc.data.done });
}

function finishSegment(ctx: AppContext, proc: ProcessState): void {
  const { segments, segmentMs } = plan(proc);
  const done = (proc.data.done as number) + 1;
  proc.data.done = done;
  const elapsed = ctx.now() - proc.startedAtMs;
  const percent = ((done / segments) * 100).toFixed(1);
  ctx.log(`segment ${done}/${segments} done (${percent}%), elapsed ${goDuration(elapsed)}, eta ${goDuration((segments - done) * segmentMs)}`);
  proc.files['/tmp/progress'] = `segment=${done}/${segments}\npercent=${percent}\n`;
  if (done === segments) {
    ctx.log(`transcode complete: ${output(proc)} written, ${segments} segments in ${goDuration(elapsed)}`);
    return ctx.exit(0);
  }
  if (proc.stopping) {
    ctx.log(`stopping after segment ${done}/${segments}: ${segments - done} segments not done, ${output(proc)} is incomplete`);
    return ctx.exit(deathBy(proc.stopping));
  }
  beginSegment(ctx, proc);
}
