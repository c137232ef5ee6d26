import { beforeEach, describe, expect, it } from 'vitest';
import type { CardinalityStore } from '../../src/limiters/cardinality-store.js';

const scope = { useCase: 'custom', orgId: 1n };

/** Behaviour every CardinalityStore must have; `create` returns a fresh, empty store. */
export function cardinalityStoreContract(name: string, create: () => Promise<CardinalityStore>): void {
  describe(`CardinalityStore contract: ${name}`, () => {
    let store: CardinalityStore;
    beforeEach(async () => {
      store = await create();
    });

    it('counts distinct series seen since a time and says which were seen', async () => {
      await store.record([{ scope, hashes: ['a', 'b'], seenAtSeconds: 100, expiresAtSeconds: 200 }]);
      await store.record([{ scope, hashes: ['b', 'c'], seenAtSeconds: 150, expiresAtSeconds: 250 }]);
      const [all, recent] = await store.check([
        { scope, hashes: ['a', 'c', 'x'], sinceSeconds: 100 },
        { scope, hashes: ['a', 'b'], sinceSeconds: 120 },
      ]);
      expect(all!.count).toBe(3);
      expect([...all!.seen].sort()).toEqual(['a', 'c']);
      expect(recent!.count).toBe(2);
      expect([...recent!.seen]).toEqual(['b']);
    });

    it('keeps organizations and use cases apart', async () => {
      await store.record([{ scope, hashes: ['a'], seenAtSeconds: 100, expiresAtSeconds: 200 }]);
      const [otherOrg, otherUseCase] = await store.check([
        { scope: { ...scope, orgId: 2n }, hashes: ['a'], sinceSeconds: 0 },
        { scope: { ...scope, useCase: 'spans' }, hashes: ['a'], sinceSeconds: 0 },
      ]);
      expect(otherOrg).toEqual({ count: 0, seen: new Set() });
      expect(otherUseCase).toEqual({ count: 0, seen: new Set() });
    });

    it('never moves a series back in time', async () => {
      await store.record([{ scope, hashes: ['a'], seenAtSeconds: 300, expiresAtSeconds: 400 }]);
      await store.record([{ scope, hashes: ['a'], seenAtSeconds: 100, expiresAtSeconds: 200 }]);
      // 'x' is new: the count only has to be exact when some series is (see CardinalityCheckResult).
      const [result] = await store.check([{ scope, hashes: ['a', 'x'], sinceSeconds: 250 }]);
      expect(result!.count).toBe(1);
      expect([...result!.seen]).toEqual(['a']);
    });
  });
}
