import { appVersion, SIGNAL_NUMBER, type AppModule } from './types';

/** Where kubeadm's DaemonSet mounts the kube-proxy ConfigMap. */
export const KUBE_PROXY_CONFIG_PATH = '/var/lib/kube-proxy/config.conf';

/**
 * registry.k8s.io/kube-proxy: the process is thin. On start it hands its config file to the
 * node's kube-proxy component (the simulated data plane), which writes the log lines back through
 * `log` timers and may end the process with `exit` (a config kube-proxy refuses).
 */
export const kubeProxy: AppModule = {
  start(ctx, proc) {
    const node = proc.env.NODE_NAME ?? '';
    ctx.notify?.(`kube-proxy/${node}`, {
      event: 'process-start',
      config: proc.files[KUBE_PROXY_CONFIG_PATH] ?? '',
      version: appVersion(proc, ''),
    });
  },
  timer(ctx, _proc, payload) {
    if (payload.t === 'log') for (const line of payload.lines as string[]) ctx.log(line);
    if (payload.t === 'exit') ctx.exit(payload.code as number, 'Error');
  },
  signal(ctx, proc, signal) {
    // kube-proxy has no SIGTERM handler worth modelling: the Go runtime exits at once, and the
    // rules it programmed stay in the kernel until the next kube-proxy replaces them.
    proc.stopping = signal;
    ctx.notify?.(`kube-proxy/${proc.env.NODE_NAME ?? ''}`, { event: 'process-stop' });
    ctx.exit(128 + SIGNAL_NUMBER[signal], 'Error');
  },
  ports: () => [10249, 10256],
};
