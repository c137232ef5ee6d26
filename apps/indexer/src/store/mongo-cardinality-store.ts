import type { AnyBulkWriteOperation, Collection, Db } from 'mongodb';
import type { CardinalityRecord, CardinalityStore } from '../limiters/cardinality-store.js';
import { duplicateKeyFailures } from './duplicate-key.js';
import { COLLECTIONS } from './mongo-collections.js';

interface SeriesDocument {
  useCase: string;
  orgId: bigint;
  hash: string;
  /** Seconds since the epoch of the last time the series was admitted. */
  lastSeen: number;
  expiresAt: Date;
}

const UPSERT_ATTEMPTS = 5;

/**
 * The cardinality limiter's windows in MongoDB: one document per (use case, org, series) with the last time
 * it was admitted. The distinct series of a window are those last seen since its start, which is what
 * Sentry's per-granule Redis sets add up to.
 */
export function createMongoCardinalityStore(db: Db): CardinalityStore {
  const series: Collection<SeriesDocument> = db.collection(COLLECTIONS.cardinalitySeries);
  return {
    async check(checks) {
      return Promise.all(
        checks.map(async ({ scope, hashes, sinceSeconds }) => {
          const inWindow = { useCase: scope.useCase, orgId: scope.orgId, lastSeen: { $gte: sinceSeconds } };
          const [count, seenDocs] = await Promise.all([
            series.countDocuments(inWindow),
            series
              .find({ ...inWindow, hash: { $in: [...hashes] } }, { projection: { _id: 0, hash: 1 } })
              .toArray(),
          ]);
          return { count, seen: new Set(seenDocs.map((doc) => doc.hash)) };
        }),
      );
    },

    async record(records) {
      let pending: { record: CardinalityRecord; hash: string }[] = records.flatMap((record) =>
        record.hashes.map((hash) => ({ record, hash })),
      );
      for (let attempt = 1; pending.length > 0; attempt++) {
        // updateMany on the unique key: updateOne wedges FerretDB (docs/ferretdb.md, item 8).
        const operations: AnyBulkWriteOperation<SeriesDocument>[] = pending.map(({ record, hash }) => ({
          updateMany: {
            filter: { useCase: record.scope.useCase, orgId: record.scope.orgId, hash },
            update: {
              $max: { lastSeen: record.seenAtSeconds, expiresAt: new Date(record.expiresAtSeconds * 1000) },
            },
            upsert: true,
          },
        }));
        try {
          await series.bulkWrite(operations, { ordered: false });
          return;
        } catch (error) {
          // A lost insert race: another writer inserted the series first, so the retry updates it. FerretDB
          // stops an unordered bulk write at its first error, so everything from there is sent again ($max
          // upserts are idempotent).
          const failures = duplicateKeyFailures(error);
          if (failures === undefined || attempt >= UPSERT_ATTEMPTS) throw error;
          pending = pending.slice(Math.min(...failures.map((f) => f.index)));
        }
      }
    },
  };
}
