import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, test } from 'vitest';
import { goJsonError } from '../../../src/cli/kubectl/go-json';
import { bench } from './harness';

describe('kubectl run --overrides', () => {
  test('a JSON merge patch over the generated pod by default; unknown fields are dropped, as decoding drops them', () => {
    const b = bench();
    expect(b.k(['run', 'dbg', '--image=busybox:1.36', '--overrides={"spec":{"nodeName":"node-2","nodename":"typo"}}', '--', 'sleep', '3600']).stdout).toBe('pod/dbg created\n');
    const pod = b.cluster.api.get<Pod>('pods', 'default', 'dbg');
    expect(pod.spec?.nodeName).toBe('node-2');
    expect(pod.spec).not.toHaveProperty('nodename');
  });

  test('strategic and json types; bad fragments fail with the libraries\' messages and create nothing', () => {
    const b = bench();
    const strategic = '{"spec":{"containers":[{"name":"a","resources":{"limits":{"cpu":"1"}}}]}}';
    expect(b.k(['run', 'a', '--image=nginx:1.27', `--overrides=${strategic}`, '--override-type=strategic', '--dry-run=client', '-o', 'jsonpath={.spec.containers[0].resources}']).stdout).toBe('{"limits":{"cpu":"1"}}');
    const ops = '[{"op":"add","path":"/metadata/labels/tier","value":"debug"}]';
    expect(b.k(['run', 'a', '--image=nginx:1.27', `--overrides=${ops}`, '--override-type=json', '--dry-run=client', '-o', 'jsonpath={.metadata.labels.tier}']).stdout).toBe('debug');
    expect(b.k(['run', 'a', '--image=nginx:1.27', '--overrides={bad']).stderr).toBe('error: Invalid JSON Patch\n');
    expect(b.k(['run', 'a', '--image=nginx:1.27', '--overrides={"spec":}', '--override-type=strategic']).stderr).toBe("error: invalid character '}' looking for beginning of value\n");
    expect(b.k(['run', 'a', '--image=nginx:1.27', '--overrides={}', '--override-type=yaml']).stderr).toBe('error: invalid override type: yaml\n');
    expect(b.k('get pods').stderr).toBe('No resources found in default namespace.\n');
  });

  test.each([
    ['{"a":1}', undefined],
    ['', 'unexpected end of JSON input'],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b":2}', "invalid character '\"' after object key:value pair"],
    ['[1 2]', "invalid character '2' after array element"],
    ['{a:1}', "invalid character 'a' looking for beginning of object key string"],
    ['tru', 'unexpected end of JSON input'],
    ['nul!', "invalid character '!' in literal null (expecting 'l')"],
    ['{} x', "invalid character 'x' after top-level value"],
  ])('encoding/json on %s', (text, error) => {
    expect(goJsonError(text)).toBe(error);
  });
});
