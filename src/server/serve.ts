import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { LABS_DIR } from '../labs/registry';
import type { Db } from '../team/db/driver';
import { openDatabase } from '../team/db/open';
import { teamApi } from '../team/server/api';
import { sendJson } from '../team/server/http';
import { TeamStore } from '../team/store';
import { labLoader } from '../team/lab-loader';
import { VerifyPool, type Verify } from '../team/verify-pool';
import { verifyResultText } from '../labs/verify';
import { xapiReporter } from '../team/xapi';
import type { ServeConfig } from './serve-config';
import { applySecurityHeaders, staticSite } from './serve-static';

/**
 * `clusterlab serve`: the built site and, in team mode, the team API, from one node:http
 * process. Stateless apart from the database and in-memory rate limits, so several instances
 * can share one PostgreSQL database behind a load balancer once that driver exists.
 */
export interface RunningServer {
  server: Server;
  url: string;
  db?: Db;
  close(): Promise<void>;
}

/** What the browser reads at startup: the runtime choice and whether team mode is on. */
export const RUNTIME_CONFIG_PATH = '/clusterlab-config.json';

/** The instructor dashboard and the learners' join page (plain HTML and JS), at /team/ in team mode. */
export const DASHBOARD_DIR = fileURLToPath(new URL('../team/dashboard/', import.meta.url));

export async function startServer(config: ServeConfig, labsDir = process.env.CLUSTERLAB_LABS_DIR || LABS_DIR): Promise<RunningServer> {
  const site = staticSite(config.siteDir);
  const dashboard = staticSite(DASHBOARD_DIR, '/team');
  let db: Db | undefined;
  let api: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  let pool: VerifyPool | undefined;
  if (config.teamMode) {
    db = await openDatabase(config.databaseUrl);
    let verify: Verify;
    if (config.verifyWorkers > 0) {
      pool = new VerifyPool(labsDir, config.verifyWorkers);
      verify = pool.verify;
    } else {
      const loadLab = labLoader(labsDir);
      verify = (text) => verifyResultText(text, loadLab);
    }
    api = teamApi({
      store: new TeamStore(db),
      labsDir,
      verify,
      maxBodyBytes: config.maxBodyBytes,
      rateLimit: config.rateLimit,
      secureCookies: config.siteUrl?.startsWith('https:') ?? false,
      trustProxy: config.trustProxy,
      ...(config.siteUrl ? { siteUrl: config.siteUrl } : {}),
      ...(config.lrs ? { onSubmission: xapiReporter(config.lrs, config.siteUrl ?? `http://${config.host}:${config.port}`) } : {}),
    });
  }
  const runtime = { runtime: config.runtime, teamMode: config.teamMode, ...(config.webcontainerApiKey ? { webcontainerApiKey: config.webcontainerApiKey } : {}) };

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/api/team' || path.startsWith('/api/team/')) {
      applySecurityHeaders(res);
      if (api) return void api(req, res);
      return sendJson(res, 404, { error: 'team-mode-off', message: 'team mode is off on this server (set TEAM_MODE=1)' });
    }
    if (path === RUNTIME_CONFIG_PATH) {
      applySecurityHeaders(res);
      return sendJson(res, 200, runtime, { 'Cache-Control': 'no-cache' });
    }
    if (api && path === '/team') return void res.writeHead(301, { Location: '/team/' }).end();
    const serve = api && path.startsWith('/team/') ? dashboard : site;
    serve(req, res).catch((e: unknown) => {
      console.error('clusterlab serve:', e);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    server,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    ...(db ? { db } : {}),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await pool?.close();
      await db?.close();
    },
  };
}
