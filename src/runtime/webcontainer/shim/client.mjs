// @ts-check
/**
 * The client half of the WebContainer runtime, shared by every shim and by ctl.mjs: find the
 * daemon (its address file next to this script, or $CLUSTERLAB_DAEMON_ADDRESS), POST JSON to it,
 * return the parsed answer. Plain Node ESM with no dependencies: it is copied into the container
 * as it is.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';

export function daemonPort() {
  const file = process.env.CLUSTERLAB_DAEMON_ADDRESS || new URL('./daemon.json', import.meta.url);
  const { port } = JSON.parse(readFileSync(file, 'utf8'));
  if (!Number.isInteger(port)) throw new Error(`no port in ${String(file)}`);
  return port;
}

/**
 * @param {string} path
 * @param {unknown} body
 * @returns {Promise<{ status: number, body: any }>}
 */
export function post(path, body) {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: daemonPort(), path, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } },
      (res) => {
        /** @type {Buffer[]} */
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}
