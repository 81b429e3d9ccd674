import { describe, expect, it } from 'vitest';
import { boundScreen, EXPORT_FORMAT, MAX_SCREEN_CHARS, parseExport } from '../../src/runtime/persistence/records';
import { preferenceFromQuery } from '../../src/runtime/index';

const savedLab = { format: 'clusterlab/lab-state@1', labId: 'pod-journey', engineVersion: 'x', seed: 7, transcript: [], nowMs: 0 };
const progress = { labId: 'pod-journey', score: 10, maxScore: 60, complete: false, tasks: [] };

describe('the progress export file', () => {
  it('accepts what the progress page exports', () => {
    const file = { format: EXPORT_FORMAT, exportedAt: '2026-01-01T00:00:00.000Z', labs: [{ key: 'pod-journey', saved: savedLab, screen: '', hints: {}, solutionShown: false, open: true, updatedAt: '' }], progress: [{ labId: 'pod-journey', title: 'T', page: '/', progress, updatedAt: '' }] };
    expect(parseExport(JSON.stringify(file))).toEqual(file);
  });

  it('says what is wrong with anything else', () => {
    expect(() => parseExport('{oops')).toThrow(/^not a JSON file: /);
    expect(() => parseExport('{"format":"other"}')).toThrow('not a clusterlab progress file (format must be "clusterlab/progress@1")');
    expect(() => parseExport(`{"format":"${EXPORT_FORMAT}"}`)).toThrow('the file has no "labs" and "progress" lists');
    expect(() => parseExport(`{"format":"${EXPORT_FORMAT}","labs":[{"key":"a","saved":{}}],"progress":[]}`)).toThrow('labs[0] is not a saved lab');
    expect(() => parseExport(`{"format":"${EXPORT_FORMAT}","labs":[],"progress":[{"labId":"a"}]}`)).toThrow("progress[0] is not a lab's progress");
  });
});

describe('the saved screen', () => {
  it('keeps short screens whole and cuts long ones at a line start', () => {
    expect(boundScreen('a\r\nb')).toBe('a\r\nb');
    const long = `${'x'.repeat(10)}\r\n${'\x1b[1my\x1b[0m\r\n'.repeat(MAX_SCREEN_CHARS / 10)}`;
    const kept = boundScreen(long);
    expect(kept.length).toBeLessThanOrEqual(MAX_SCREEN_CHARS);
    expect(kept.startsWith('\x1b[1my')).toBe(true);
  });
});

describe('the ?runtime= parameter', () => {
  it('picks a runtime when it names one, and is ignored otherwise', () => {
    expect(preferenceFromQuery('?runtime=webcontainer')).toBe('webcontainer');
    expect(preferenceFromQuery('?a=1&runtime=worker')).toBe('worker');
    expect(preferenceFromQuery('?runtime=auto')).toBe('auto');
    expect(preferenceFromQuery('?runtime=vm')).toBeUndefined();
    expect(preferenceFromQuery('')).toBeUndefined();
  });
});
