import { describe, expect, it } from 'vitest';
import { timeseriesHash } from './timeseries-hash.js';

describe('timeseriesHash', () => {
  it("matches Sentry's hash_values([name, tags]) for a one-tag series (spec §5.2)", () => {
    expect(timeseriesHash('c:custom/foo@none', { environment: 'prod' })).toBe(
      'ed51ea6f7b76b98104496859ef767bbf',
    );
  });

  it('does not depend on the order tags were written in', () => {
    expect(timeseriesHash('c:custom/foo@none', { a: '1', b: '2' })).toBe(
      timeseriesHash('c:custom/foo@none', { b: '2', a: '1' }),
    );
  });

  it.each([
    [{ a: '1' }, { a: '2' }],
    [{ a: '1' }, { b: '1' }],
    [{ ab: '' }, { a: 'b' }],
  ])('tells %j and %j apart', (left, right) => {
    expect(timeseriesHash('c:custom/foo@none', left)).not.toBe(timeseriesHash('c:custom/foo@none', right));
  });
});
