import type { WindowStore } from './window-store.js';

/** An in-memory WindowStore (for unit tests and single-process use). Expired granules are pruned on add. */
export function createMemoryWindowStore(): WindowStore & { readonly granuleCount: number } {
  // series → granule → { count, expiresAtSeconds }
  const series = new Map<string, Map<number, { count: number; expiresAtSeconds: number }>>();
  const seriesId = (key: { prefix: string; windowSeconds: number; granularitySeconds: number }) =>
    `${key.windowSeconds}/${key.granularitySeconds}/${key.prefix}`;

  return {
    async sum(ranges) {
      return ranges.map((range) => {
        let total = 0;
        for (const [granule, cell] of series.get(seriesId(range)) ?? []) {
          if (granule >= range.fromGranule && granule <= range.toGranule) total += cell.count;
        }
        return total;
      });
    },
    async add(increments) {
      for (const increment of increments) {
        const id = seriesId(increment);
        let granules = series.get(id);
        if (granules === undefined) series.set(id, (granules = new Map()));
        for (const [granule, cell] of granules) {
          if (cell.expiresAtSeconds < increment.granule * increment.granularitySeconds)
            granules.delete(granule);
        }
        const cell = granules.get(increment.granule);
        if (cell === undefined) {
          granules.set(increment.granule, {
            count: increment.amount,
            expiresAtSeconds: increment.expiresAtSeconds,
          });
        } else {
          cell.count += increment.amount;
        }
      }
    },
    get granuleCount() {
      let count = 0;
      for (const granules of series.values()) count += granules.size;
      return count;
    },
  };
}
