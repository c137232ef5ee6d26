import type { OptionValue } from '@mindex/runtime-options';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OptionStore } from '../../src/options/option-store.js';

const bool = (value: boolean): OptionValue => ({ type: 'bool', value });
const VALUES: [string, OptionValue][] = [
  ['bool', bool(true)],
  ['int', { type: 'int', value: 268435456 * 16 }],
  ['double', { type: 'double', value: 0.25 }],
  ['string', { type: 'string', value: 'x' }],
  [
    'quota-list',
    { type: 'quota-list', value: [{ windowSeconds: 3600, granularitySeconds: 600, limit: 10000 }] },
  ],
  ['string-list', { type: 'string-list', value: ['escalating_issues', 'custom'] }],
  ['rate-map', { type: 'rate-map', value: { 'generic.metrics': 0.5, transactions: 0 } }],
];

/** The OptionStore contract, run against every implementation. */
export function describeOptionStoreContract(
  label: string,
  open: () => Promise<{ store: OptionStore; close(): Promise<void> }>,
): void {
  describe(label, () => {
    let store: OptionStore;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ store, close } = await open());
    });
    afterEach(async () => {
      await close();
    });
    const set = (name: string, value: OptionValue | undefined, expectedVersion?: number) =>
      store.write({ name, value, expectedVersion, author: 'tester' });

    it('starts empty', async () => {
      expect(await store.currentVersion()).toBe(0);
      expect(await store.state('a')).toEqual({
        name: 'a',
        value: undefined,
        version: 0,
        updatedAt: undefined,
        updatedBy: '',
      });
      expect(await store.snapshot(['a', 'b'])).toMatchObject({
        version: 0,
        options: [{ version: 0 }, { version: 0 }],
      });
      expect(await store.changesAfter(0, 10)).toEqual([]);
    });

    it.each(VALUES)('keeps a %s value exactly', async (_type, value) => {
      await set('a', value);
      expect((await store.state('a')).value).toEqual(value);
      expect((await store.changesAfter(0, 1))[0]?.newValue).toEqual(value);
    });

    it('records each change with the previous value and version', async () => {
      const first = await set('a', bool(true));
      await set('b', bool(true));
      const third = await set('a', bool(false));
      expect(first.ok && first.change).toMatchObject({
        version: 1,
        previousVersion: 0,
        previousValue: undefined,
      });
      expect(third.ok && third.change).toMatchObject({
        version: 3,
        name: 'a',
        previousVersion: 1,
        previousValue: bool(true),
        newValue: bool(false),
        author: 'tester',
      });
      expect(third.ok && third.state).toMatchObject({
        name: 'a',
        version: 3,
        value: bool(false),
        updatedBy: 'tester',
      });
    });

    it('resets to the default with a change, and a reset of a default option records nothing', async () => {
      await set('a', bool(true));
      const reset = await set('a', undefined);
      expect(reset.ok && reset.change).toMatchObject({
        version: 2,
        previousValue: bool(true),
        newValue: undefined,
      });
      expect(await store.state('a')).toMatchObject({ value: undefined, version: 2 });
      const again = await set('a', undefined);
      expect(again.ok && again.change).toBeUndefined();
      expect(await store.currentVersion()).toBe(2);
    });

    it('refuses a stale expected version', async () => {
      await set('a', bool(true));
      expect(await set('a', bool(false), 0)).toEqual({
        ok: false,
        reason: 'version_mismatch',
        currentVersion: 1,
      });
      expect((await set('a', bool(false), 1)).ok).toBe(true);
    });

    it('snapshots the state of the named options at the newest version', async () => {
      await set('a', bool(true));
      await set('b', bool(true));
      await set('a', undefined);
      const snapshot = await store.snapshot(['a', 'b', 'c']);
      expect(snapshot.version).toBe(3);
      expect(snapshot.options.map((o) => [o.name, o.version, o.value])).toEqual([
        ['a', 3, undefined],
        ['b', 2, bool(true)],
        ['c', 0, undefined],
      ]);
    });

    it('lists changes newest first, by name and before a version, and pages changesAfter', async () => {
      for (const name of ['a', 'b', 'a', 'b', 'a']) await set(name, bool(true));
      expect((await store.listChanges({ limit: 10 })).map((c) => c.version)).toEqual([5, 4, 3, 2, 1]);
      expect((await store.listChanges({ name: 'a', limit: 10 })).map((c) => c.version)).toEqual([5, 3, 1]);
      expect((await store.listChanges({ beforeVersion: 4, limit: 2 })).map((c) => c.version)).toEqual([3, 2]);
      expect((await store.changesAfter(2, 2)).map((c) => c.version)).toEqual([3, 4]);
    });

    it('gives concurrent writers contiguous versions and loses no write', async () => {
      const names = ['a', 'b', 'c'];
      const results = await Promise.all(
        Array.from({ length: 24 }, (_, i) => set(names[i % 3]!, { type: 'int', value: i })),
      );
      expect(results.every((r) => r.ok)).toBe(true);
      const changes = await store.changesAfter(0, 100);
      expect(changes.map((c) => c.version)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
      // Per option, each change builds on the one before it: a chain with no forks.
      for (const name of names) {
        const chain = changes.filter((c) => c.name === name);
        expect(chain).toHaveLength(8);
        chain.forEach((c, i) => expect(c.previousVersion).toBe(i === 0 ? 0 : chain[i - 1]!.version));
      }
    });

    it('lets exactly one of concurrent writes expecting the same version win', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => set('a', { type: 'int', value: i }, 0)),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(
        Array(9).fill('version_mismatch'),
      );
      expect(await store.currentVersion()).toBe(1);
    });
  });
}
