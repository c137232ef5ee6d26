import { MongoBulkWriteError, type AnyBulkWriteOperation, type Collection, type Document } from 'mongodb';

const DUPLICATE_KEY = 11000;

/** Thrown when upserts keep colliding with concurrent writers past the retry budget. */
export class UpsertContentionError extends Error {
  readonly reason = 'upsert_contention';
  constructor(collection: string, cause: unknown) {
    super(`upserts into ${collection} kept failing with duplicate keys`, { cause });
    this.name = 'UpsertContentionError';
  }
}

/**
 * Runs idempotent upserts, retrying those that lost an insert race (11000: another writer inserted the
 * same key first; the retry then updates it). FerretDB stops an unordered batch at its first error, so
 * the retry resends every operation from the first failed one; being idempotent, resending is harmless.
 */
export async function bulkWriteRetrying<T extends Document>(
  collection: Collection<T>,
  operations: readonly AnyBulkWriteOperation<T>[],
  attempts = 5,
): Promise<void> {
  let pending = [...operations];
  for (let attempt = 1; pending.length > 0; attempt++) {
    try {
      await collection.bulkWrite(pending, { ordered: false });
      return;
    } catch (err) {
      const failed = duplicateKeyIndexes(err);
      if (failed === undefined) throw err;
      if (attempt >= attempts) throw new UpsertContentionError(collection.collectionName, err);
      pending = pending.slice(Math.min(...failed));
    }
  }
}

// The indexes of the failed operations when every failure is a duplicate key, else undefined.
function duplicateKeyIndexes(err: unknown): number[] | undefined {
  if (!(err instanceof MongoBulkWriteError)) return undefined;
  const writeErrors = Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors];
  if (writeErrors.length === 0 || writeErrors.some((w) => w.code !== DUPLICATE_KEY)) return undefined;
  return writeErrors.map((w) => w.index);
}
