/** `kubectl get ingress` and `kubectl get ingressclass` (printers.go printIngress, printIngressClass). */
import type { Ingress, IngressClass, IngressLoadBalancerIngress } from 'kubernetes-types/networking/v1';
import { translateTimestampSince } from '../human-duration';
import type { KindPrinter } from './types';

/** Hosts of the rules, at most three then `+ N more...`; `*` when no rule names one. */
function formatHosts(ing: Ingress): string {
  const hosts = (ing.spec?.rules ?? []).map((r) => r.host ?? '').filter((h) => h !== '');
  if (hosts.length === 0) return '*';
  const shown = hosts.slice(0, 3).join(',');
  return hosts.length > 3 ? `${shown} + ${hosts.length - 3} more...` : shown;
}

/** ingressLoadBalancerStatusStringer: IPs and hostnames, cut to 16 columns unless -o wide. */
function formatAddress(entries: IngressLoadBalancerIngress[], wide: boolean): string {
  const text = entries.flatMap((e) => [e.ip, e.hostname].filter((x): x is string => !!x)).join(',');
  return !wide && text.length > 16 ? `${text.slice(0, 13)}...` : text;
}

/** Ingress columns: NAME CLASS HOSTS ADDRESS PORTS AGE. */
export const ingressPrinter: KindPrinter<Ingress> = {
  kind: 'Ingress',
  group: 'networking.k8s.io',
  namespaced: true,
  columns: [{ name: 'Name' }, { name: 'Class' }, { name: 'Hosts' }, { name: 'Address' }, { name: 'Ports' }, { name: 'Age' }],
  cells: (ing, ctx) => [
    ing.metadata?.name ?? '',
    ing.spec?.ingressClassName ?? '<none>',
    formatHosts(ing),
    formatAddress(ing.status?.loadBalancer?.ingress ?? [], ctx.wide),
    (ing.spec?.tls ?? []).length > 0 ? '80, 443' : '80',
    translateTimestampSince(ing.metadata?.creationTimestamp, ctx.nowMs),
  ],
};

/** IngressClass columns: NAME CONTROLLER PARAMETERS AGE. */
export const ingressClassPrinter: KindPrinter<IngressClass> = {
  kind: 'IngressClass',
  group: 'networking.k8s.io',
  namespaced: false,
  columns: [{ name: 'Name' }, { name: 'Controller' }, { name: 'Parameters' }, { name: 'Age' }],
  cells: (c, ctx) => {
    const p = c.spec?.parameters;
    const params = p ? `${p.apiGroup ? `${p.kind}.${p.apiGroup}` : p.kind}/${p.name}` : '<none>';
    return [c.metadata?.name ?? '', c.spec?.controller ?? '', params, translateTimestampSince(c.metadata?.creationTimestamp, ctx.nowMs)];
  },
};
