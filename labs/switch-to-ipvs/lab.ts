import type { ConfigMap, Service } from 'kubernetes-types/core/v1';
import { parse } from 'yaml';
import type { NodeProxy } from '../../src/engine/kube-proxy/types';
import { allOf, defineLab, failed, markdownFile, passed, type CheckFn, type LabView } from '../../src/labs/author';

const WEB_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: app
        image: ghcr.io/clusterlab/http-app:1.0
        ports:
        - containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - name: http
    port: 80
    targetPort: 8080
`;

const SCHEDULER = 'lc';

/** config.conf of the kube-proxy ConfigMap, parsed; a string says why it cannot be read. */
function proxyConfig(view: LabView): Record<string, unknown> | string {
  const cm = view.get<ConfigMap>('configmaps', 'kube-system', 'kube-proxy');
  const text = cm?.data?.['config.conf'];
  if (text === undefined) return 'the ConfigMap kube-system/kube-proxy has no config.conf key any more: kube-proxy cannot start without it';
  try {
    const doc = parse(text) as unknown;
    return doc && typeof doc === 'object' ? (doc as Record<string, unknown>) : 'config.conf in the kube-proxy ConfigMap is not a YAML mapping';
  } catch (e) {
    return `config.conf in the kube-proxy ConfigMap is not valid YAML: ${(e as Error).message.split('\n')[0]}`;
  }
}

const configured: CheckFn = (view) => {
  const conf = proxyConfig(view);
  if (typeof conf === 'string') return failed(conf, 1);
  const mode = typeof conf.mode === 'string' ? conf.mode : '';
  if (mode !== 'ipvs') return failed(`config.conf in ConfigMap kube-system/kube-proxy says mode: "${mode}"; it must say mode: "ipvs"`, 1);
  const ipvs = (conf.ipvs ?? {}) as Record<string, unknown>;
  const scheduler = typeof ipvs.scheduler === 'string' ? ipvs.scheduler : '';
  if (scheduler !== SCHEDULER) return failed(`config.conf says ipvs.scheduler: "${scheduler}" (blank means rr); set it to "${SCHEDULER}"`, 1);
  return passed(`the kube-proxy ConfigMap asks for mode "ipvs" with the "${SCHEDULER}" scheduler`);
};

/**
 * The IPVS scheduler a node's running proxier uses. NodeProxy has no field for it, so this reads
 * the kube-proxy component's ipvs proxier state (what `ipvsadm -Ln` prints on that node).
 */
function schedulerOf(p: NodeProxy): string | undefined {
  const proxier = (p as { proxier?: { mode?: string; state?: { scheduler?: unknown } } }).proxier;
  return proxier?.mode === 'ipvs' && typeof proxier.state?.scheduler === 'string' ? proxier.state.scheduler : undefined;
}

const everyNodeRunsIpvs: CheckFn = (view) => {
  const proxies = view.proxies();
  if (proxies.length === 0) return failed('no node runs kube-proxy');
  for (const p of proxies) {
    if (p.mode !== 'ipvs') return failed(`${p.nodeName}'s kube-proxy still programs ${p.mode} rules: a running kube-proxy reads its config only when it starts, so its Pod must be recreated`, 2);
    const scheduler = schedulerOf(p);
    if (scheduler !== SCHEDULER) return failed(`${p.nodeName}'s kube-proxy runs IPVS with the "${scheduler ?? '?'}" scheduler, not "${SCHEDULER}": it started before the ConfigMap said so; recreate its Pod`, 2);
    const web = p.programmed().find((s) => s.servicePort === 'default/web:http');
    if ((web?.endpoints.length ?? 0) < 3) return failed(`${p.nodeName}'s IPVS rules send web's traffic to ${web?.endpoints.length ?? 0} real servers, not 3: give it a moment to sync`, 2);
  }
  return passed(`every node (${proxies.map((p) => p.nodeName).join(', ')}) runs kube-proxy in IPVS mode with the ${SCHEDULER} scheduler, 3 real servers behind web`);
};

/** `ipvsadm -Ln` output: web's virtual server with the scheduler, then its real servers. */
function showsWebVirtualServer(output: string, clusterIP: string): boolean {
  const lines = output.split('\n');
  const at = lines.findIndex((l) => l.startsWith(`TCP  ${clusterIP}:80 ${SCHEDULER}`));
  if (at < 0) return false;
  const reals = lines.slice(at + 1).filter((_, i, rest) => rest.slice(0, i + 1).every((l) => l.startsWith('  -> ')));
  return reals.filter((l) => /:8080\s+Masq\s/.test(l)).length >= 3;
}

