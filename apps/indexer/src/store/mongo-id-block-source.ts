import type { Collection, Db } from 'mongodb';
import { isDuplicateKeyError } from './duplicate-key.js';
import type { IdBlockSource } from './mapping-store.js';
import { COLLECTIONS } from './mongo-collections.js';

interface CounterDocument {
  _id: string;
  value: bigint;
}

export const MAPPING_ID_COUNTER = 'string-mapping-ids';
const MAX_ID = (1n << 63n) - 1n;
const UPSERT_ATTEMPTS = 5;

/** Thrown when the id counter would pass 2^63 - 1 (stored ids must stay below the static ids). */
export class IdSpaceExhaustedError extends Error {
  readonly reason = 'id_space_exhausted';
  constructor() {
    super('the mapping id counter reached 2^63 - 1');
    this.name = 'IdSpaceExhaustedError';
  }
}

/**
 * Reserves id blocks with one atomic `$inc` on a counter document: MongoDB applies single-document updates
 * atomically, so concurrent reservers (any process) get disjoint ranges. The counter holds the last id
 * handed out; the first reservation upserts it (a lost upsert race is retried).
 */
export function createMongoIdBlockSource(db: Db): IdBlockSource {
  const counters: Collection<CounterDocument> = db.collection(COLLECTIONS.counters);
  return {
    async reserve(count) {
      for (let attempt = 1; ; attempt++) {
        try {
          const doc = await counters.findOneAndUpdate(
            { _id: MAPPING_ID_COUNTER },
            { $inc: { value: BigInt(count) } },
            { upsert: true, returnDocument: 'after' },
          );
          const last = BigInt(doc!.value);
          if (last > MAX_ID) throw new IdSpaceExhaustedError();
          return last - BigInt(count) + 1n;
        } catch (error) {
          if (!isDuplicateKeyError(error) || attempt >= UPSERT_ATTEMPTS) throw error;
        }
      }
    },
  };
}
