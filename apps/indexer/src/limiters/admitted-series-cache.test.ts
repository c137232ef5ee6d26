import { describe, expect, it } from 'vitest';
import { createAdmittedSeriesCache } from './admitted-series-cache.js';
import type { CardinalityCheck, CardinalityRecord, CardinalityStore } from './cardinality-store.js';
import { createMemoryCardinalityStore } from './memory-cardinality-store.js';

const scope = { useCase: 'custom' as const, orgId: 1n };

function setup(maxEntries = 100) {
  const inner = createMemoryCardinalityStore();
  const checked: CardinalityCheck[][] = [];
  const recorded: CardinalityRecord[][] = [];
  const counting: CardinalityStore = {
    check: (checks) => (checked.push([...checks]), inner.check(checks)),
    record: (records) => (recorded.push([...records]), inner.record(records)),
  };
  const cache = createAdmittedSeriesCache(counting, { maxEntries, refreshSeconds: 60 });
  const record = (hashes: string[], at: number) =>
    cache.record([{ scope, hashes, seenAtSeconds: at, expiresAtSeconds: at + 3600 }]);
  const check = (hashes: string[], since: number) => cache.check([{ scope, hashes, sinceSeconds: since }]);
  return { inner, cache, checked, recorded, record, check };
}

describe('createAdmittedSeriesCache', () => {
  it('answers series this instance recorded in the window without asking the store', async () => {
    const s = setup();
    await s.record(['a', 'b'], 1000);
    const [result] = await s.check(['a', 'b'], 500);
    expect([...result!.seen].sort()).toEqual(['a', 'b']);
    expect(s.checked).toEqual([]);
  });

  it('asks the store only about series it does not know, and merges the answers', async () => {
    const s = setup();
    await s.inner.record([{ scope, hashes: ['x'], seenAtSeconds: 900, expiresAtSeconds: 4500 }]);
    await s.record(['a'], 1000);
    const [result] = await s.check(['a', 'x', 'new'], 500);
    expect(s.checked.map((c) => c.map((x) => x.hashes))).toEqual([[['x', 'new']]]);
    expect([...result!.seen].sort()).toEqual(['a', 'x']);
    expect(result!.count).toBe(2);
  });

  it('does not trust a series recorded before the window start', async () => {
    const s = setup();
    await s.record(['a'], 100);
    const [result] = await s.check(['a'], 500);
    expect([...result!.seen]).toEqual([]);
    expect(s.checked).toHaveLength(1);
  });

  it.each([
    [1030, 0],
    [1059, 0],
    [1061, 1],
  ])('re-records a known series at %s only once it is a refresh old (%s writes)', async (at, writes) => {
    const s = setup();
    await s.record(['a'], 1000);
    s.recorded.length = 0;
    await s.record(['a'], at);
    expect(s.recorded).toHaveLength(writes);
  });

  it('forgets the oldest series beyond maxEntries, which then asks the store again', async () => {
    const s = setup(2);
    await s.record(['a'], 1000);
    await s.record(['b'], 1000);
    await s.record(['c'], 1000);
    await s.check(['a', 'b', 'c'], 500);
    expect(s.checked.map((c) => c.map((x) => x.hashes))).toEqual([[['a']]]);
  });

  it('does not remember series whose write failed', async () => {
    const s = setup();
    const failing = createAdmittedSeriesCache(
      { check: s.cache.check, record: () => Promise.reject(new Error('down')) },
      { maxEntries: 10, refreshSeconds: 60 },
    );
    await expect(
      failing.record([{ scope, hashes: ['a'], seenAtSeconds: 1000, expiresAtSeconds: 4600 }]),
    ).rejects.toThrow('down');
    await failing.check([{ scope, hashes: ['a'], sinceSeconds: 500 }]);
    expect(s.checked).toHaveLength(1);
  });
});
