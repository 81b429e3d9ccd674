/**
 * wget and nslookup as a container's own shell runs them (`kubectl run t --image=busybox -- wget
 * -qO- http://web`): sent from the pod's network namespace at the current virtual time. The run
 * takes the virtual time the request took, and its output shows when it ends; a reply the server
 * still holds is waited for (the shell sleeps until it is due, then the network says whether it came).
 */
import type { NetClient, Network, RequestOutcome } from '../../network/index';
import type { ProcessState } from '../types';
import { IMAGE_TOOLS } from './image-tools';
import { nslookup, nslookupUsage } from './nslookup';
import { isToolRun, parseWget, wgetReport, type ToolRun, type WgetOptions } from './wget';

/** The pod's place on the network, as its processes send from it. */
export interface ProcessNet {
  network: Network;
  client: NetClient;
  /** Virtual time now. */
  now(): number;
}

/** A wget waiting for a held reply: plain data, kept in the shell's state until it is due. */
export interface AwaitedReply {
  options: WgetOptions;
  outcome: RequestOutcome;
}

export type AppletRun = ToolRun | { awaiting: AwaitedReply; dueInMs: number };

/** Run `wget` or `nslookup` if this image has it; undefined otherwise. */
export function netApplet(argv: string[], proc: ProcessState, net: ProcessNet | undefined): AppletRun | undefined {
  const [cmd = '', ...args] = argv;
  const tools = IMAGE_TOOLS[proc.kind];
  if (!net || !tools?.tools.includes(cmd)) return undefined;
  if (cmd === 'nslookup') return nslookupUsage(args, tools.flavour === 'busybox') ?? nslookup(args, net.network, net.client, tools.flavour === 'busybox');
  if (cmd !== 'wget') return undefined;
  const options = parseWget(args);
  if (isToolRun(options)) return options;
  const sent = net.network.request(net.client, options.url, { method: options.spider ? 'HEAD' : 'GET', userAgent: 'Wget' });
  if (sent.pending) return { awaiting: { options, outcome: sent }, dueInMs: Math.max(0, Math.min(sent.pending.dueAtMs - net.now(), options.timeoutMs)) };
  return wgetReport(options, sent, save(proc));
}

/** The held reply's report, once its due time came (or the timeout did). */
export function finishAwaited(awaited: AwaitedReply, proc: ProcessState, net: ProcessNet): ToolRun {
  const outcome = net.network.settled(awaited.outcome) ? net.network.settle(awaited.outcome) : awaited.outcome;
  return wgetReport(awaited.options, { ...outcome, pending: undefined }, save(proc));
}

/** `-O FILE` writes into the container's files, relative to `/`. */
const save = (proc: ProcessState) => (file: string, body: string) => {
  proc.files[file.startsWith('/') ? file : `/${file}`] = body;
};
