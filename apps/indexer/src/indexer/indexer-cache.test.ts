import { describe, expect, it } from 'vitest';
import { createIndexerCache, type IndexerCacheSettings } from './indexer-cache.js';

function setup(settings: Partial<IndexerCacheSettings> = {}, random = () => 0) {
  let now = 1_000_000;
  const current: IndexerCacheSettings = {
    ttlSeconds: 7200,
    maxEntries: 1000,
    maxBytes: 1 << 20,
    ...settings,
  };
  const cache = createIndexerCache({ now: () => now, random, settings: () => current });
  return { cache, advance: (seconds: number) => (now += seconds * 1000), settings: current };
}

describe('createIndexerCache', () => {
  it('returns cached ids and misses for anything else', () => {
    const { cache } = setup();
    cache.set('spans', 1n, 'a', 10n);
    expect(cache.get('spans', 1n, 'a')).toBe(10n);
    expect(cache.get('spans', 1n, 'b')).toBeUndefined();
    expect(cache.get('spans', 2n, 'a')).toBeUndefined();
    expect(cache.org('spans', 2n)).toBeUndefined();
  });

  it('keeps use cases apart ("sessions:3:what" and "transactions:3:what" are distinct)', () => {
    const { cache } = setup();
    cache.set('sessions', 3n, 'what', 1n);
    cache.set('transactions', 3n, 'what', 2n);
    expect([cache.get('sessions', 3n, 'what'), cache.get('transactions', 3n, 'what')]).toEqual([1n, 2n]);
  });

  it.each([
    [0, 7200],
    [0.999999, 8999],
  ])('expires an entry after T plus jitter (random %s lives %s s)', (random, lifetime) => {
    const { cache, advance } = setup({}, () => random);
    cache.set('spans', 1n, 'a', 10n);
    advance(lifetime - 1);
    expect(cache.get('spans', 1n, 'a')).toBe(10n);
    advance(1);
    expect(cache.get('spans', 1n, 'a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps every TTL within [7200, 9000] seconds', () => {
    for (const random of [0, 0.25, 0.5, 0.75, 0.9999]) {
      const { cache, advance } = setup({}, () => random);
      cache.set('spans', 1n, 'a', 10n);
      advance(7199);
      expect(cache.get('spans', 1n, 'a')).toBe(10n);
      advance(9000 - 7199);
      expect(cache.get('spans', 1n, 'a')).toBeUndefined();
    }
  });

  it('refreshes the id and expiry of an existing entry', () => {
    const { cache, advance } = setup({ ttlSeconds: 100 });
    cache.set('spans', 1n, 'a', 10n);
    advance(90);
    cache.set('spans', 1n, 'a', 11n);
    advance(90);
    expect(cache.get('spans', 1n, 'a')).toBe(11n);
    expect(cache.size).toBe(1);
  });

  it('evicts to stay within max entries, sparing recently hit entries (CLOCK)', () => {
    const { cache } = setup({ maxEntries: 3 });
    cache.set('spans', 1n, 'a', 1n);
    cache.set('spans', 1n, 'b', 2n);
    cache.set('spans', 1n, 'c', 3n);
    expect(cache.get('spans', 1n, 'a')).toBe(1n);
    cache.set('spans', 1n, 'd', 4n);
    expect(cache.size).toBe(3);
    expect(cache.get('spans', 1n, 'a')).toBe(1n);
    expect(cache.get('spans', 1n, 'b')).toBeUndefined();
    expect(cache.get('spans', 1n, 'd')).toBe(4n);
  });

  it('evicts to stay within max bytes', () => {
    const { cache } = setup({ maxBytes: 1000 });
    for (let i = 0; i < 50; i++) cache.set('spans', 1n, `string-${i}`, BigInt(i + 1));
    expect(cache.estimatedBytes).toBeLessThanOrEqual(1000);
    expect(cache.size).toBeGreaterThan(0);
    expect(cache.get('spans', 1n, 'string-49')).toBe(50n);
  });

  it('applies a lowered max entries on the next write', () => {
    const { cache, settings } = setup({ maxEntries: 10 });
    for (let i = 0; i < 10; i++) cache.set('spans', 1n, `s${i}`, BigInt(i + 1));
    Object.assign(settings, { maxEntries: 2 });
    cache.set('spans', 1n, 'new', 99n);
    expect(cache.size).toBe(2);
    expect(cache.get('spans', 1n, 'new')).toBe(99n);
  });

  it('is disabled (and emptied) by max entries 0', () => {
    const { cache, settings } = setup();
    cache.set('spans', 1n, 'a', 1n);
    Object.assign(settings, { maxEntries: 0 });
    cache.set('spans', 1n, 'b', 2n);
    expect(cache.size).toBe(0);
    expect(cache.get('spans', 1n, 'a')).toBeUndefined();
  });

  it('never caches ids outside the stored range (static ids, 0)', () => {
    const { cache } = setup();
    cache.set('spans', 1n, 'release', 9223372036854776016n);
    cache.set('spans', 1n, 'zero', 0n);
    expect(cache.size).toBe(0);
  });

  it('caches ids up to 2^63 - 1 exactly', () => {
    const { cache } = setup();
    cache.set('spans', (1n << 63n) - 1n, 'max', (1n << 63n) - 1n);
    expect(cache.get('spans', (1n << 63n) - 1n, 'max')).toBe((1n << 63n) - 1n);
  });

  it('reuses slots of expired entries and drops empty org buckets', () => {
    const { cache, advance } = setup({ ttlSeconds: 10, maxEntries: 2 });
    cache.set('spans', 1n, 'a', 1n);
    cache.set('spans', 2n, 'b', 2n);
    advance(20);
    expect(cache.get('spans', 1n, 'a')).toBeUndefined();
    expect(cache.org('spans', 1n)).toBeUndefined();
    expect(cache.size).toBe(1);
    cache.set('spans', 3n, 'c', 3n);
    expect(cache.size).toBe(2);
    expect(cache.get('spans', 3n, 'c')).toBe(3n);
    cache.set('spans', 4n, 'd', 4n);
    expect(cache.size).toBe(2);
    expect(cache.get('spans', 4n, 'd')).toBe(4n);
  });

  it('getNumber gives cached ids below 2^53 as numbers, and -1 otherwise', () => {
    const { cache, advance } = setup({ ttlSeconds: 10 });
    const ids = [1n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 32n + 5n, 2n ** 53n - 1n, 2n ** 53n, (1n << 63n) - 1n];
    ids.forEach((id, i) => cache.set('spans', 1n, `s${i}`, id));
    const org = cache.org('spans', 1n)!;
    const now = cache.nowSeconds();
    expect(ids.map((_, i) => org.getNumber(`s${i}`, now))).toEqual([
      1,
      2 ** 32 - 1,
      2 ** 32,
      2 ** 32 + 5,
      2 ** 53 - 1,
      -1,
      -1,
    ]);
    expect(org.getNumber('missing', now)).toBe(-1);
    advance(20);
    expect(org.getNumber('s0', cache.nowSeconds())).toBe(-1);
    // An expired entry is released by `get`, as before.
    expect(cache.get('spans', 1n, 's0')).toBeUndefined();
  });

  it('getNumber reads ids after the slot arrays grow', () => {
    const { cache } = setup({ maxEntries: 5000 });
    for (let i = 0; i < 3000; i++) cache.set('spans', 1n, `s${i}`, BigInt(2 ** 40 + i));
    const org = cache.org('spans', 1n)!;
    const now = cache.nowSeconds();
    expect([org.getNumber('s0', now), org.getNumber('s2999', now)]).toEqual([2 ** 40, 2 ** 40 + 2999]);
  });

  it('getNumber counts as a hit for eviction (CLOCK)', () => {
    const { cache } = setup({ maxEntries: 3 });
    cache.set('spans', 1n, 'a', 1n);
    cache.set('spans', 1n, 'b', 2n);
    cache.set('spans', 1n, 'c', 3n);
    expect(cache.org('spans', 1n)!.getNumber('a', cache.nowSeconds())).toBe(1);
    cache.set('spans', 1n, 'd', 4n);
    expect([cache.get('spans', 1n, 'a'), cache.get('spans', 1n, 'b')]).toEqual([1n, undefined]);
  });
});
