import { UseCaseKey } from '@mindex/use-case-registry';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MappingScope, MappingStore } from '../../src/store/mapping-store.js';

const RH: MappingScope = { path: UseCaseKey.RELEASE_HEALTH, useCase: '' };
const SPANS: MappingScope = { path: UseCaseKey.PERFORMANCE, useCase: 'spans' };
const TRANSACTIONS: MappingScope = { path: UseCaseKey.PERFORMANCE, useCase: 'transactions' };
const DAY_MS = 86_400_000;

const ADDED_MS = Date.UTC(2024, 5, 1, 12);
const row = (scope: MappingScope, orgId: bigint, string: string, id: bigint, retentionDays = 90) => ({
  scope,
  orgId,
  string,
  id,
  retentionDays,
  addedMs: ADDED_MS,
});

/** Behaviour every MappingStore must have; `create` returns a fresh, empty store. */
export function mappingStoreContract(name: string, create: () => Promise<MappingStore>): void {
  describe(`MappingStore contract: ${name}`, () => {
    let store: MappingStore;
    beforeEach(async () => {
      store = await create();
    });

    it('finds inserted mappings by scope, org and string', async () => {
      await store.insert([row(SPANS, 1n, 'a', 10n), row(SPANS, 1n, 'b', 11n), row(RH, 1n, 'a', 12n)]);
      const [spans, rh, missing] = await store.find([
        { scope: SPANS, orgId: 1n, strings: ['a', 'b', 'c'] },
        { scope: RH, orgId: 1n, strings: ['a'] },
        { scope: TRANSACTIONS, orgId: 1n, strings: ['a'] },
      ]);
      expect([...spans!.entries()].map(([s, m]) => [s, m.id])).toEqual([
        ['a', 10n],
        ['b', 11n],
      ]);
      expect(rh!.get('a')?.id).toBe(12n);
      expect(missing!.size).toBe(0);
    });

    it('keeps one mapping per (scope, org, string): a second insert is a duplicate', async () => {
      const first = await store.insert([row(SPANS, 1n, 'a', 10n)]);
      const second = await store.insert([row(SPANS, 1n, 'a', 20n), row(SPANS, 1n, 'b', 21n)]);
      expect(first).toEqual({ inserted: 1, duplicates: [] });
      expect(second).toEqual({ inserted: 1, duplicates: [0] });
      const [found] = await store.find([{ scope: SPANS, orgId: 1n, strings: ['a', 'b'] }]);
      expect(found!.get('a')?.id).toBe(10n);
      expect(found!.get('b')?.id).toBe(21n);
    });

    it('refuses a second mapping with an id already taken', async () => {
      await store.insert([row(SPANS, 1n, 'a', 10n)]);
      const outcome = await store.insert([row(SPANS, 2n, 'z', 10n)]);
      expect(outcome).toEqual({ inserted: 0, duplicates: [0] });
      const [found] = await store.find([{ scope: SPANS, orgId: 2n, strings: ['z'] }]);
      expect(found!.size).toBe(0);
    });

    it('stores every other row of an insert when some keys exist, and names the ones it did not', async () => {
      await store.insert([row(SPANS, 1n, 'b', 10n), row(SPANS, 1n, 'd', 11n)]);
      const outcome = await store.insert(
        ['a', 'b', 'c', 'd', 'e'].map((string, i) => row(SPANS, 1n, string, 20n + BigInt(i))),
      );
      expect(outcome).toEqual({ inserted: 3, duplicates: [1, 3] });
      const [found] = await store.find([{ scope: SPANS, orgId: 1n, strings: ['a', 'b', 'c', 'd', 'e'] }]);
      expect([...found!.entries()].map(([s, m]) => [s, m.id]).sort()).toEqual([
        ['a', 20n],
        ['b', 10n],
        ['c', 22n],
        ['d', 11n],
        ['e', 24n],
      ]);
      expect(found!.get('a')).toMatchObject({ addedMs: ADDED_MS, lastSeenMs: ADDED_MS });
    });

    it('stores ids up to 2^63 - 1 and org ids up to 2^63 - 1 exactly', async () => {
      const max = (1n << 63n) - 1n;
      await store.insert([row(SPANS, max, 'big', max)]);
      const [found] = await store.find([{ scope: SPANS, orgId: max, strings: ['big'] }]);
      expect(found!.get('big')?.id).toBe(max);
      expect((await store.findByIds(SPANS, max, [max])).map((m) => m.string)).toEqual(['big']);
    });

    it('finds by id only within the scope and org', async () => {
      await store.insert([row(SPANS, 1n, 'a', 10n), row(SPANS, 2n, 'b', 11n), row(RH, 1n, 'c', 12n)]);
      expect((await store.findByIds(SPANS, 1n, [10n, 11n, 12n, 99n])).map((m) => [m.id, m.string])).toEqual([
        [10n, 'a'],
      ]);
      expect(await store.findByIds(TRANSACTIONS, 1n, [10n])).toEqual([]);
      expect((await store.findByIds(RH, 1n, [12n])).map((m) => m.string)).toEqual(['c']);
    });

    it('bumps last seen only of ids whose last seen is stale', async () => {
      await store.insert([row(SPANS, 1n, 'a', 10n)]);
      const [before] = await store.find([{ scope: SPANS, orgId: 1n, strings: ['a'] }]);
      const lastSeen = before!.get('a')!.lastSeenMs;
      expect(await store.touch([10n], lastSeen, lastSeen + 1000)).toBe(0);
      expect(await store.touch([10n, 99n], lastSeen + 1, lastSeen + 5000)).toBe(1);
      const [after] = await store.find([{ scope: SPANS, orgId: 1n, strings: ['a'] }]);
      expect(after!.get('a')!.lastSeenMs).toBe(lastSeen + 5000);
    });

    it('deletes mappings unused for longer than their retention', async () => {
      await store.insert([row(SPANS, 1n, 'keep', 10n, 90), row(SPANS, 1n, 'short', 11n, 1)]);
      const [found] = await store.find([{ scope: SPANS, orgId: 1n, strings: ['keep'] }]);
      const lastSeen = found!.get('keep')!.lastSeenMs;
      expect(await store.deleteExpired(lastSeen + 2 * DAY_MS)).toBe(1);
      const [left] = await store.find([{ scope: SPANS, orgId: 1n, strings: ['keep', 'short'] }]);
      expect([...left!.keys()]).toEqual(['keep']);
      expect(await store.deleteExpired(lastSeen + 91 * DAY_MS)).toBe(1);
    });
  });
}
