import { describe, expect, it } from 'vitest';
import {
  addQuantities,
  formatQuantity,
  milliValue,
  parseQuantity,
  unitValue,
} from '../../../src/cli/kubectl/printers/quantity';

const canon = (s: string) => formatQuantity(parseQuantity(s));

describe('quantity', () => {
  it.each([
    ['100m', '100m'],
    ['1', '1'],
    ['0.5', '500m'],
    ['1.5', '1500m'],
    ['2000m', '2'],
    ['128Mi', '128Mi'],
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['1.5Gi', '1536Mi'],
    ['500M', '500M'],
    ['1000M', '1G'],
    ['12e3', '12e3'],
    ['1k', '1k'],
    ['0', '0'],
    ['0Mi', '0'],
    ['512', '512'],
    ['100Ki', '100Ki'],
    ['2048', '2048'],
    ['0.1Ki', '102400m'],
  ])('%s prints as %s', (input, expected) => {
    expect(canon(input)).toBe(expected);
  });

  it('gives milli and whole values rounded up', () => {
    expect(milliValue(parseQuantity('750m'))).toBe(750);
    expect(milliValue(parseQuantity('2'))).toBe(2000);
    expect(unitValue(parseQuantity('1Gi'))).toBe(1073741824);
    expect(unitValue(parseQuantity('1500m'))).toBe(2);
  });

  it('adds exactly and keeps the first non-zero format', () => {
    const cpu = ['100m', '250m', '400m'].map((q) => parseQuantity(q)).reduce(addQuantities);
    expect(formatQuantity(cpu)).toBe('750m');
    const mem = addQuantities(parseQuantity('128Mi'), parseQuantity('64Mi'));
    expect(formatQuantity(mem)).toBe('192Mi');
    const mixed = addQuantities(parseQuantity('128Mi'), parseQuantity('500M'));
    expect(formatQuantity(mixed)).toBe('634217728');
    expect(formatQuantity(addQuantities(parseQuantity('0'), parseQuantity('1Gi')))).toBe('1Gi');
  });

  it('rejects garbage', () => {
    expect(() => parseQuantity('abc')).toThrow();
    expect(() => parseQuantity('')).toThrow();
  });
});
