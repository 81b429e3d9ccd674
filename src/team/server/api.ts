import type { IncomingMessage, ServerResponse } from 'node:http';
import { listLabs } from '../../labs/registry';
import type { SavedLab } from '../../labs/types';
import { DUMMY_HASH, sameSecret, sha256, verifyPassword } from '../auth';
import { progressCsv, progressGrid } from '../progress';
import { SESSION_MS, type Learner, type StoredSubmission, type TeamStore } from '../store';
import { submitResult } from '../submit';
import type { Verify } from '../verify-pool';
import { clientIp, field, HttpError, parseCookies, readJson, readJsonText, sendJson } from './http';
import { TokenBuckets } from './rate-limit';

/**
 * The team API under /api/team/, JSON in and out. Instructors authenticate with a session cookie
 * (HttpOnly, SameSite=Strict) and send every write with X-CSRF-Token matching the readable
 * clusterlab_csrf cookie and their session (double submit). Learners authenticate with the
 * bearer token they got on joining, which a cross-site page cannot attach, so their calls need
 * no CSRF token.
 */
export interface TeamApiOptions {
  store: TeamStore;
  labsDir: string;
  /** Replays a result text: verifyResultText on this server's labs (in worker threads, see VerifyPool). */
  verify: Verify;
  maxBodyBytes: number;
  rateLimit: { ipBurst: number; ipPerSecond: number; tokenBurst: number; tokenPerSecond: number };
  /** Take the client address from X-Forwarded-For (the server runs behind a reverse proxy). */
  trustProxy?: boolean;
  /** Secure cookies (the site is served over HTTPS). */
  secureCookies: boolean;
  /** The site's public URL, for invitation links; else the request's Host. */
  siteUrl?: string;
  /** Called after a submission is stored (xAPI statements). */
  onSubmission?: (learner: Learner, submission: StoredSubmission) => void;
  now?: () => number;
}

export const SESSION_COOKIE = 'clusterlab_session';
export const CSRF_COOKIE = 'clusterlab_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SMALL_BODY = 64 * 1024;
const DEFAULT_INVITATION_HOURS = 7 * 24;

type Handler = (req: IncomingMessage, res: ServerResponse, params: string[]) => Promise<void>;

