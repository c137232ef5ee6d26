import { beforeEach, describe, expect, it } from 'vitest';
import type { WindowStore } from '../../src/limiters/window-store.js';

const key = { prefix: 'metrics-indexer-spans-org-1', windowSeconds: 10, granularitySeconds: 5 };

/** Behaviour every WindowStore must have; `create` returns a fresh, empty store. */
export function windowStoreContract(name: string, create: () => Promise<WindowStore>): void {
  describe(`WindowStore contract: ${name}`, () => {
    let store: WindowStore;
    beforeEach(async () => {
      store = await create();
    });

    it('adds up the granules of a range', async () => {
      await store.add([
        { ...key, granule: 1, amount: 2, expiresAtSeconds: 20 },
        { ...key, granule: 2, amount: 3, expiresAtSeconds: 25 },
        { ...key, granule: 2, amount: 4, expiresAtSeconds: 25 },
        { ...key, granule: 4, amount: 100, expiresAtSeconds: 35 },
      ]);
      expect(
        await store.sum([
          { ...key, fromGranule: 1, toGranule: 2 },
          { ...key, fromGranule: 2, toGranule: 3 },
          { ...key, fromGranule: 5, toGranule: 6 },
        ]),
      ).toEqual([9, 7, 0]);
    });

    it('keeps series of different prefixes and windows apart', async () => {
      await store.add([
        { ...key, granule: 1, amount: 1, expiresAtSeconds: 20 },
        { ...key, prefix: 'other', granule: 1, amount: 10, expiresAtSeconds: 20 },
        { ...key, windowSeconds: 20, granule: 1, amount: 100, expiresAtSeconds: 30 },
      ]);
      expect(
        await store.sum([
          { ...key, fromGranule: 0, toGranule: 1 },
          { ...key, prefix: 'other', fromGranule: 0, toGranule: 1 },
          { ...key, windowSeconds: 20, fromGranule: 0, toGranule: 1 },
        ]),
      ).toEqual([1, 10, 100]);
    });

    it('counts concurrent increments of one granule exactly', async () => {
      await Promise.all(
        Array.from({ length: 20 }, () =>
          store.add([{ ...key, granule: 7, amount: 1, expiresAtSeconds: 50 }]),
        ),
      );
      expect(await store.sum([{ ...key, fromGranule: 7, toGranule: 7 }])).toEqual([20]);
    });
  });
}
