import { describe, expect, it } from 'vitest';
import { formatNumber, formatValueUsingUnit, formatValueUsingUnitAndOp } from './format-value-using-unit.js';

describe('formatValueUsingUnit', () => {
  it.each([
    [60, 'second', '1 minute'],
    [90, 'second', '1.5 minutes'],
    [1, 'second', '1 second'],
    [0, 'second', '0 seconds'],
    [0, 'millisecond', '0 milliseconds'],
    [0, 'byte', '0 B'],
    [0.5, 'second', '500 milliseconds'],
    [250, 'microsecond', '250 microseconds'],
    [999, 'nanosecond', '999 nanoseconds'],
    [86400, 'second', '1 day'],
    [2, 'week', '2 weeks'],
    [36, 'hour', '1.5 days'],
    [-60, 'second', '-1 minute'],
    [600, 'byte', '600 B'],
    [1000, 'byte', '1 KB'],
    [1024, 'byte', '1.02 KB'],
    [3145728, 'megabyte', '3.15 TB'],
    [1, 'kibibyte', '1 KiB'],
    [1536, 'mebibyte', '1.5 GiB'],
    [1, 'exbibyte', '1 EiB'],
    [4, 'bit', '4 bits'],
    [1, 'bit', '1 bit'],
    [16, 'bit', '2 B'],
    [0.25, 'ratio', '25%'],
    [12.5, 'percent', '12.5%'],
    [3, 'none', '3'],
    [3, '', '3'],
    [3, '{connection}', '3 {connection}'],
    [Number.POSITIVE_INFINITY, 'second', 'Infinity'],
  ])('formats %d %s as %j', (value, unit, expected) => {
    expect(formatValueUsingUnit(value, unit)).toBe(expected);
  });
});

describe('formatValueUsingUnitAndOp', () => {
  it.each([
    [60, 'second', 'count', '60'],
    [2.345, 'byte', 'count_unique', '2.35'],
    [60, 'second', 'avg', '1 minute'],
    [60, 'second', null, '1 minute'],
  ])('formats %d %s with op %s as %j', (value, unit, op, expected) => {
    expect(formatValueUsingUnitAndOp(value, unit, op)).toBe(expected);
  });
});

describe('formatNumber', () => {
  it.each([
    [1.005, 2, '1'],
    [1.239, 2, '1.24'],
    [-0.001, 2, '0'],
    [100, 0, '100'],
  ])('rounds %d to %d decimals as %j', (value, decimals, expected) => {
    expect(formatNumber(value, decimals)).toBe(expected);
  });
});