export function teamApi(o: TeamApiOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const ipLimit = new TokenBuckets(o.rateLimit.ipBurst, o.rateLimit.ipPerSecond, o.now);
  const tokenLimit = new TokenBuckets(o.rateLimit.tokenBurst, o.rateLimit.tokenPerSecond, o.now);
  const { store } = o;

  const cookie = (name: string, value: string, httpOnly: boolean, maxAge: number) =>
    `${name}=${value}; Path=/; Max-Age=${maxAge}; SameSite=Strict${httpOnly ? '; HttpOnly' : ''}${o.secureCookies ? '; Secure' : ''}`;

  async function instructor(req: IncomingMessage, write: boolean) {
    const cookies = parseCookies(req.headers.cookie);
    const token = cookies.get(SESSION_COOKIE);
    const session = token ? await store.session(token) : undefined;
    if (!session) throw new HttpError(401, 'unauthenticated', 'log in as an instructor first (POST /api/team/login)');
    if (write) {
      const header = String(req.headers[CSRF_HEADER] ?? '');
      const fromCookie = cookies.get(CSRF_COOKIE) ?? '';
      if (!header || !sameSecret(header, fromCookie) || !sameSecret(header, session.csrf)) throw new HttpError(403, 'csrf', `send the ${CSRF_HEADER} header with the value of the ${CSRF_COOKIE} cookie`);
    }
    return { ...session, token: token! };
  }

  async function learner(req: IncomingMessage): Promise<Learner> {
    const match = /^Bearer ([\w-]{20,100})$/.exec(String(req.headers.authorization ?? ''));
    if (!match) throw new HttpError(401, 'unauthenticated', 'send the learner token you got on joining as Authorization: Bearer <token>');
    limit(tokenLimit, `t:${sha256(match[1]!)}`, 'this learner token');
    const found = await store.learnerByToken(match[1]!);
    if (!found) throw new HttpError(401, 'unauthenticated', 'this learner token is not valid here; join the cohort again with an invitation link');
    return found;
  }

  async function cohortOf(id: string) {
    const cohort = await store.cohort(id);
    if (!cohort) throw new HttpError(404, 'not-found', `there is no cohort "${id}"`);
    return cohort;
  }

  async function grid(cohortId: string) {
    const cohort = await cohortOf(cohortId);
    return progressGrid(cohort, await listLabs(o.labsDir), await store.learners(cohort.id), await store.cohortSubmissions(cohort.id));
  }

  const routes: [string, RegExp, Handler][] = [
    ['POST', /^\/login$/, async (req, res) => {
      const body = await readJson(req, SMALL_BODY);
      const email = field(body, 'email', 320);
      const password = field(body, 'password', 1024);
      const found = await store.instructorByEmail(email);
      const ok = await verifyPassword(password, found?.passwordHash ?? DUMMY_HASH);
      if (!found || !ok) throw new HttpError(401, 'bad-credentials', 'wrong email or password');
      const { token, csrf } = await store.createSession(found.id);
      const age = SESSION_MS / 1000;
      res.setHeader('Set-Cookie', [cookie(SESSION_COOKIE, token, true, age), cookie(CSRF_COOKIE, csrf, false, age)]);
      sendJson(res, 200, { email: found.email, csrfToken: csrf });
    }],
    ['POST', /^\/logout$/, async (req, res) => {
      const session = await instructor(req, true);
      await store.endSession(session.token);
      res.setHeader('Set-Cookie', [cookie(SESSION_COOKIE, '', true, 0), cookie(CSRF_COOKIE, '', false, 0)]);
      sendJson(res, 200, { loggedOut: true });
    }],
    ['GET', /^\/session$/, async (req, res) => {
      const session = await instructor(req, false);
      sendJson(res, 200, { email: session.email, csrfToken: session.csrf });
    }],
    ['GET', /^\/cohorts$/, async (req, res) => {
      await instructor(req, false);
      sendJson(res, 200, { cohorts: await store.cohorts() });
    }],
    ['POST', /^\/cohorts$/, async (req, res) => {
      const session = await instructor(req, true);
      const name = field(await readJson(req, SMALL_BODY), 'name');
      sendJson(res, 201, await store.createCohort(name, session.instructorId));
    }],
    ['POST', /^\/cohorts\/([\w-]+)\/invitations$/, async (req, res, [id]) => {
      await instructor(req, true);
      const cohort = await cohortOf(id!);
      const body = await readJson(req, SMALL_BODY);
      const hours = body.expiresInHours ?? DEFAULT_INVITATION_HOURS;
      if (typeof hours !== 'number' || !(hours > 0 && hours <= 365 * 24)) throw new HttpError(400, 'malformed', '"expiresInHours" must be a number of hours between 0 and 8760');
      const expiresAt = (o.now ?? Date.now)() + hours * 3_600_000;
      const token = await store.createInvitation(cohort.id, expiresAt);
      const base = o.siteUrl ?? `http://${req.headers.host ?? 'localhost'}`;
      sendJson(res, 201, { cohortId: cohort.id, token, expiresAt, url: new URL(`/team/join/#${token}`, base).href });
    }],
    ['GET', /^\/cohorts\/([\w-]+)\/progress$/, async (req, res, [id]) => {
      await instructor(req, false);
      sendJson(res, 200, await grid(id!));
    }],
    ['GET', /^\/cohorts\/([\w-]+)\/progress\.csv$/, async (req, res, [id]) => {
      await instructor(req, false);
      const g = await grid(id!);
      const name = g.cohort.name.replace(/[^\w.-]+/g, '-').slice(0, 60) || 'cohort';
      res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Disposition': `attachment; filename="${name}-progress.csv"` });
      res.end(progressCsv(g));
    }],
    ['GET', /^\/cohorts\/([\w-]+)\/learners\/([\w-]+)$/, async (req, res, [id, learnerId]) => {
      await instructor(req, false);
      const cohort = await cohortOf(id!);
      const found = await store.learner(cohort.id, learnerId!);
      if (!found) throw new HttpError(404, 'not-found', `there is no learner "${learnerId}" in cohort ${cohort.name}`);
      const submissions = (await store.learnerSubmissions(found.id)).map(({ resultJson, progressJson, ...s }) => ({
        ...s,
        progress: progressJson ? (JSON.parse(progressJson) as unknown) : null,
        transcript: (JSON.parse(resultJson) as SavedLab).transcript,
      }));
      sendJson(res, 200, { cohort, learner: found, submissions });
    }],
    ['POST', /^\/join$/, async (req, res) => {
      const body = await readJson(req, SMALL_BODY);
      const token = field(body, 'invitation', 200);
      const name = field(body, 'name', 100);
      const invitation = await store.invitation(token);
      if (!invitation) throw new HttpError(404, 'unknown-invitation', 'this invitation link is not valid; ask your instructor for a new one');
      if (invitation.expiresAt <= (o.now ?? Date.now)()) throw new HttpError(410, 'invitation-expired', `this invitation expired at ${new Date(invitation.expiresAt).toISOString()}; ask your instructor for a new one`);
      const cohort = await cohortOf(invitation.cohortId);
      const joined = await store.addLearner(cohort.id, name);
      sendJson(res, 201, { token: joined.token, learner: { id: joined.learner.id, name: joined.learner.name }, cohort });
    }],
    ['GET', /^\/learner$/, async (req, res) => {
      const me = await learner(req);
      const submissions = (await store.learnerSubmissions(me.id)).map(({ resultJson: _r, progressJson: _p, ...s }) => s);
      sendJson(res, 200, { learner: { id: me.id, name: me.name }, cohort: await cohortOf(me.cohortId), submissions });
    }],
    ['POST', /^\/submissions$/, async (req, res) => {
      const me = await learner(req);
      const text = await readJsonText(req, o.maxBodyBytes);
      const { submission, created } = await submitResult(store, me, text, o.verify);
      if (created) o.onSubmission?.(me, submission);
      const { progressJson, ...rest } = submission;
      sendJson(res, created ? 201 : 200, { ...rest, progress: progressJson ? (JSON.parse(progressJson) as unknown) : null });
    }],
  ];

  function limit(buckets: TokenBuckets, key: string, who: string) {
    const wait = buckets.take(key);
    if (wait > 0) throw new HttpError(429, 'rate-limited', `too many requests from ${who}; try again in ${wait}s`, { 'Retry-After': String(wait) });
  }

  return async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname.slice('/api/team'.length);
    try {
      limit(ipLimit, `ip:${clientIp(req, o.trustProxy)}`, 'this address');
      const matching = routes.filter(([, pattern]) => pattern.test(path));
      const route = matching.find(([method]) => method === req.method);
      if (!route) {
        if (matching.length > 0) throw new HttpError(405, 'method-not-allowed', `${req.method} is not allowed here`, { Allow: matching.map(([m]) => m).join(', ') });
        throw new HttpError(404, 'not-found', `no team API at ${path}`);
      }
      await route[2](req, res, route[1].exec(path)!.slice(1));
    } catch (e) {
      if (e instanceof HttpError) return sendJson(res, e.status, { error: e.code, message: e.message }, e.headers);
      console.error('clusterlab serve: team API error', e);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal', message: 'the server failed; see its log' });
    }
  };
}
