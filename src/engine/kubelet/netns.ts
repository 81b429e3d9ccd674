import { APPS, type HttpRequest, type HttpResponse } from '../apps';
import type { Kubelet } from './kubelet';
import { appContext } from './runtime';

/**
 * A pod's network namespace on this node, as the simulated network sees it: who owns the IP,
 * which ports have a listening socket, and the running processes to hand a request to.
 */
export interface PodNetns {
  namespace: string;
  name: string;
  uid: string;
  ip: string;
  /** Ports with a listening socket in any running container. */
  listening(): number[];
  /** Deliver an HTTP request to whichever container listens on its port; undefined means refused. */
  http(req: HttpRequest): ServedResponse | undefined;
  /** True while a process got its stop signal: servers close idle keep-alive connections then. */
  stopping(): boolean;
  /** Files a running container sees (image files, /etc files, mounts), for a shell inside it. */
  files(container?: string): Record<string, string> | undefined;
  /** App kind of a container (first one by default). */
  kind(container?: string): string | undefined;
  /** The environment a container's process runs with (a shell `kubectl exec` starts inherits it). */
  env(container?: string): Record<string, string> | undefined;
}

/** A response and the program (kind, version) that produced it, for headers like `Server:`. */
export interface ServedResponse {
  res: HttpResponse;
  kind: string;
  version: string;
  /** The container run that answered, so a slow response can be settled against its fate. */
  by: { podUid: string; container: string; containerId: string };
}

/** The pod whose sandbox currently holds `ip` on this node; undefined once its sandbox is gone. */
export function podNetns(k: Kubelet, ip: string): PodNetns | undefined {
  const w = Object.values(k.state.workers).find((x) => x.sandboxStarted && x.podIP === ip);
  if (!w) return undefined;
  const running = () => w.containers.filter((c) => c.stage === 'running' && c.current);
  const pick = (name?: string) => running().find((c) => name === undefined || c.name === name);
  return {
    namespace: w.namespace,
    name: w.name,
    uid: w.uid,
    ip,
    listening: () => running().flatMap((c) => APPS[c.current!.proc.kind].ports(c.current!.proc)),
    http(req) {
      for (const c of running()) {
        const proc = c.current!.proc;
        if (!APPS[proc.kind].ports(proc).includes(req.port)) continue;
        const res = APPS[proc.kind].http?.(appContext(k, w, c), proc, req);
        if (!res) return undefined;
        const by = { podUid: w.uid, container: c.name, containerId: c.current!.id };
        return { res, kind: proc.kind, version: typeof proc.data.version === 'string' ? proc.data.version : '', by };
      }
      return undefined;
    },
    stopping: () => running().some((c) => c.current!.proc.stopping !== undefined),
    files: (name) => pick(name)?.current?.proc.files,
    kind: (name) => pick(name)?.current?.proc.kind,
    env: (name) => pick(name)?.current?.proc.env,
  };
}

/** What became of one container run: still running, ended at a time, or no longer known. */
export type InstanceFate = { running: true } | { running: false; finishedAtMs: number } | undefined;

/** The fate of container run `containerId` of pod `podUid` (current or previous run). */
export function instanceFate(k: Kubelet, podUid: string, container: string, containerId: string): InstanceFate {
  const c = k.state.workers[podUid]?.containers.find((x) => x.name === container);
  const inst = [c?.current, c?.previous].find((i) => i?.id === containerId);
  if (!inst) return undefined;
  return inst.finishedAtMs === undefined ? { running: true } : { running: false, finishedAtMs: inst.finishedAtMs };
}
