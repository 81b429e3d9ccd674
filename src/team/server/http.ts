import type { IncomingMessage, ServerResponse } from 'node:http';

/** An answer the API gives on purpose: status, a stable code for clients, a sentence for people. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Past the limit we stop keeping bytes but keep reading (so the client sees the 413), up to this many. */
const DRAIN_CAP = 64 * 1024 * 1024;

/**
 * The request body as text, refusing more than `limit` bytes with 413: at once when
 * Content-Length says so, else as soon as the stream passes it; never parsed either way.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = declared > limit;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      if (!over) chunks.push(chunk);
      else if (size > DRAIN_CAP) req.destroy();
    });
    req.on('end', () => {
      if (over) reject(new HttpError(413, 'too-large', `the request body is larger than ${limit} bytes`));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/** A JSON object body: 415 for another content type, 400 for text that is not a JSON object. */
export async function readJson(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const text = await readJsonText(req, limit);
  const value = parseJson(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HttpError(400, 'malformed', 'the request body must be a JSON object');
  return value as Record<string, unknown>;
}

export async function readJsonText(req: IncomingMessage, limit: number): Promise<string> {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'unsupported-media-type', 'send the body as application/json');
  return readBody(req, limit);
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HttpError(400, 'malformed', `the request body is not JSON: ${(e as Error).message}`);
  }
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), decodeURIComponent(part.slice(eq + 1).trim()));
  }
  return cookies;
}

/** A required string field, trimmed, at most `max` characters. */
export function field(body: Record<string, unknown>, name: string, max = 200): string {
  const value = body[name];
  if (typeof value !== 'string' || value.trim() === '') throw new HttpError(400, 'malformed', `"${name}" must be a non-empty string`);
  if (value.length > max) throw new HttpError(400, 'malformed', `"${name}" is longer than ${max} characters`);
  return value.trim();
}

/**
 * The client's address for rate limits. Behind a reverse proxy (trustProxy) every request comes
 * from the proxy, so the address it appended last to X-Forwarded-For is used instead; without a
 * proxy that header is the client's own word and is ignored.
 */
export function clientIp(req: IncomingMessage, trustProxy = false): string {
  const forwarded = trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',').at(-1)?.trim() : undefined;
  return forwarded || req.socket.remoteAddress || 'unknown';
}
