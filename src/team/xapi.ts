import { createHash } from 'node:crypto';
import type { LabProgress } from '../labs/types';
import type { Learner, StoredSubmission } from './store';

/**
 * xAPI 1.0.3 statements for verified results, sent to a Learning Record Store so an LMS can take
 * the grades. One PUT per statement with fetch (the statement id is derived from the submission,
 * so a resend is idempotent); `@xapi/xapi` would add axios and its HTTP stack for this one call.
 * Rejected submissions are not grades and are not sent.
 */
export interface LrsConfig {
  endpoint: string;
  username: string;
  password: string;
}

const VERBS = {
  completed: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
  attempted: { id: 'http://adlnet.gov/expapi/verbs/attempted', display: { 'en-US': 'attempted' } },
};

/** A UUID (version 5 layout) from the submission id: the same submission, the same statement. */
export function statementId(submissionId: string): string {
  const h = createHash('sha256').update(`clusterlab-submission:${submissionId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function xapiStatement(siteUrl: string, learner: Learner, s: StoredSubmission): Record<string, unknown> {
  const base = siteUrl.replace(/\/$/, '');
  const progress = s.progressJson ? (JSON.parse(s.progressJson) as LabProgress) : undefined;
  const max = s.maxScore ?? 0;
  return {
    id: statementId(s.id),
    actor: { objectType: 'Agent', name: learner.name, account: { homePage: base, name: learner.id } },
    verb: s.complete ? VERBS.completed : VERBS.attempted,
    object: { objectType: 'Activity', id: `${base}/labs/${s.labId}`, definition: { type: 'http://adlnet.gov/expapi/activities/assessment', name: { 'en-US': s.labId } } },
    result: {
      score: { raw: s.score ?? 0, min: 0, max, ...(max > 0 ? { scaled: Math.round(((s.score ?? 0) / max) * 10_000) / 10_000 } : {}) },
      completion: s.complete,
      success: s.complete,
      duration: `PT${Math.round((s.timeSpentMs ?? 0) / 1000)}S`,
      extensions: { [`${base}/xapi/tasks-passed`]: progress?.tasks.filter((t) => t.pass).map((t) => t.id) ?? [] },
    },
    context: { platform: 'clusterlab', extensions: { [`${base}/xapi/cohort`]: learner.cohortId } },
    timestamp: new Date(s.receivedAt).toISOString(),
  };
}

export async function sendStatement(lrs: LrsConfig, statement: Record<string, unknown>): Promise<void> {
  const url = `${lrs.endpoint.replace(/\/$/, '')}/statements?statementId=${encodeURIComponent(String(statement.id))}`;
  const res = await fetch(url, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3', Authorization: `Basic ${Buffer.from(`${lrs.username}:${lrs.password}`).toString('base64')}` },
    body: JSON.stringify(statement),
  });
  if (!res.ok && res.status !== 409) throw new Error(`the LRS answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
}

/** The server's hook: send each verified submission, logging (not failing the learner's request) when the LRS is down. */
export function xapiReporter(lrs: LrsConfig, siteUrl: string, onSent?: (error?: Error) => void): (learner: Learner, submission: StoredSubmission) => void {
  return (learner, submission) => {
    if (submission.status !== 'verified') return;
    sendStatement(lrs, xapiStatement(siteUrl, learner, submission)).then(
      () => onSent?.(),
      (e: unknown) => {
        console.error(`clusterlab serve: xAPI statement for submission ${submission.id} not sent: ${(e as Error).message}`);
        onSent?.(e as Error);
      },
    );
  };
}
