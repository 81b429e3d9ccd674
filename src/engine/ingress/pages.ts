import { httpDate, type HttpReply } from '../network/http-exchange';

/** The error pages ingress-nginx serves itself (its `server_tokens off` nginx). */
export function errorPage(status: number, text: string): string {
  return `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

export const NOT_FOUND = errorPage(404, 'Not Found');
export const UNAVAILABLE = errorPage(503, 'Service Temporarily Unavailable');
export const BAD_GATEWAY = errorPage(502, 'Bad Gateway');
export const GATEWAY_TIMEOUT = errorPage(504, 'Gateway Time-out');

/** A page ingress-nginx answers itself. */
export function page(status: number, body: string, wallMs: number, serverMs: number): HttpReply {
  return { status, body, serverMs, headers: [['Date', httpDate(wallMs)], ['Content-Type', 'text/html'], ['Content-Length', String(body.length)], ['Connection', 'keep-alive']] };
}

/**
 * What the client of a proxied request gets when the upstream pod died before answering: nginx
 * logs "upstream prematurely closed connection" and answers 502 itself.
 */
export function upstreamResetReply(reply: HttpReply, wallMs: number): HttpReply {
  return { ...page(502, BAD_GATEWAY, wallMs, reply.serverMs), ...(reply.upstream ? { upstream: reply.upstream } : {}) };
}