const provedWithIpvsadm: CheckFn = (view) => {
  const clusterIP = view.get<Service>('services', 'default', 'web')?.spec?.clusterIP;
  if (!clusterIP) return failed('Service web is gone: the lab needs it');
  const runs = view.transcript().filter((e) => /\bipvsadm\b/.test(e.input));
  if (runs.length === 0) return failed('you have not run ipvsadm on a node yet (ssh node-1, then ipvsadm -Ln)', 1);
  if (!runs.some((e) => e.exitCode === 0 && showsWebVirtualServer(e.output, clusterIP))) {
    return failed(`none of your ipvsadm runs showed web's virtual server "TCP  ${clusterIP}:80 ${SCHEDULER}" with its 3 real servers`, 1);
  }
  return passed(`ipvsadm showed TCP ${clusterIP}:80 scheduled by ${SCHEDULER} over web's 3 Pods`);
};

const sawVipOnDummy: CheckFn = (view) => {
  const clusterIP = view.get<Service>('services', 'default', 'web')?.spec?.clusterIP ?? '';
  const seen = view.transcript().some((e) => e.exitCode === 0 && /\bip\b.*\baddr/.test(e.input) && e.output.includes('kube-ipvs0') && e.output.includes(`inet ${clusterIP}/32`));
  return seen ? passed(`you saw ${clusterIP}/32 bound to kube-ipvs0`) : failed(`you have not yet shown web's cluster IP ${clusterIP} on the kube-ipvs0 interface of a node`, 2);
};

export default defineLab({
  id: 'switch-to-ipvs',
  title: 'Switch kube-proxy to IPVS',
  summary: "Change kube-proxy's mode and IPVS scheduler through its ConfigMap, roll the DaemonSet's Pods, and prove on a node that IPVS now balances the Service.",
  seed: 12,
  setup: {
    workers: 2,
    manifests: [WEB_YAML],
    settle: '20s',
  },
  tasks: [
    {
      id: 'configure',
      title: 'Ask for IPVS with the lc scheduler',
      instructions: markdownFile('tasks/configure.md'),
      points: 10,
      check: configured,
      hints: [
        'kube-proxy reads `config.conf` from the ConfigMap `kube-proxy` in `kube-system`: `kubectl -n kube-system get configmap kube-proxy -o yaml`.',
        'Save it to a file, edit `mode: ""` and the `scheduler: ""` line under `ipvs:` with `sed -i`, then `kubectl replace -f` the file.',
        "`kubectl -n kube-system get cm kube-proxy -o yaml > kp.yaml`, `sed -i -e 's/mode: \"\"/mode: \"ipvs\"/' -e 's/scheduler: \"\"/scheduler: \"lc\"/' kp.yaml`, `kubectl replace -f kp.yaml`.",
      ],
    },
    {
      id: 'restart',
      title: 'Restart kube-proxy on every node',
      instructions: markdownFile('tasks/restart.md'),
      points: 20,
      dependsOn: ['configure'],
      check: allOf(configured, everyNodeRunsIpvs),
      hints: [
        'The running kube-proxy processes read config.conf when they start, and never again.',
        'The kube-proxy Pods belong to a DaemonSet: delete them and it creates new ones, which read the new config.',
        '`kubectl -n kube-system delete pod -l k8s-app=kube-proxy`, then `sim advance 5s` and `kubectl -n kube-system logs ds/kube-proxy`.',
      ],
    },
    {
      id: 'prove',
      title: 'Prove it on a node',
      instructions: markdownFile('tasks/prove.md'),
      points: 20,
      dependsOn: ['restart'],
      check: allOf(everyNodeRunsIpvs, provedWithIpvsadm, sawVipOnDummy),
      hints: [
        'The IPVS table and the dummy interface are on the nodes: `ssh node-1`.',
        '`ipvsadm -Ln` lists every virtual server with its scheduler, and the real servers under it.',
        '`ip addr show kube-ipvs0` shows the cluster IPs bound to the dummy interface.',
      ],
    },
  ],
  solution: [
    { input: 'kubectl -n kube-system get cm kube-proxy -o yaml > kp.yaml' },
    { input: "sed -i -e 's/mode: \"\"/mode: \"ipvs\"/' -e 's/scheduler: \"\"/scheduler: \"lc\"/' kp.yaml" },
    { input: 'kubectl replace -f kp.yaml' },
    { input: 'kubectl -n kube-system delete pod -l k8s-app=kube-proxy' },
    { after: '5s', input: 'kubectl -n kube-system get pods -l k8s-app=kube-proxy' },
    { input: 'ssh node-1' },
    { input: 'ipvsadm -Ln' },
    { input: 'ip addr show kube-ipvs0' },
    { input: 'exit' },
    { input: 'check' },
  ],
});
