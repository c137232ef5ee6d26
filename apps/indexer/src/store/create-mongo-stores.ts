import type { Db } from 'mongodb';
import { createAdmittedSeriesCache } from '../limiters/admitted-series-cache.js';
import type { CardinalityStore } from '../limiters/cardinality-store.js';
import type { WindowStore } from '../limiters/window-store.js';
import type { IdBlockSource, MappingStore } from './mapping-store.js';
import { createMongoCardinalityStore } from './mongo-cardinality-store.js';
import { ensureIndexes } from './mongo-collections.js';
import { createMongoIdBlockSource } from './mongo-id-block-source.js';
import { createMongoMappingStore } from './mongo-mapping-store.js';
import { createMongoWindowStore } from './mongo-window-store.js';

export interface MongoStores {
  mappings: MappingStore;
  idSource: IdBlockSource;
  windows: WindowStore;
  cardinality: CardinalityStore;
  /** Creates the indexes now (idempotent); rejects while the database is unreachable. */
  ensureIndexes(): Promise<void>;
}

/**
 * The MongoDB stores of one database, for one process (`instanceId` names its id claims and counters). Writes wait until the unique indexes exist: inserting before them could
 * store a duplicate mapping, so while the database is unreachable at startup, writes fail (UNAVAILABLE) and
 * retry creating the indexes on the next call.
 */
export function createMongoStores(db: Db, instanceId: string): MongoStores {
  let ready = false;
  let inFlight: Promise<void> | undefined;
  const gate = async (): Promise<void> => {
    if (ready) return;
    inFlight ??= ensureIndexes(db)
      .then(() => {
        ready = true;
      })
      .finally(() => {
        inFlight = undefined;
      });
    await inFlight;
  };

  const mappings = createMongoMappingStore(db);
  const windows = createMongoWindowStore(db, instanceId);
  const cardinality = createMongoCardinalityStore(db);
  return {
    mappings: {
      ...mappings,
      insert: async (rows) => {
        await gate();
        return mappings.insert(rows);
      },
    },
    idSource: createMongoIdBlockSource(db, instanceId),
    windows: {
      ...windows,
      add: async (increments) => {
        await gate();
        return windows.add(increments);
      },
    },
    // Warm batches of known series are answered in process; only new or stale series reach the database.
    cardinality: createAdmittedSeriesCache({
      ...cardinality,
      record: async (records) => {
        await gate();
        return cardinality.record(records);
      },
    }),
    ensureIndexes: gate,
  };
}
