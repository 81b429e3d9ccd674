// Finding a Node new enough for the course toolchain (Astro 7, Vitest 5 and the TypeScript
// loader need Node >= 22.12; the team server's node:sqlite needs 22.13), shared by scripts/with-node.mjs and bin/clusterlab.mjs.
//
// Plain JavaScript that parses and runs on Node 20, so it can be the first thing a newcomer's
// older Node executes. When the running Node is too old we ask npx for the `node@24` package from
// the npm registry (downloaded once into npx's cache, then reused offline) and re-run under it.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

/** The oldest Node the toolchain supports; keep in step with `engines.node` in package.json. */
export const MIN_NODE = [22, 13];

/** Set on re-runs so a misbehaving npx cannot send us round in circles. */
const REEXEC_ENV = 'CLUSTERLAB_REEXEC_NODE';

/** True when `version` (e.g. "20.20.2" or "v24.1.0") is at least MIN_NODE. */
export function isRecentNode(version = process.versions.node) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
}

/**
 * The path of a Node 24 binary from the npm registry, via `npx -y -p node@24`.
 * Throws an Error with a readable message when npx cannot provide one (offline and not cached).
 */
export function resolveNewerNode() {
  if (process.env[REEXEC_ENV]) {
    throw new Error(
      `already re-ran under ${process.execPath} (Node ${process.versions.node}), which is still older than ${MIN_NODE.join('.')}`,
    );
  }
  const result = spawnSync('npx', ['-y', '-p', 'node@24', 'node', '-p', 'process.execPath'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const execPath = result.stdout?.trim().split('\n').pop() ?? '';
  if (result.error || result.status !== 0 || !path.isAbsolute(execPath)) {
    const why = result.error?.message ?? (result.stderr?.trim() || `npx exited with ${result.status}`);
    throw new Error(
      `Node ${process.versions.node} is older than ${MIN_NODE.join('.')} and fetching node@24 with npx failed: ${why}\n` +
        `Install Node >= ${MIN_NODE.join('.')} (https://nodejs.org) or make the npm registry reachable once.`,
    );
  }
  return execPath;
}

/**
 * Runs `node <args>` under a Node >= MIN_NODE that is first on PATH (so `npm`, `npx` and any
 * `node` its children start use it too), with the terminal attached. Resolves to the exit code.
 */
export function runUnderNewerNode(args) {
  const execPath = resolveNewerNode();
  const env = {
    ...process.env,
    [REEXEC_ENV]: '1',
    PATH: `${path.dirname(execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
  };
  return runAttached(execPath, args, { env });
}

/**
 * Spawns a child with the terminal attached and resolves to its exit code. Signals sent to us
 * (`kill`, a supervisor stopping the job) are passed on to the child, which decides what to do:
 * we only exit once it has. Ctrl-C in a terminal reaches both of us anyway; an interactive shell
 * reads it as a key press instead.
 */
export function runAttached(file, args, options = {}) {
  const signals = ['SIGINT', 'SIGQUIT', 'SIGTERM', 'SIGHUP'];
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: 'inherit', ...options });
    const forward = (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    for (const s of signals) process.on(s, forward);
    const done = (code) => {
      for (const s of signals) process.off(s, forward);
      resolve(code);
    };
    child.on('error', (err) => {
      console.error(`clusterlab: could not start ${file}: ${err.message}`);
      done(1);
    });
    child.on('exit', (code, signal) => done(code ?? 128 + (signalNumber(signal) ?? 1)));
  });
}

function signalNumber(signal) {
  return { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 }[signal];
}
