import { describe, expect, test } from 'vitest';
import { cpuMillis, integerValue, parseQuantity } from '../../../src/engine/scheduler/quantity';
import { podRequests } from '../../../src/engine/scheduler/resources';
import { newPod } from './fixtures';

describe('quantity', () => {
  test('parses cpu into millicores, rounding fractions up', () => {
    expect(cpuMillis('250m')).toBe(250);
    expect(cpuMillis('1.5')).toBe(1500);
    expect(cpuMillis('2')).toBe(2000);
    expect(cpuMillis('0.5m')).toBe(1);
    expect(cpuMillis(undefined)).toBe(0);
  });

  test('parses binary, decimal and exponent suffixes into bytes', () => {
    expect(integerValue('128Mi')).toBe(134217728);
    expect(integerValue('1G')).toBe(1e9);
    expect(integerValue('8388608Ki')).toBe(8 * 1024 ** 3);
    expect(integerValue('2e3')).toBe(2000);
    expect(parseQuantity('nonsense')).toBeUndefined();
  });
});

describe('pod requests', () => {
  test('sums containers and takes the larger of that and the biggest init container', () => {
    const pod = newPod('p', { cpu: '100m', memory: '64Mi' });
    pod.spec!.containers.push({ name: 'b', image: 'x', resources: { requests: { cpu: '200m' } } });
    pod.spec!.initContainers = [{ name: 'init', image: 'x', resources: { requests: { cpu: '1', memory: '1Mi' } } }];
    expect(podRequests(pod)).toEqual({ cpuMillis: 1000, memoryBytes: 64 * 1024 ** 2 });
  });

  test('counts 100m and 200MB for containers without requests when asked for non-zero requests', () => {
    expect(podRequests(newPod('p'))).toEqual({ cpuMillis: 0, memoryBytes: 0 });
    expect(podRequests(newPod('p'), true)).toEqual({ cpuMillis: 100, memoryBytes: 200 * 1024 * 1024 });
  });
});
