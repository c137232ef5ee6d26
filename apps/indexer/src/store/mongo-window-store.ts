import type { AnyBulkWriteOperation, Collection, Db, Filter } from 'mongodb';
import type { WindowIncrement, WindowStore } from '../limiters/window-store.js';
import { duplicateKeyFailures } from './duplicate-key.js';
import { COLLECTIONS } from './mongo-collections.js';

interface WindowDocument {
  prefix: string;
  windowSeconds: number;
  granularitySeconds: number;
  granule: number;
  count: number;
  expiresAt: Date;
}

const UPSERT_ATTEMPTS = 5;

/**
 * Sliding-window counters in MongoDB, one document per granule, so every indexer instance shares one budget.
 * Increments are `$inc` upserts; an upsert that loses the insert race (duplicate key) is retried and then
 * finds the document.
 */
export function createMongoWindowStore(db: Db): WindowStore {
  const windows: Collection<WindowDocument> = db.collection(COLLECTIONS.writesWindows);
  return {
    async sum(ranges) {
      const filters: Filter<WindowDocument>[] = ranges.map((range) => ({
        prefix: range.prefix,
        windowSeconds: range.windowSeconds,
        granularitySeconds: range.granularitySeconds,
        granule: { $gte: range.fromGranule, $lte: range.toGranule },
      }));
      const sums = ranges.map(() => 0);
      if (filters.length === 0) return sums;
      const docs = await windows
        .find(filters.length === 1 ? filters[0]! : { $or: filters }, {
          projection: { _id: 0, prefix: 1, windowSeconds: 1, granularitySeconds: 1, granule: 1, count: 1 },
        })
        .toArray();
      for (const doc of docs) {
        ranges.forEach((range, i) => {
          if (
            doc.prefix === range.prefix &&
            doc.windowSeconds === range.windowSeconds &&
            doc.granularitySeconds === range.granularitySeconds &&
            doc.granule >= range.fromGranule &&
            doc.granule <= range.toGranule
          ) {
            sums[i]! += Number(doc.count);
          }
        });
      }
      return sums;
    },

    async add(increments) {
      let pending: readonly WindowIncrement[] = increments;
      for (let attempt = 1; pending.length > 0; attempt++) {
        const operations: AnyBulkWriteOperation<WindowDocument>[] = pending.map((inc) => ({
          updateOne: {
            filter: {
              prefix: inc.prefix,
              windowSeconds: inc.windowSeconds,
              granularitySeconds: inc.granularitySeconds,
              granule: inc.granule,
            },
            update: {
              $inc: { count: inc.amount },
              $setOnInsert: { expiresAt: new Date(inc.expiresAtSeconds * 1000) },
            },
            upsert: true,
          },
        }));
        try {
          await windows.bulkWrite(operations, { ordered: false });
          return;
        } catch (error) {
          const failures = duplicateKeyFailures(error);
          if (failures === undefined || attempt >= UPSERT_ATTEMPTS) throw error;
          const current = pending;
          pending = failures.map((f) => current[f.index]!);
        }
      }
    },
  };
}

/** Deletes window granules and cardinality series past their expiry; returns how many. */
export async function sweepExpiredWindows(db: Db, nowMs: number): Promise<number> {
  const before = { expiresAt: { $lt: new Date(nowMs) } };
  const windows = await db.collection(COLLECTIONS.writesWindows).deleteMany(before);
  const series = await db.collection(COLLECTIONS.cardinalitySeries).deleteMany(before);
  return windows.deletedCount + series.deletedCount;
}
