import { describe, expect, it } from 'vitest';
import { formatRFC1123Z, humanDuration, translateTimestampSince } from '../../../src/cli/kubectl/printers/human-duration';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;
const y = 365 * d;

describe('humanDuration', () => {
  it.each([
    [0, '0s'],
    [999, '0s'],
    [65 * s, '65s'],
    [119 * s, '119s'],
    [119 * s + 999, '119s'],
    [2 * m, '2m'],
    [2 * m + 5 * s, '2m5s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m, '10m'],
    [10 * m + 59 * s, '10m'],
    [179 * m, '179m'],
    [179 * m + 59 * s, '179m'],
    [3 * h, '3h'],
    [3 * h + 5 * m, '3h5m'],
    [3 * h + 5 * m + 59 * s, '3h5m'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h, '8h'],
    [8 * h + 30 * m, '8h'],
    [47 * h, '47h'],
    [47 * h + 59 * m, '47h'],
    [2 * d, '2d'],
    [2 * d + h, '2d1h'],
    [7 * d + 23 * h, '7d23h'],
    [8 * d, '8d'],
    [20 * d + 5 * h, '20d'],
    [729 * d, '729d'],
    [729 * d + 23 * h, '729d'],
    [2 * y, '2y'],
    [2 * y + d, '2y1d'],
    [7 * y + 364 * d, '7y364d'],
    [8 * y, '8y'],
    [8 * y + 100 * d, '8y'],
    [30 * y, '30y'],
    [-500, '0s'],
    [-1999, '0s'],
    [-2000, '<invalid>'],
    [-1 * h, '<invalid>'],
  ])('%d ms -> %s', (ms, expected) => {
    expect(humanDuration(ms)).toBe(expected);
  });
});

describe('translateTimestampSince', () => {
  const now = Date.parse('2026-01-01T01:00:00Z');
  it('measures against the given now', () => {
    expect(translateTimestampSince('2026-01-01T00:59:55Z', now)).toBe('5s');
    expect(translateTimestampSince('2026-01-01T00:00:00Z', now)).toBe('60m');
    expect(translateTimestampSince('2026-01-01T01:00:00.5Z', now)).toBe('0s');
  });
  it('prints <unknown> for a missing time', () => {
    expect(translateTimestampSince(undefined, now)).toBe('<unknown>');
    expect(translateTimestampSince('', now)).toBe('<unknown>');
    expect(translateTimestampSince(null, now)).toBe('<unknown>');
  });
});

describe('formatRFC1123Z', () => {
  it('matches Go time.RFC1123Z in UTC', () => {
    expect(formatRFC1123Z('2026-01-01T00:00:05Z')).toBe('Thu, 01 Jan 2026 00:00:05 +0000');
    expect(formatRFC1123Z('2021-01-01T00:00:00Z')).toBe('Fri, 01 Jan 2021 00:00:00 +0000');
    expect(formatRFC1123Z('2014-01-15T13:04:09Z')).toBe('Wed, 15 Jan 2014 13:04:09 +0000');
  });
});
