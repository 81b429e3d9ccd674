import { perSecond } from '../sim/time';
import { appVersion, type AppContext, type AppModule, type ExecResult, type HttpRequest, type HttpResponse, type ProcessState, type Signal } from './types';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** nginx's error-log time: `2026/01/01 00:00:04` (every start logs several lines). */
const errorLogStamp = perSecond((second) => new Date(second * 1000).toISOString().slice(0, 19).replace(/-/g, '/').replace('T', ' '));

function errorLogTime(ctx: AppContext): string {
  return errorLogStamp(ctx.epochMs, ctx.now());
}

/** nginx's $time_local: `01/Jan/2026:00:00:05 +0000`. */
function timeLocal(ctx: AppContext): string {
  const d = new Date(ctx.epochMs + ctx.now());
  const dd = String(d.getUTCDate()).padStart(2, '0');
  return `${dd}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${d.toISOString().slice(11, 19)} +0000`;
}

/** The stock welcome page: 615 bytes, as nginx's $body_bytes_sent reports. */
export const NGINX_INDEX_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const NOT_FOUND = (version: string) =>
  `<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;

const ENTRYPOINT_LINES = [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
  '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
  '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
];

/** Worker pids nginx forks (one per CPU of a default node). */
const WORKERS = [29, 30, 31, 32];

function version(proc: ProcessState): string {
  return appVersion(proc, '1.27.5');
}

/**
 * The same burst of lines for every nginx that starts (or exits) in the same virtual second: a
 * rollout starts thousands in a few seconds, and each kept its own copy of every line.
 */
function lastBurst(build: (time: string, variant: string) => string[]): (time: string, variant: string) => string[] {
  let last = { key: '', lines: [] as string[] };
  return (time, variant) => {
    const key = `${time}|${variant}`;
    if (last.key !== key) last = { key, lines: build(time, variant) };
    return last.lines;
  };
}

/** The entrypoint's start-up lines, then the master's notices as it forks its workers. */
const startLines = lastBurst((t, nginxVersion) => [
  ...ENTRYPOINT_LINES,
  `${t} [notice] 1#1: using the "epoll" event method`,
  `${t} [notice] 1#1: nginx/${nginxVersion}`,
  `${t} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14+deb12u1) `,
  `${t} [notice] 1#1: OS: Linux 6.8.0-1021-gcp`,
  `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
  `${t} [notice] 1#1: start worker processes`,
  ...WORKERS.map((pid) => `${t} [notice] 1#1: start worker process ${pid}`),
]);

/** Workers finish (gracefully after SIGQUIT), the master reaps them and exits. */
const exitLines = lastBurst((t, graceful) => [
  ...(graceful === 'graceful' ? WORKERS.map((pid) => `${t} [notice] ${pid}#${pid}: gracefully shutting down`) : []),
  ...WORKERS.flatMap((pid) => [`${t} [notice] ${pid}#${pid}: exiting`, `${t} [notice] ${pid}#${pid}: exit`]),
  ...WORKERS.flatMap((pid) => [`${t} [notice] 1#1: signal 17 (SIGCHLD) received from ${pid}`, `${t} [notice] 1#1: worker process ${pid} exited with code 0`]),
  `${t} [notice] 1#1: exit`,
]);

/**
 * nginx from the official image: the entrypoint's start-up lines, a master and workers on port 80,
 * the welcome page, combined-format access logs. STOPSIGNAL is SIGQUIT (graceful); SIGTERM and
 * SIGINT mean fast shutdown. Both exit 0 within milliseconds when idle.
 */
