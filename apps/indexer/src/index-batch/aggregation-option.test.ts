import { describe, expect, it } from 'vitest';
import { getAggregationOption } from './aggregation-option.js';

describe('getAggregationOption (spec §7.7, reference)', () => {
  it.each([
    ['d:transactions/measurements.fcp@millisecond', 'transactions', false, 'hist'],
    ['d:transactions/measurements.lcp@millisecond', 'transactions', true, 'hist'],
    ['c:custom/count@none', 'custom', true, 'ten_second'],
    ['c:custom/count@none', 'custom', false, undefined],
    ['c:spans/count@none', 'spans', true, undefined],
    ['d:transactions/duration@millisecond', 'transactions', false, undefined],
  ])('%s (%s, 10s granularity %s) → %s', (mri, useCase, tenSecond, expected) => {
    expect(getAggregationOption(mri, useCase, tenSecond)).toBe(expected);
  });
});
