import type { Db } from 'mongodb';

/** The collections of the indexer's database and their indexes. */
export const COLLECTIONS = {
  mappings: 'string_mappings',
  counters: 'counters',
  writesWindows: 'writes_limiter_windows',
  cardinalitySeries: 'cardinality_series',
} as const;

/**
 * Creates every index the stores rely on (idempotent). Uniqueness of mappings is these indexes' job:
 * (path, use case, org, string) and the id (`_id`). Only plain and compound indexes are used, which both
 * MongoDB and FerretDB have (no TTL or partial indexes: expiry is a sweep).
 */
export async function ensureIndexes(db: Db): Promise<void> {
  await db.collection(COLLECTIONS.mappings).createIndexes([
    { key: { path: 1, useCase: 1, orgId: 1, string: 1 }, name: 'unique_scope_org_string', unique: true },
    { key: { lastSeen: 1 }, name: 'last_seen' },
  ]);
  await db.collection(COLLECTIONS.writesWindows).createIndexes([
    {
      key: { prefix: 1, windowSeconds: 1, granularitySeconds: 1, granule: 1 },
      name: 'unique_window_granule',
      unique: true,
    },
    { key: { expiresAt: 1 }, name: 'expires_at' },
  ]);
  await db.collection(COLLECTIONS.cardinalitySeries).createIndexes([
    { key: { useCase: 1, orgId: 1, hash: 1 }, name: 'unique_scope_hash', unique: true },
    { key: { useCase: 1, orgId: 1, lastSeen: 1 }, name: 'scope_last_seen' },
    { key: { expiresAt: 1 }, name: 'expires_at' },
  ]);
}
