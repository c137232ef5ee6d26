import type { IdBlockSource, IdRange } from '../store/mapping-store.js';

/** Hands out fresh ids from blocks claimed in the database, so most inserts need no extra round trip. */
export interface IdAllocator {
  allocate(count: number): Promise<bigint[]>;
}

/**
 * Ids come from per-process blocks claimed in the database (one round trip per block of ids), so there is
 * no per-insert hot spot. Ids left in a block when the process stops are never used (gaps are harmless).
 * Concurrent callers share one claim in flight.
 */
export function createIdAllocator(source: IdBlockSource): IdAllocator {
  const ranges: IdRange[] = [];
  let next = 0n;
  let end = 0n;
  let claiming: Promise<void> | undefined;

  const claim = (need: number): Promise<void> => {
    claiming ??= source
      .claim(need)
      .then((claimed) => {
        ranges.push(...claimed);
      })
      .finally(() => {
        claiming = undefined;
      });
    return claiming;
  };

  return {
    async allocate(count) {
      const ids: bigint[] = [];
      for (;;) {
        while (ids.length < count) {
          if (next < end) {
            ids.push(next++);
            continue;
          }
          const range = ranges.shift();
          if (range === undefined) break;
          next = range.first;
          end = range.first + BigInt(range.count);
        }
        if (ids.length === count) return ids;
        await claim(count - ids.length);
      }
    },
  };
}
