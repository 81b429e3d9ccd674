import type { ClusterPicture } from '../../runtime/types';
import { formatSeconds } from './timeline-model';

/** A proxy target: `ip:port`, and whether the API still calls that endpoint ready. */
export interface ProxyTarget {
  endpoint: string;
  /** The rules still send traffic here, but the endpoint is gone or no longer ready. */
  stale: boolean;
}

export interface ServiceView {
  name: string;
  summary: string;
  endpoints: string[];
  proxies: { node: string; summary: string; targets: ProxyTarget[]; missing: string[] }[];
}

export interface PictureView {
  time: string;
  nodes: { name: string; summary: string; pods: string[] }[];
  services: ServiceView[];
}

/**
 * The words <ClusterView /> shows for a ClusterPicture. Every state is spelled out in text
 * (ready, terminating, stale), never left to colour alone.
 */
export function describePicture(picture: ClusterPicture): PictureView {
  return {
    time: formatSeconds(picture.nowMs),
    nodes: picture.nodes.map((n) => ({
      name: n.name,
      summary: `${n.name}: ${n.ready ? 'Ready' : 'NotReady'}, ${n.pods.length} pod${n.pods.length === 1 ? '' : 's'}`,
      pods: n.pods.map((p) => {
        const states = [p.phase, p.ready ? 'ready' : 'not ready', ...(p.terminating ? ['terminating'] : [])];
        return `${p.namespace}/${p.name}: ${states.join(', ')}${p.ip ? ` (${p.ip})` : ''}`;
      }),
    })),
    services: picture.services.map((svc) => serviceView(svc, picture)),
  };
}

function endpointState(e: ClusterPicture['services'][number]['endpoints'][number]): string {
  if (e.terminating) return e.serving ? 'terminating, still serving' : 'terminating';
  return e.ready ? 'ready' : 'not ready';
}

function serviceView(svc: ClusterPicture['services'][number], picture: ClusterPicture): ServiceView {
  const key = `${svc.namespace}/${svc.name}`;
  const readyIPs = new Set(svc.endpoints.filter((e) => e.ready).map((e) => e.ip));
  return {
    name: key,
    summary: `${key}: ${svc.type}${svc.clusterIP ? ` ${svc.clusterIP}` : ''}${svc.ports.length ? ` ports ${svc.ports.join(', ')}` : ''}`,
    endpoints: svc.endpoints.map((e) => `${e.ip}: ${endpointState(e)}`),
    proxies: picture.proxies.flatMap((proxy) => {
      const programmed = proxy.services.find((s) => s.service === key);
      if (!programmed && readyIPs.size === 0) return [];
      const targets = (programmed?.endpoints ?? []).map((endpoint) => ({ endpoint, stale: !readyIPs.has(hostOf(endpoint)) }));
      const programmedIPs = new Set(targets.map((t) => hostOf(t.endpoint)));
      const synced = proxy.lastSyncMs === undefined ? 'not synced yet' : `last synced at ${formatSeconds(proxy.lastSyncMs)}`;
      return [
        {
          node: proxy.node,
          summary: `kube-proxy on ${proxy.node} (${proxy.mode}, ${synced})`,
          targets,
          missing: [...readyIPs].filter((ip) => !programmedIPs.has(ip)).sort(),
        },
      ];
    }),
  };
}

/** `10.244.1.5:8080` → `10.244.1.5`; IPv6 `[fd00::5]:80` → `fd00::5`. */
function hostOf(endpoint: string): string {
  const bracketed = /^\[(.*)\]:\d+$/.exec(endpoint);
  if (bracketed) return bracketed[1] ?? endpoint;
  const colon = endpoint.lastIndexOf(':');
  return colon > 0 && endpoint.indexOf(':') === colon ? endpoint.slice(0, colon) : endpoint;
}
