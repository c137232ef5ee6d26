import { describe, expect, it } from 'vitest';
import { isCustomMeasurement, isCustomMetric, isMeasurement } from './mri-classification.js';
import { parseMri } from './parse-mri.js';

function mri(s: string) {
  const parsed = parseMri(s);
  if (parsed === null) throw new Error(`test MRI ${s} does not parse`);
  return parsed;
}

// [MRI, custom metric, measurement, custom measurement]
describe('MRI classification (spec §2.5)', () => {
  it.each([
    ['c:custom/page_click@none', true, false, false],
    ['c:transactions/measurements.db_calls@none', false, true, true],
    ['d:transactions/measurements.stall_longest_time@millisecond', false, true, false],
    ['d:transactions/measurements.fcp@millisecond', false, true, false],
    ['d:transactions/measurements.fcp@second', false, true, true],
    ['d:transactions/duration@millisecond', false, false, false],
    ['d:spans/measurements.x@none', false, false, false],
    ['d:transactions/measurements@none', false, false, false],
    ['d:custom/measurements.x@none', true, false, false],
  ])(
    '%s: custom %s, measurement %s, custom measurement %s',
    (input, custom, measurement, customMeasurement) => {
      const parsed = mri(input);
      expect([isCustomMetric(parsed), isMeasurement(parsed), isCustomMeasurement(parsed)]).toEqual([
        custom,
        measurement,
        customMeasurement,
      ]);
    },
  );
});
