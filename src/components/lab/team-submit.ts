/**
 * Team mode from the learner's side: after joining a cohort (the join page stores the learner's
 * token in localStorage under `clusterlab:team`), every time a lab task newly passes the panel
 * submits the lab's result file to the team server, which replays it before recording it.
 * DOM-free apart from the storage it is given, so it is tested against the real server in Node.
 */
import { fill, uiStrings, type UiStrings } from '../ui-strings';
import type { LabProgress, SavedLab } from '../../labs/types';

export const TEAM_KEY = 'clusterlab:team';

export interface TeamMembership {
  token: string;
  learner: { id: string; name: string };
  cohort: { id: string; name: string };
}

export function readMembership(storage: Pick<Storage, 'getItem'>): TeamMembership | undefined {
  try {
    const value = JSON.parse(storage.getItem(TEAM_KEY) ?? 'null') as Partial<TeamMembership> | null;
    return value && typeof value.token === 'string' && value.learner && value.cohort ? (value as TeamMembership) : undefined;
  } catch {
    return undefined;
  }
}

/** The line the panel shows after a submission, for the learner. */
export type SubmitOutcome = { ok: true; line: string } | { ok: false; line: string; forget?: boolean; retryAfterS?: number };

interface SubmissionReply {
  status?: string;
  score?: number;
  maxScore?: number;
  reason?: string;
  message?: string;
}

/** POST a result to the cohort's server and describe the answer in one line. */
export async function submitResult(base: string, team: TeamMembership, result: SavedLab, fetchImpl: typeof fetch = fetch, t: UiStrings = uiStrings('en')): Promise<SubmitOutcome> {
  let res: Response;
  try {
    res = await fetchImpl(`${base}/api/team/submissions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${team.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(result),
    });
  } catch (e) {
    return { ok: false, line: fill(t.teamUnreachable, { reason: e instanceof Error ? e.message : String(e) }) };
  }
  const body = (await res.json().catch(() => ({}))) as SubmissionReply;
  if (res.status === 401) return { ok: false, forget: true, line: t.teamInvalid };
  if (res.status === 429) return { ok: false, retryAfterS: Number(res.headers.get('retry-after') ?? 5), line: t.teamTooOften };
  if (!res.ok) return { ok: false, line: fill(t.teamRefused, { reason: body.message ?? res.statusText }) };
  if (body.status === 'verified') return { ok: true, line: fill(t.teamVerified, { cohort: team.cohort.name, score: body.score ?? 0, max: body.maxScore ?? 0 }) };
  return { ok: false, line: fill(t.teamRejected, { cohort: team.cohort.name, reason: body.reason ?? t.noReason }) };
}

/**
 * Submits when the score went up since the last submission of this lab (a task newly passed), so
 * a learner's progress reaches the instructor without a button and without a request per command.
 */
export class TeamSubmitter {
  #lastScore = new Map<string, number>();
  #busy = Promise.resolve();

  constructor(
    private readonly base: string,
    private readonly storage: Pick<Storage, 'getItem' | 'removeItem'>,
    private readonly show: (line: string) => void,
    private readonly strings: UiStrings = uiStrings('en'),
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  onProgress(progress: LabProgress | undefined, result: () => Promise<SavedLab>): Promise<void> {
    const team = readMembership(this.storage);
    if (!team || !progress || progress.score <= (this.#lastScore.get(progress.labId) ?? 0)) return this.#busy;
    this.#lastScore.set(progress.labId, progress.score);
    this.#busy = this.#busy.then(async () => {
      const outcome = await submitResult(this.base, team, await result(), this.fetchImpl, this.strings);
      if (!outcome.ok) this.#lastScore.delete(progress.labId);
      if (!outcome.ok && outcome.forget) this.storage.removeItem(TEAM_KEY);
      this.show(outcome.line);
    });
    return this.#busy;
  }
}
