import { appVersion, type AppModule, type HttpResponse } from './types';

/** Where the kubeadm Deployment mounts the Corefile. */
export const COREFILE_PATH = '/etc/coredns/Corefile';

/**
 * registry.k8s.io/coredns/coredns: listens on 53 (DNS, answered by the cluster's CoreDNS
 * resolver component from its Service and EndpointSlice caches), 8080 (/health), 8181 (/ready)
 * and 9153 (/metrics). Its startup lines are CoreDNS's own.
 */
export const coredns: AppModule = {
  start(ctx, proc) {
    ctx.log('.:53');
    ctx.log('[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908');
    ctx.log(`CoreDNS-${appVersion(proc, '1.12.1')}`);
    ctx.log('linux/amd64, go1.24.1, 707c7c1');
    proc.data.listening = true;
  },
  signal(ctx, proc, signal) {
    // CoreDNS's health plugin has `lameduck 5s`: it keeps answering for 5 s after SIGTERM.
    if (proc.stopping) return;
    proc.stopping = signal;
    ctx.log('[INFO] SIGTERM: Shutting down servers then terminating');
    ctx.log('[INFO] plugin/health: Going into lameduck mode for 5s');
    ctx.after(5000, { t: 'exit' });
  },
  timer(ctx, _proc, payload) {
    if (payload.t === 'exit') ctx.exit(0);
  },
  http(_ctx, proc, req): HttpResponse | undefined {
    if (!proc.data.listening) return undefined;
    if (req.port === 8080) return req.path === '/health' ? { status: 200, body: 'OK' } : { status: 404, body: '404 page not found\n' };
    if (req.port === 8181) return req.path === '/ready' ? { status: 200, body: 'OK' } : { status: 404, body: '404 page not found\n' };
    if (req.port === 9153) return req.path === '/metrics' ? { status: 200, body: '# HELP coredns_build_info A metric with a constant \'1\' value labeled by version, revision, and goversion from which CoreDNS was built.\n# TYPE coredns_build_info gauge\ncoredns_build_info{goversion="go1.24.1",revision="707c7c1",version="1.12.1"} 1\n' } : { status: 404, body: '404 page not found\n' };
    return undefined;
  },
  ports: (proc) => (proc.data.listening ? [53, 8080, 8181, 9153] : []),
};
