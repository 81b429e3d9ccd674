// @ts-check
/**
 * One command of the lab (`kubectl`, `curl`, `crictl`, ...) as the container's shell runs it: the
 * file bin/NAME calls main('NAME'), which forwards argv, piped stdin, the working directory and
 * the environment to the daemon and prints its answer with its exit status. Only the daemon knows
 * the cluster; this script knows nothing about Kubernetes.
 */
import { post } from './client.mjs';

/** Piped input, or nothing when stdin is the terminal (`kubectl get pods` must not wait for it). */
async function readStdin() {
  if (process.stdin.isTTY) return '';
  /** @type {Buffer[]} */
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** @param {NodeJS.WritableStream} stream @param {string} text */
function write(stream, text) {
  return new Promise((resolve) => (text === '' ? resolve(undefined) : stream.write(text, () => resolve(undefined))));
}

/** Exit status of a command ended by Ctrl-C (128 + SIGINT). */
const INTERRUPTED = 130;
/** How often a running job (`kubectl get pods -w`) is asked for what it printed, in ms. */
const POLL_MS = 100;

/**
 * The command goes on in the daemon as a foreground job: print what it prints as virtual time
 * runs, until Ctrl-C (SIGINT) stops it, or it ends by itself.
 * @param {number} id
 */
async function follow(id) {
  /** @param {boolean} stop */
  const poll = async (stop) => {
    const { status, body } = await post('/job', { id, stop });
    if (status !== 200) throw new Error(body?.error ?? `the daemon answered ${status}`);
    await write(process.stdout, body.stdout);
    return body.done;
  };
  let interrupted = false;
  process.once('SIGINT', () => (interrupted = true));
  while (!interrupted && !(await poll(false))) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  if (interrupted) await poll(true);
  return INTERRUPTED;
}

/** @param {string} name */
export async function main(name) {
  try {
    const stdin = await readStdin();
    const env = /** @type {Record<string, string>} */ (Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined)));
    const tty = process.stdout.isTTY === true;
    const { status, body } = await post('/run', { argv: [name, ...process.argv.slice(2)], stdin, cwd: process.cwd(), env, tty });
    if (status !== 200) throw new Error(body?.error ?? `the daemon answered ${status}`);
    await write(process.stdout, body.stdout);
    await write(process.stderr, body.stderr);
    process.exitCode = body.job === undefined ? body.exitCode : await follow(body.job);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await write(process.stderr, `${name}: the lab's cluster is not reachable (${reason})\n`);
    process.exitCode = 1;
  }
}
