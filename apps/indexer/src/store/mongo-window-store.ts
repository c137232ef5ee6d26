import type { AnyBulkWriteOperation, Collection, Db, Filter } from 'mongodb';
import type { WindowIncrement, WindowStore } from '../limiters/window-store.js';
import { COLLECTIONS } from './mongo-collections.js';

interface WindowDocument {
  prefix: string;
  windowSeconds: number;
  granularitySeconds: number;
  granule: number;
  /** The store instance (process) that owns this document's count. */
  writer: string;
  count: number;
  expiresAt: Date;
}

/**
 * Sliding-window counters in MongoDB, shared by every indexer instance: one document per (series, granule,
 * writer). Each instance only increments its own documents, one bulk write at a time, and a sum adds up every
 * writer's. So no two writers ever update one document concurrently, which keeps counts exact on FerretDB too
 * (its updates are read-modify-write and can lose concurrent `$inc`s); documents per granule = instances.
 */
export function createMongoWindowStore(db: Db, writer: string): WindowStore {
  const windows: Collection<WindowDocument> = db.collection(COLLECTIONS.writesWindows);
  let queue: Promise<void> = Promise.resolve();

  const write = async (increments: readonly WindowIncrement[]): Promise<void> => {
    // updateMany on the unique key: updateOne wedges FerretDB (docs/ferretdb.md, item 8).
    const operations: AnyBulkWriteOperation<WindowDocument>[] = increments.map((inc) => ({
      updateMany: {
        filter: {
          prefix: inc.prefix,
          windowSeconds: inc.windowSeconds,
          granularitySeconds: inc.granularitySeconds,
          granule: inc.granule,
          writer,
        },
        update: {
          $inc: { count: inc.amount },
          $setOnInsert: { expiresAt: new Date(inc.expiresAtSeconds * 1000) },
        },
        upsert: true,
      },
    }));
    await windows.bulkWrite(operations, { ordered: true });
  };

  return {
    async sum(ranges) {
      const sums = ranges.map(() => 0);
      if (ranges.length === 0) return sums;
      const filters: Filter<WindowDocument>[] = ranges.map((range) => ({
        prefix: range.prefix,
        windowSeconds: range.windowSeconds,
        granularitySeconds: range.granularitySeconds,
        granule: { $gte: range.fromGranule, $lte: range.toGranule },
      }));
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

    add(increments) {
      // One write at a time per writer: its documents are never updated concurrently.
      const next = queue.then(() => write(increments));
      queue = next.catch(() => undefined);
      return next;
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
