import { MongoBulkWriteError, MongoServerError } from 'mongodb';

export const DUPLICATE_KEY = 11000;

/** The write errors of a bulk write that failed only on duplicate keys, or undefined when anything else failed. */
export function duplicateKeyFailures(error: unknown): { index: number }[] | undefined {
  if (error instanceof MongoBulkWriteError) {
    const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
    if (writeErrors.length === 0 || error.writeConcernError !== undefined) return undefined;
    if (!writeErrors.every((e) => e.code === DUPLICATE_KEY)) return undefined;
    return writeErrors.map((e) => ({ index: e.index }));
  }
  return undefined;
}

export function isDuplicateKeyError(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === DUPLICATE_KEY;
}
