import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timeseriesHash } from '../limiters/timeseries-hash.js';
import { createTimeseriesHashCache } from './timeseries-hash-cache.js';

const series = fc.record({
  name: fc.string({ maxLength: 30 }),
  tags: fc.uniqueArray(fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })), {
    selector: ([key]) => key,
    maxLength: 6,
  }),
});

describe('createTimeseriesHashCache', () => {
  it('answers timeseriesHash for every series, cached or not, even when series collide', () => {
    // Two slots: series keep replacing each other.
    const cache = createTimeseriesHashCache(2);
    fc.assert(
      fc.property(fc.array(series, { minLength: 1, maxLength: 8 }), (batch) => {
        for (const { name, tags } of [...batch, ...batch]) {
          expect(cache.hash(name, tags)).toBe(timeseriesHash(name, Object.fromEntries(tags)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('answers the same hash whatever order the tags come in', () => {
    const cache = createTimeseriesHashCache();
    const tags: [string, string][] = [
      ['environment', 'prod'],
      ['release', '1.0'],
    ];
    const first = cache.hash('c:custom/foo@none', tags);
    expect(cache.hash('c:custom/foo@none', [...tags].reverse())).toBe(first);
    expect(first).toBe(timeseriesHash('c:custom/foo@none', { release: '1.0', environment: 'prod' }));
  });

  it.each([
    [[['a', 'b']], [['ab', '']]],
    [[['a', '1']], [['a', '2']]],
    [[], [['', '']]],
  ] as [string, string][][][])('tells %j and %j apart', (left, right) => {
    const cache = createTimeseriesHashCache();
    const name = 'c:custom/foo@none';
    expect(cache.hash(name, left)).toBe(timeseriesHash(name, Object.fromEntries(left)));
    expect(cache.hash(name, right)).toBe(timeseriesHash(name, Object.fromEntries(right)));
    expect(cache.hash(name, left)).not.toBe(cache.hash(name, right));
  });
});
