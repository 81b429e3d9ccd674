import type { Network, RequestOutcome } from '../../../engine/network/index';
import type { CommandHost } from '../../types';

/** How often a waiting client looks again (the answer's time itself is exact; only the clock stops later). */
const POLL_MS = 100;

/**
 * Wait, in virtual time, for a reply the server is still working on (a slow handler), up to
 * `limitMs` after the request started; the cluster moves on meanwhile. Returns the settled outcome
 * (a reset when the serving process died first) and the ms the clock moved; an unsettled outcome
 * comes back unchanged when the limit came first.
 */
export function awaitReply(host: CommandHost, net: Network, sent: RequestOutcome, limitMs = Infinity): { outcome: RequestOutcome; waitedMs: number } {
  if (!sent.pending) return { outcome: sent, waitedMs: 0 };
  const start = host.now();
  const until = Math.min(sent.pending.dueAtMs, start + limitMs);
  while (host.now() < until && !net.settled(sent)) host.advance(Math.min(POLL_MS, until - host.now()));
  return { outcome: net.settle(sent), waitedMs: host.now() - start };
}
