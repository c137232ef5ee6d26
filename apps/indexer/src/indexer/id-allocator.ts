import type { IdBlockSource } from '../store/mapping-store.js';

/** Hands out fresh ids from blocks reserved in the database, so most inserts need no extra round trip. */
export interface IdAllocator {
  allocate(count: number): Promise<bigint[]>;
}

export interface IdAllocatorOptions {
  source: IdBlockSource;
  /** Ids reserved per round trip; a larger request reserves what it needs at once. */
  blockSize: number;
}

/**
 * Ids come from per-process blocks: one atomic `$inc` on a counter reserves `blockSize` ids, so there is no
 * per-insert hot spot. Ids left in a block when the process stops are never used (gaps are harmless).
 */
export function createIdAllocator(options: IdAllocatorOptions): IdAllocator {
  let next = 0n;
  let end = 0n;
  let refill: Promise<void> | undefined;

  const startRefill = (need: number): Promise<void> => {
    const size = Math.max(options.blockSize, need);
    refill ??= options.source
      .reserve(size)
      .then((first) => {
        next = first;
        end = first + BigInt(size);
      })
      .finally(() => {
        refill = undefined;
      });
    return refill;
  };

  return {
    async allocate(count) {
      const ids: bigint[] = [];
      for (;;) {
        while (next < end && ids.length < count) ids.push(next++);
        if (ids.length === count) return ids;
        await startRefill(count - ids.length);
      }
    },
  };
}
