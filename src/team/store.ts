import { hashPassword, randomId, randomToken, sha256 } from './auth';
import type { Db, Row } from './db/driver';

/**
 * Every query team mode makes, in portable SQL over the Db interface. Each write is a single
 * statement, so no request needs a transaction and a crash leaves whole rows or none.
 */

export const SESSION_MS = 12 * 3_600_000;

export interface Instructor {
  id: string;
  email: string;
  passwordHash: string;
}
export interface Learner {
  id: string;
  cohortId: string;
  name: string;
  joinedAt: number;
}
export interface StoredSubmission {
  id: string;
  learnerId: string;
  labId: string;
  status: 'verified' | 'rejected';
  rejectCode: string | null;
  reason: string | null;
  score: number | null;
  maxScore: number | null;
  complete: boolean;
  timeSpentMs: number | null;
  progressJson: string | null;
  receivedAt: number;
}

const str = (v: unknown) => String(v);
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export class TeamStore {
  constructor(readonly db: Db) {}

  async addInstructor(email: string, password: string): Promise<string> {
    const id = randomId();
    await this.db.run('INSERT INTO instructors (id, email, password_hash, created_at) VALUES (?, ?, ?, ?)', [id, email.toLowerCase(), await hashPassword(password), Date.now()]);
    return id;
  }

  async instructorByEmail(email: string): Promise<Instructor | undefined> {
    const row = await this.db.get('SELECT id, email, password_hash FROM instructors WHERE email = ?', [email.toLowerCase()]);
    return row && { id: str(row.id), email: str(row.email), passwordHash: str(row.password_hash) };
  }

  async createSession(instructorId: string): Promise<{ token: string; csrf: string }> {
    const token = randomToken();
    const csrf = randomToken();
    await this.db.run('DELETE FROM sessions WHERE expires_at < ?', [Date.now()]);
    await this.db.run('INSERT INTO sessions (token_hash, instructor_id, csrf_token, expires_at) VALUES (?, ?, ?, ?)', [sha256(token), instructorId, csrf, Date.now() + SESSION_MS]);
    return { token, csrf };
  }

  async session(token: string): Promise<{ instructorId: string; email: string; csrf: string } | undefined> {
    const row = await this.db.get('SELECT s.instructor_id, s.csrf_token, i.email FROM sessions s JOIN instructors i ON i.id = s.instructor_id WHERE s.token_hash = ? AND s.expires_at > ?', [sha256(token), Date.now()]);
    return row && { instructorId: str(row.instructor_id), email: str(row.email), csrf: str(row.csrf_token) };
  }

  async endSession(token: string): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE token_hash = ?', [sha256(token)]);
  }

  async createCohort(name: string, instructorId: string): Promise<{ id: string; name: string; createdAt: number }> {
    const cohort = { id: randomId(), name, createdAt: Date.now() };
    await this.db.run('INSERT INTO cohorts (id, name, created_by, created_at) VALUES (?, ?, ?, ?)', [cohort.id, name, instructorId, cohort.createdAt]);
    return cohort;
  }

  async cohorts(): Promise<{ id: string; name: string; createdAt: number; learners: number }[]> {
    const rows = await this.db.all('SELECT c.id, c.name, c.created_at, (SELECT COUNT(*) FROM learners l WHERE l.cohort_id = c.id) AS learners FROM cohorts c ORDER BY c.created_at, c.id');
    return rows.map((r) => ({ id: str(r.id), name: str(r.name), createdAt: Number(r.created_at), learners: Number(r.learners) }));
  }

  async cohort(id: string): Promise<{ id: string; name: string } | undefined> {
    const row = await this.db.get('SELECT id, name FROM cohorts WHERE id = ?', [id]);
    return row && { id: str(row.id), name: str(row.name) };
  }

  async createInvitation(cohortId: string, expiresAt: number): Promise<string> {
    const token = randomToken();
    await this.db.run('INSERT INTO invitations (token_hash, cohort_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [sha256(token), cohortId, Date.now(), expiresAt]);
    return token;
  }

  async invitation(token: string): Promise<{ cohortId: string; expiresAt: number } | undefined> {
    const row = await this.db.get('SELECT cohort_id, expires_at FROM invitations WHERE token_hash = ?', [sha256(token)]);
    return row && { cohortId: str(row.cohort_id), expiresAt: Number(row.expires_at) };
  }

  async addLearner(cohortId: string, name: string): Promise<{ learner: Learner; token: string }> {
    const token = randomToken();
    const learner = { id: randomId(), cohortId, name, joinedAt: Date.now() };
    await this.db.run('INSERT INTO learners (id, cohort_id, name, token_hash, joined_at) VALUES (?, ?, ?, ?, ?)', [learner.id, cohortId, name, sha256(token), learner.joinedAt]);
    return { learner, token };
  }

  async learnerByToken(token: string): Promise<Learner | undefined> {
    const row = await this.db.get('SELECT id, cohort_id, name, joined_at FROM learners WHERE token_hash = ?', [sha256(token)]);
    return row && toLearner(row);
  }

  async learners(cohortId: string): Promise<Learner[]> {
    return (await this.db.all('SELECT id, cohort_id, name, joined_at FROM learners WHERE cohort_id = ? ORDER BY joined_at, id', [cohortId])).map(toLearner);
  }

  async learner(cohortId: string, id: string): Promise<Learner | undefined> {
    const row = await this.db.get('SELECT id, cohort_id, name, joined_at FROM learners WHERE cohort_id = ? AND id = ?', [cohortId, id]);
    return row && toLearner(row);
  }

  /** The submission already stored for this exact result text, if the learner sent it before. */
  async findSubmission(learnerId: string, resultText: string): Promise<StoredSubmission | undefined> {
    const row = await this.db.get(`${SUBMISSION_COLUMNS} WHERE s.learner_id = ? AND s.result_sha256 = ?`, [learnerId, sha256(resultText)]);
    return row && toSubmission(row);
  }

  /** Store a judged result: `resultText` as sent (its hash spots a resend), `storedJson` what is kept of it. */
  async addSubmission(s: Omit<StoredSubmission, 'id' | 'receivedAt'>, resultText: string, storedJson = resultText): Promise<StoredSubmission> {
    const stored = { ...s, id: randomId(), receivedAt: Date.now() };
    await this.db.run(
      'INSERT INTO submissions (id, learner_id, lab_id, status, reject_code, reason, score, max_score, complete, time_spent_ms, progress_json, result_json, result_sha256, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [stored.id, s.learnerId, s.labId, s.status, s.rejectCode, s.reason, s.score, s.maxScore, s.complete ? 1 : 0, s.timeSpentMs, s.progressJson, storedJson, sha256(resultText), stored.receivedAt],
    );
    return stored;
  }

  async cohortSubmissions(cohortId: string): Promise<StoredSubmission[]> {
    return (await this.db.all(`${SUBMISSION_COLUMNS} JOIN learners l ON l.id = s.learner_id WHERE l.cohort_id = ? ORDER BY s.received_at, s.id`, [cohortId])).map(toSubmission);
  }

  async learnerSubmissions(learnerId: string): Promise<(StoredSubmission & { resultJson: string })[]> {
    const rows = await this.db.all(`${SUBMISSION_COLUMNS.replace(' FROM', ', s.result_json FROM')} WHERE s.learner_id = ? ORDER BY s.received_at, s.id`, [learnerId]);
    return rows.map((r) => ({ ...toSubmission(r), resultJson: str(r.result_json) }));
  }

  async submissionCount(): Promise<number> {
    return Number((await this.db.get('SELECT COUNT(*) AS n FROM submissions'))?.n ?? 0);
  }
}

const SUBMISSION_COLUMNS = 'SELECT s.id, s.learner_id, s.lab_id, s.status, s.reject_code, s.reason, s.score, s.max_score, s.complete, s.time_spent_ms, s.progress_json, s.received_at FROM submissions s';

function toLearner(r: Row): Learner {
  return { id: str(r.id), cohortId: str(r.cohort_id), name: str(r.name), joinedAt: Number(r.joined_at) };
}

function toSubmission(r: Row): StoredSubmission {
  return {
    id: str(r.id),
    learnerId: str(r.learner_id),
    labId: str(r.lab_id),
    status: r.status === 'verified' ? 'verified' : 'rejected',
    rejectCode: r.reject_code === null ? null : str(r.reject_code),
    reason: r.reason === null ? null : str(r.reason),
    score: num(r.score),
    maxScore: num(r.max_score),
    complete: Number(r.complete) === 1,
    timeSpentMs: num(r.time_spent_ms),
    progressJson: r.progress_json === null ? null : str(r.progress_json),
    receivedAt: Number(r.received_at),
  };
}
