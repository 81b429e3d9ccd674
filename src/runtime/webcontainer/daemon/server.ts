import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { loadPrograms } from '../../../cli/deferred';
import { MAX_REQUEST_BYTES, type ControlRequest, type ControlResults, type JobRequest, type RunRequest, type RunResponse } from '../protocol';
import type { LabHost } from './host';
import { inputsFor } from './inputs';
import { ForegroundJobs } from './jobs';

export interface DaemonOptions {
  /** The container directory that stands for the workstation's /root. */
  workdir: string;
  /** Called after every command a shim ran (the page persists and refreshes views). */
  onCommand?: () => void;
  log?: (line: string) => void;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The daemon's HTTP endpoints on the container's loopback:
 * `POST /run` runs one shim invocation, `POST /control` serves the page's LabRuntime calls.
 * Node runs one handler at a time, so concurrent shims are served one after another, each
 * against the cluster as the previous one left it.
 */
export function createDaemonServer(getHost: () => LabHost, options: DaemonOptions): Server {
  const jobs = new ForegroundJobs(getHost);
  // A job whose shim was killed (Ctrl-C in a shell that does not pass SIGINT on) ends by itself.
  const reaper = setInterval(() => jobs.reapOrphan(), 1000);
  reaper.unref();
  const server = createServer((req, res) => {
    handle(req, getHost, jobs, options)
      .then((body) => send(res, 200, body))
      .catch((error: unknown) => {
        const status = error instanceof HttpError ? error.status : 500;
        if (status === 500) options.log?.(`daemon: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        send(res, status, { error: error instanceof Error ? error.message : String(error) });
      });
  });
  server.on('close', () => clearInterval(reaper));
  return server;
}

async function handle(req: IncomingMessage, getHost: () => LabHost, jobs: ForegroundJobs, options: DaemonOptions): Promise<unknown> {
  if (req.method !== 'POST') throw new HttpError(405, `${req.method ?? 'this method'} is not allowed; POST JSON to /run, /job or /control`);
  const body = await readJson(req);
  // Loaded since the daemon started (hosts.ts); a request that comes sooner waits for them.
  await loadPrograms();
  if (req.url === '/job') {
    const { id, stop } = parseJobRequest(body);
    const answer = jobs.poll(id, stop);
    if (answer.done) options.onCommand?.();
    return answer;
  }
  // Whatever runs next, the terminal's foreground job is over (the shell has the prompt back).
  jobs.endRunning();
  if (req.url === '/run') {
    const result = run(getHost(), parseRunRequest(body), jobs, options);
    options.onCommand?.();
    return result;
  }
  if (req.url === '/control') return control(getHost(), parseControlRequest(body));
  throw new HttpError(404, `no endpoint ${req.url ?? ''}; use /run, /job or /control`);
}

function run(host: LabHost, request: RunRequest, jobs: ForegroundJobs, options: DaemonOptions): RunResponse {
  const name = request.argv[0]!;
  if (!host.commands().includes(name)) return { stdout: '', stderr: `${name}: command not found\n`, exitCode: 127 };
  const { sync, command } = inputsFor(request, host.fs, options.workdir);
  for (const input of sync) {
    const synced = host.run(input);
    if (synced.exitCode !== 0) options.log?.(`daemon: could not bring the workstation up to date (${input.split('\n')[0]})`);
  }
  const startMs = host.cluster.now();
  const result = host.run(command, { foreground: request.tty === true });
  const text = (stream: 'stdout' | 'stderr') => result.chunks.filter((c) => c.stream === stream).map((c) => c.text).join('');
  const response: RunResponse = { stdout: text('stdout'), stderr: text('stderr'), exitCode: result.exitCode };
  if (result.job) response.job = jobs.start(result.job, startMs, result.chunks.map((c) => c.text).join(''));
  return response;
}

function control(host: LabHost, request: ControlRequest): ControlResults[ControlRequest['op']] {
  switch (request.op) {
    case 'check':
      return host.check();
    case 'time':
      return time(host, request.request);
    case 'save':
      return host.save();
    case 'result':
      return host.result();
    case 'reset':
      host.reset();
      return { ok: true };
    case 'picture':
      return host.picture();
    case 'commands':
      return host.commands();
  }
}

function time(host: LabHost, request: Extract<ControlRequest, { op: 'time' }>['request']): ControlResults['time'] {
  if (request.speed !== undefined) host.time.speed = request.speed;
  if (request.paused !== undefined) host.time.paused = request.paused;
  if (request.step) host.run('sim step');
  return { nowMs: host.cluster.now(), speed: host.time.speed, paused: host.time.paused };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) throw new HttpError(413, `request larger than ${MAX_REQUEST_BYTES} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'request body is not JSON');
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

function parseJobRequest(body: unknown): JobRequest {
  if (!isRecord(body) || !Number.isInteger(body.id)) throw new HttpError(400, 'a job request is a JSON object {id, stop?}');
  if (body.stop !== undefined && typeof body.stop !== 'boolean') throw new HttpError(400, 'stop must be a boolean');
  return { id: body.id as number, stop: body.stop === true };
}

function parseRunRequest(body: unknown): RunRequest {
  if (!isRecord(body)) throw new HttpError(400, 'a run request is a JSON object {argv, stdin, cwd, env, tty?}');
  const { argv, stdin = '', cwd, env = {}, tty = false } = body;
  if (typeof tty !== 'boolean') throw new HttpError(400, 'tty must be a boolean');
  if (!isStringArray(argv) || argv.length === 0 || argv[0] === '') throw new HttpError(400, 'argv must be a non-empty array of strings');
  if (typeof stdin !== 'string') throw new HttpError(400, 'stdin must be a string');
  if (typeof cwd !== 'string' || !cwd.startsWith('/')) throw new HttpError(400, 'cwd must be an absolute path');
  if (!isRecord(env) || !Object.values(env).every((v) => typeof v === 'string')) throw new HttpError(400, 'env must map names to strings');
  return { argv, stdin, cwd, env: env as Record<string, string>, tty };
}

const TIME_KEYS = { speed: 'number', paused: 'boolean', step: 'boolean' } as const;

function parseControlRequest(body: unknown): ControlRequest {
  if (!isRecord(body) || typeof body.op !== 'string') throw new HttpError(400, 'a control request is a JSON object {op}');
  switch (body.op) {
    case 'check':
    case 'save':
    case 'result':
    case 'reset':
    case 'picture':
    case 'commands':
      return { op: body.op };
    case 'time': {
      const request = body.request ?? {};
      if (!isRecord(request)) throw new HttpError(400, 'time needs a request object {speed?, paused?, step?}');
      for (const [key, value] of Object.entries(request)) {
        if (!(key in TIME_KEYS) || typeof value !== TIME_KEYS[key as keyof typeof TIME_KEYS]) throw new HttpError(400, `time: bad field ${key}`);
      }
      if (typeof request.speed === 'number' && !(request.speed > 0 && request.speed <= 1000)) throw new HttpError(400, 'time: speed must be > 0 and <= 1000');
      return { op: 'time', request };
    }
    default:
      throw new HttpError(400, `unknown control op ${JSON.stringify(body.op)}`);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