export const nginx: AppModule = {
  start(ctx, proc) {
    ctx.logAll(startLines(errorLogTime(ctx), version(proc)));
  },

  timer(ctx, proc, payload) {
    if (payload.t !== 'exit') return;
    ctx.logAll(exitLines(errorLogTime(ctx), proc.stopping === 'SIGQUIT' ? 'graceful' : 'fast'));
    ctx.exit(0);
  },

  signal(ctx, proc, signal) {
    receive(ctx, proc, signal, '');
  },

  http(ctx, proc, req): HttpResponse | undefined {
    if (req.port !== 80) return undefined;
    const found = req.path === '/' || req.path === '/index.html';
    const res: HttpResponse = found ? { status: 200, body: NGINX_INDEX_HTML } : { status: 404, body: NOT_FOUND(version(proc)) };
    ctx.log(accessLine(ctx, req, res));
    return res;
  },

  ports: () => [80],

  exec(ctx, proc, argv): ExecResult | undefined {
    if (argv[0] !== 'nginx' && argv[0] !== '/usr/sbin/nginx') return undefined;
    if (argv[1] === '-v') return { stdout: '', stderr: `nginx version: nginx/${version(proc)}\n`, exitCode: 0, elapsedMs: 0 };
    if (argv[1] === '-s') return signalMaster(ctx, proc, argv[2] ?? '');
    if (argv[1] === '-t') {
      const err = 'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n';
      return { stdout: '', stderr: err, exitCode: 0, elapsedMs: 0 };
    }
    return undefined;
  },
};

/**
 * The master gets a signal: SIGQUIT is graceful shutdown (workers finish what they serve), SIGTERM
 * and SIGINT fast shutdown. `from` is the sender's pid as nginx logs it; the runtime's signals come
 * from outside the container's pid namespace, so they carry none.
 */
function receive(ctx: AppContext, proc: ProcessState, signal: Signal, from: string): void {
  if (proc.stopping) return;
  proc.stopping = signal;
  const t = errorLogTime(ctx);
  const sender = from ? ` from ${from}` : '';
  if (signal === 'SIGQUIT') ctx.log(`${t} [notice] 1#1: signal 3 (SIGQUIT) received${sender}, shutting down`);
  else ctx.log(`${t} [notice] 1#1: signal ${signal === 'SIGINT' ? '2 (SIGINT)' : '15 (SIGTERM)'} received${sender}, exiting`);
  ctx.after(signal === 'SIGQUIT' ? 30 : 5, { t: 'exit' });
}

/** Pid `nginx -s` runs as inside the container (after the master and its workers). */
const SIGNALLER_PID = 40;

/**
 * `nginx -s quit|stop|reload|reopen`: a second nginx process reads /var/run/nginx.pid and signals
 * the master, the classic preStop hook (`nginx -s quit` after a sleep). It prints nothing itself.
 */
function signalMaster(ctx: AppContext, proc: ProcessState, name: string): ExecResult {
  const known: Record<string, string> = { stop: 'SIGTERM', quit: 'SIGQUIT', reload: 'SIGHUP', reopen: 'SIGUSR1' };
  if (!(name in known)) return { stdout: '', stderr: `nginx: invalid option: "-s ${name}"\n`, exitCode: 1, elapsedMs: 0 };
  ctx.log(`${errorLogTime(ctx)} [notice] ${SIGNALLER_PID}#${SIGNALLER_PID}: signal process started`);
  if (name === 'stop' || name === 'quit') receive(ctx, proc, name === 'quit' ? 'SIGQUIT' : 'SIGTERM', String(SIGNALLER_PID));
  else if (!proc.stopping) {
    const what = name === 'reload' ? `1 (SIGHUP) received from ${SIGNALLER_PID}, reconfiguring` : `10 (SIGUSR1) received from ${SIGNALLER_PID}, reopening logs`;
    ctx.log(`${errorLogTime(ctx)} [notice] 1#1: signal ${what}`);
  }
  return { stdout: '', stderr: '', exitCode: 0, elapsedMs: 0 };
}

/** One line of nginx's `main` log format (combined plus $http_x_forwarded_for). */
function accessLine(ctx: AppContext, req: HttpRequest, res: HttpResponse): string {
  const bytes = res.body.length;
  return `${req.remoteAddr} - - [${timeLocal(ctx)}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${bytes} "-" "${req.userAgent}" "-"`;
}

/** Files the nginx image ships that learners cat. */
export function nginxFiles(): Record<string, string> {
  return {
    '/usr/share/nginx/html/index.html': NGINX_INDEX_HTML,
    '/usr/share/nginx/html/50x.html': '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n',
    '/etc/nginx/conf.d/default.conf':
      'server {\n    listen       80;\n    listen  [::]:80;\n    server_name  localhost;\n\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n\n    error_page   500 502 503 504  /50x.html;\n    location = /50x.html {\n        root   /usr/share/nginx/html;\n    }\n}\n',
  };
}
