import { describe, expect, it } from 'vitest';
import { extractNameFromCustomMetricMri } from './extract-name-from-custom-metric-mri.js';

describe('extractNameFromCustomMetricMri', () => {
  it.each([
    ['c:custom/page_click@none', 'page_click'],
    ['g:custom/my.gauge@byte', 'my.gauge'],
    ['d:transactions/measurements.db_calls@none', 'measurements.db_calls'],
    ['d:transactions/duration@millisecond', 'duration'],
    ['c:transactions/measurements.db_calls@none', null],
    ['d:spans/duration@millisecond', null],
    ['c:sessions/session@none', null],
    ['not an mri', null],
  ])('gives %s the alias %j', (input, expected) => {
    expect(extractNameFromCustomMetricMri(input)).toBe(expected);
  });
});
