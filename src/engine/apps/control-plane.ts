import { SIGNAL_NUMBER, type AppModule, type ProcessState } from './types';

/**
 * The control-plane images kubeadm runs as static pods (etcd, kube-apiserver,
 * kube-controller-manager, kube-scheduler). The simulation's real API server, scheduler and
 * controllers are engine components; these processes stand for them on the control-plane node:
 * they log their start-up, answer the health endpoints the kubelet probes, and stop on a signal.
 */
const PORTS: Record<string, number[]> = {
  etcd: [2379, 2380, 2381],
  'kube-apiserver': [6443],
  'kube-controller-manager': [10257],
  'kube-scheduler': [10259],
};

const STARTUP: Record<string, string[]> = {
  etcd: ['"running etcd"', '"serving client traffic securely" address="127.0.0.1:2379"', '"ready to serve client requests"'],
  'kube-apiserver': ['"Serving securely on [::]:6443"', '"Starting controller" name="kubernetes-service-cidr-controller"', '"Caches are synced" controller="admission"'],
  'kube-controller-manager': ['"Serving securely on 127.0.0.1:10257"', '"successfully acquired lease" lock="kube-system/kube-controller-manager"', '"Started controller" controller="deployment-controller"'],
  'kube-scheduler': ['"Serving securely on 127.0.0.1:10259"', '"successfully acquired lease" lock="kube-system/kube-scheduler"'],
};

function component(proc: ProcessState): string {
  const binary = proc.argv[0] ?? '';
  return binary.slice(binary.lastIndexOf('/') + 1);
}

export const controlPlane: AppModule = {
  start(ctx, proc) {
    const at = new Date(ctx.epochMs + ctx.now());
    const stamp = `I${String(at.getUTCMonth() + 1).padStart(2, '0')}${String(at.getUTCDate()).padStart(2, '0')} ${at.toISOString().slice(11, 23)}000       1`;
    for (const line of STARTUP[component(proc)] ?? []) ctx.log(`${stamp} server.go:1] ${line}`);
  },
  signal(ctx, proc, signal) {
    proc.stopping = signal;
    ctx.exit(128 + SIGNAL_NUMBER[signal], 'Error');
  },
  http(_ctx, proc, req) {
    if (!(PORTS[component(proc)] ?? []).includes(req.port)) return undefined;
    return ['/livez', '/readyz', '/healthz'].includes(req.path.split('?')[0]!) ? { status: 200, body: 'ok' } : { status: 404, body: '404 page not found\n' };
  },
  ports: (proc) => PORTS[component(proc)] ?? [],
};
