/** Largest value of a signed 64-bit integer: the bound for org and project ids (2^63 - 1). */
export const MAX_INT64 = 2n ** 63n - 1n;

/** Largest value of an unsigned 64-bit integer: indexer ids, static ids included (2^64 - 1). */
export const MAX_UINT64 = 2n ** 64n - 1n;

/**
 * MongoDB stores Int64 only, but indexer ids are uint64 and static (shared) ids are 2^63 + offset.
 * Ids are stored as the Int64 with the same 64 bits, which keeps them unique and exact; code that
 * orders ids must convert them back first (`fromStoredId`).
 */
export function toStoredId(id: bigint): bigint {
  return BigInt.asIntN(64, id);
}

/** The uint64 id whose bits a stored Int64 holds. */
export function fromStoredId(stored: bigint): bigint {
  return BigInt.asUintN(64, stored);
}

/** Ascending order of bigints, for Array.prototype.sort. */
export function compareBigInt(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
