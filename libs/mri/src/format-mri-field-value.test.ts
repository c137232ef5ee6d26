import { describe, expect, it } from 'vitest';
import { formatMriFieldValue } from './format-mri-field-value.js';

describe('formatMriFieldValue', () => {
  it.each([
    ['avg(d:transactions/duration@second)', '60', '1 minute'],
    ['avg(c:transactions/duration@second)', '60', '1 minute'],
    ['p95(d:transactions/duration@millisecond)', '1500', '1.5 seconds'],
    ['max(d:spans/duration@millisecond)', '7200000', '2 hours'],
    ['sum(c:custom/bytes@byte)', '1500', '1.5 KB'],
    ['last(g:custom/mem@kibibyte)', '4096', '4 MiB'],
    ['avg(d:custom/score@ratio)', '0.5', '50%'],
    ['sum(c:custom/page_click@none)', '12', '12'],
    ['sum(c:custom/spend@usd)', '3.456', '3.46 usd'],
    ['count(d:transactions/duration@millisecond)', '60', '60'],
    ['count_unique(s:sessions/user@none)', '7', '7'],
    ['avg(d:transactions/duration@second)', ' 6e1 ', '1 minute'],
    ['avg(d:transactions/duration@second)', '6_0', '1 minute'],
  ])('formats %s = %j as %j', (field, value, expected) => {
    expect(formatMriFieldValue(field, value)).toBe(expected);
  });

  it.each([
    ['c:custom/x@none', '60', 'not a field'],
    ['p100(d:custom/x@second)', '60', 'p100 is not an OP_REGEX op'],
    ['avg(foo)', '60', 'no MRI inside'],
    ['avg(d:custom/x@second)', 'abc', 'not a number'],
    ['avg(d:custom/x@second)', '', 'empty'],
    ['avg(d:custom/x@second)', 'inf', 'not finite'],
    ['avg(d:custom/x@second)', '1e400', 'overflows'],
  ])('returns the value unchanged for %s = %j (%s)', (field, value) => {
    expect(formatMriFieldValue(field, value)).toBe(value);
  });
});
