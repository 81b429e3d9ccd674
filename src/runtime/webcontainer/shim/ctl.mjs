// @ts-check
/**
 * The page's control client: `node ctl.mjs OP [JSON]` sends {op, request} to the daemon's
 * /control endpoint and prints the result as one JSON line (exit 0), or the error on stderr
 * (exit 1). The WebContainer runtime spawns it for check, time, save, result, reset and
 * picture.
 */
import { post } from './client.mjs';

const [op, arg] = process.argv.slice(2);
try {
  const request = arg === undefined ? {} : { request: JSON.parse(arg) };
  const { status, body } = await post('/control', { op, ...request });
  if (status !== 200) throw new Error(body?.error ?? `the daemon answered ${status}`);
  process.stdout.write(`${JSON.stringify(body)}\n`);
} catch (error) {
  process.stderr.write(`ctl: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
