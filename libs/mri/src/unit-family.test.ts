import { describe, expect, it } from 'vitest';
import { isFractionUnit } from './metric-unit.js';
import { UnitFamily, convertUnit, getUnitFamilyAndUnit } from './unit-family.js';

describe('getUnitFamilyAndUnit', () => {
  it.each([
    ['nanosecond', UnitFamily.DURATION, 'nanosecond', 1],
    ['microsecond', UnitFamily.DURATION, 'nanosecond', 1e3],
    ['millisecond', UnitFamily.DURATION, 'nanosecond', 1e6],
    ['second', UnitFamily.DURATION, 'nanosecond', 1e9],
    ['minute', UnitFamily.DURATION, 'nanosecond', 60e9],
    ['hour', UnitFamily.DURATION, 'nanosecond', 3600e9],
    ['day', UnitFamily.DURATION, 'nanosecond', 86400e9],
    ['week', UnitFamily.DURATION, 'nanosecond', 604800e9],
    ['bit', UnitFamily.INFORMATION, 'bit', 1],
    ['byte', UnitFamily.INFORMATION, 'bit', 8],
    ['kilobyte', UnitFamily.INFORMATION, 'bit', 8e3],
    ['megabyte', UnitFamily.INFORMATION, 'bit', 8e6],
    ['gigabyte', UnitFamily.INFORMATION, 'bit', 8e9],
    ['terabyte', UnitFamily.INFORMATION, 'bit', 8e12],
    ['petabyte', UnitFamily.INFORMATION, 'bit', 8e15],
    ['exabyte', UnitFamily.INFORMATION, 'bit', 8e18],
    ['kibibyte', UnitFamily.INFORMATION, 'bit', 8 * 1024],
    ['mebibyte', UnitFamily.INFORMATION, 'bit', 8 * 1024 ** 2],
    ['gibibyte', UnitFamily.INFORMATION, 'bit', 8 * 1024 ** 3],
    ['tebibyte', UnitFamily.INFORMATION, 'bit', 8 * 1024 ** 4],
    ['pebibyte', UnitFamily.INFORMATION, 'bit', 8 * 1024 ** 5],
    ['exbibyte', UnitFamily.INFORMATION, 'bit', 8 * 1024 ** 6],
  ])('puts %s in %s with reference %s and factor %d', (unit, family, referenceUnit, scalingFactor) => {
    expect(getUnitFamilyAndUnit(unit)).toStrictEqual({
      family,
      referenceUnit,
      unit: { name: unit, scalingFactor },
    });
  });

  it.each(['ratio', 'percent', 'none', 'usd', 'Second', ''])('has no family for %j', (unit) => {
    expect(getUnitFamilyAndUnit(unit)).toBeNull();
  });
});

describe('convertUnit', () => {
  it.each([
    [1, 'minute', 'second', 60],
    [1500, 'millisecond', 'second', 1.5],
    [1, 'kibibyte', 'byte', 1024],
    [1, 'kilobyte', 'byte', 1000],
    [2, 'byte', 'bit', 16],
    [5, 'second', 'second', 5],
  ])('converts %d %s to %s as %d', (value, from, to, expected) => {
    expect(convertUnit(value, from, to)).toBe(expected);
  });

  it.each([
    ['second', 'byte'],
    ['ratio', 'percent'],
    ['none', 'second'],
  ])('refuses %s → %s', (from, to) => {
    expect(convertUnit(1, from, to)).toBeNull();
  });
});

describe('isFractionUnit', () => {
  it.each([
    ['ratio', true],
    ['percent', true],
    ['none', false],
    ['second', false],
  ])('%s → %s', (unit, expected) => {
    expect(isFractionUnit(unit)).toBe(expected);
  });
});
