import { describe, expect, it } from 'vitest';
import { createCachingIndexer } from './caching-indexer.js';
import { FetchType } from './fetch-type.js';
import { createIndexerCache } from './indexer-cache.js';
import type { KeyGroup, StringIndexer, StringOutcome } from './string-indexer.js';

function setup(replenishSkipRate = 0, random = 0.5) {
  const cache = createIndexerCache({
    now: () => 0,
    random: () => 0,
    settings: () => ({ ttlSeconds: 7200, maxEntries: 100, maxBytes: 1 << 20 }),
  });
  const inward: string[][] = [];
  const inner: StringIndexer = {
    async bulkRecord(groups: readonly KeyGroup[]) {
      inward.push(groups.flatMap((g) => g.strings));
      return groups.map((g) =>
        g.strings.map((s): StringOutcome =>
          s.startsWith('limited')
            ? { id: undefined, fetchType: FetchType.RATE_LIMITED, globalQuota: true }
            : { id: BigInt(s.length), fetchType: FetchType.DB_READ, globalQuota: false },
        ),
      );
    },
    async bulkResolve(groups) {
      inward.push(groups.flatMap((g) => g.strings));
      return groups.map((g) =>
        g.strings.map((s) =>
          s === 'unknown' ? undefined : { id: 7n, fetchType: FetchType.DB_READ, globalQuota: false },
        ),
      );
    },
    reverseResolve: async () => undefined,
    bulkReverseResolve: async () => new Map(),
  };
  const indexer = createCachingIndexer(cache, inner, {
    replenishSkipRate: () => replenishSkipRate,
    random: () => random,
  });
  return { cache, indexer, inward };
}

describe('createCachingIndexer', () => {
  it('caches inner ids and answers them as CACHE_HIT next time', async () => {
    const { indexer, inward } = setup();
    const group = { useCase: 'spans', orgId: 1n, strings: ['abc', 'de'] };
    expect((await indexer.bulkRecord([group])).flat().map((o) => o.fetchType)).toEqual(['d', 'd']);
    expect(await indexer.bulkRecord([group])).toEqual([
      [
        { id: 3n, fetchType: 'c', globalQuota: false },
        { id: 2n, fetchType: 'c', globalQuota: false },
      ],
    ]);
    expect(inward).toEqual([['abc', 'de']]);
  });

  it('never caches rate-limited strings', async () => {
    const { indexer, cache } = setup();
    const result = await indexer.bulkRecord([{ useCase: 'spans', orgId: 1n, strings: ['limited-1'] }]);
    expect(result).toEqual([[{ id: undefined, fetchType: 'r', globalQuota: true }]]);
    expect(cache.size).toBe(0);
  });

  it('replenishes the cache from resolve, but not misses', async () => {
    const { indexer, cache } = setup();
    await indexer.bulkResolve([{ useCase: 'spans', orgId: 1n, strings: ['known', 'unknown'] }]);
    expect(cache.get('spans', 1n, 'known')).toBe(7n);
    expect(cache.size).toBe(1);
  });

  it('skips the replenish for the configured share of resolves', async () => {
    const { indexer, cache } = setup(0.6, 0.5);
    await indexer.bulkResolve([{ useCase: 'spans', orgId: 1n, strings: ['known'] }]);
    expect(cache.size).toBe(0);
  });

  it('shares entries between record and resolve', async () => {
    const { indexer, inward } = setup();
    await indexer.bulkRecord([{ useCase: 'spans', orgId: 1n, strings: ['abc'] }]);
    expect(await indexer.bulkResolve([{ useCase: 'spans', orgId: 1n, strings: ['abc'] }])).toEqual([
      [{ id: 3n, fetchType: 'c', globalQuota: false }],
    ]);
    expect(inward).toHaveLength(1);
  });
});
