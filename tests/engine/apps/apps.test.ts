import { describe, expect, test } from 'vitest';
import { imageDigest, parseImage, pullDurationMs, resolveImage } from '../../../src/engine/apps/catalogue';
import { NGINX_INDEX_HTML } from '../../../src/engine/apps/nginx';
import { compile } from '../../../src/engine/apps/sh-parse';
import { runShellNow } from '../../../src/engine/apps/sh-run';
import type { ProcessState } from '../../../src/engine/apps/types';
import { goDuration } from '../../../src/engine/kubelet/texts';

const proc = (): ProcessState => ({ kind: 'busybox', argv: [], env: { NAME: 'web' }, files: { '/etc/hostname': 'web\n' }, hostname: 'web', podIP: '10.244.1.2', startedAtMs: 0, data: {} });

describe('image catalogue', () => {
  test('normalises names as containerd does', () => {
    expect(parseImage('nginx:1.27').normalized).toBe('docker.io/library/nginx:1.27');
    expect(parseImage('busybox').normalized).toBe('docker.io/library/busybox:latest');
    expect(parseImage('ghcr.io/clusterlab/http-app:1.0').repository).toBe('ghcr.io/clusterlab/http-app');
  });

  test('aliases share a digest and pulls take latency plus size over bandwidth', () => {
    expect(imageDigest('docker.io/library/nginx', '1.29')).toMatch(/^sha256:[0-9a-f]{64}$/);
    const latest = resolveImage(parseImage('nginx:latest'));
    const pinned = resolveImage(parseImage('nginx:1.29'));
    expect(latest.ok && pinned.ok && latest.digest === pinned.digest).toBe(true);
    expect(pullDurationMs(72_099_405)).toBe(3234);
  });

  test('unknown tags and repositories fail like containerd', () => {
    const tag = resolveImage(parseImage('nginx:9.9'));
    expect(!tag.ok && tag.error).toContain('code = NotFound');
    const repo = resolveImage(parseImage('ngnix:1.27'));
    expect(!repo.ok && repo.error).toContain('pull access denied, repository does not exist');
  });

  test('the nginx welcome page is 615 bytes', () => {
    expect(NGINX_INDEX_HTML.length).toBe(615);
  });
});

describe('sh', () => {
  test('runs sequences, && and ||, if and $VAR', () => {
    expect(runShellNow('echo $NAME; false || echo fallback && echo and', proc(), 0).stdout).toBe('web\nfallback\nand\n');
    expect(runShellNow('if false; then echo a; else echo b; fi', proc(), 0).stdout).toBe('b\n');
    expect(runShellNow("echo 'single $NAME' \"double $NAME\"", proc(), 0).stdout).toBe('single $NAME double web\n');
  });

  test('adds up sleeps, stops at exit and bounds loops', () => {
    expect(runShellNow('sleep 2; sleep 3; exit 4; echo never', proc(), 0)).toEqual({ stdout: '', stderr: '', exitCode: 4, elapsedMs: 5000 });
    // `sleep infinity` (the usual way to keep a debug container up) is a sleep, not an error.
    expect(runShellNow('sleep infinity; echo never', proc(), 0).stderr).toBe('');
    expect(runShellNow('sleep forever', proc(), 0).stderr).toBe("sleep: invalid number 'forever'\n");
    expect(runShellNow('while true; do sleep 1; done', proc(), 0).exitCode).toBe(137);
    expect(runShellNow('cat /etc/hostname /nope', proc(), 0)).toMatchObject({ stdout: 'web\n', stderr: "cat: can't open '/nope': No such file or directory\n", exitCode: 1 });
  });

  test('reports syntax errors', () => {
    expect(compile('while true; do echo')).toBe('sh: syntax error: unexpected end of file (expecting "done")');
  });
});

describe('Go durations', () => {
  test.each([
    [393, '393ms'],
    [3234, '3.234s'],
    [10_000, '10s'],
    [80_000, '1m20s'],
    [300_000, '5m0s'],
  ])('%d ms prints %s', (ms, text) => expect(goDuration(ms)).toBe(text));
});
