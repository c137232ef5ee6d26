import { setTimeout as sleep } from 'node:timers/promises';
import type { Db, IndexDescription } from 'mongodb';

/** The collections of the indexer's database. */
export const COLLECTIONS = {
  mappings: 'string_mappings',
  idBlocks: 'id_blocks',
  writesWindows: 'writes_limiter_windows',
  cardinalitySeries: 'cardinality_series',
} as const;

/**
 * The indexes the stores rely on. Uniqueness of mappings is these indexes' job: (path, use case, org, string)
 * and the id (`_id`). Only plain and compound indexes are used, which both MongoDB and FerretDB have (no TTL
 * or partial indexes: expiry is a sweep).
 */
const INDEXES: Readonly<Record<string, readonly IndexDescription[]>> = {
  [COLLECTIONS.mappings]: [
    { key: { path: 1, useCase: 1, orgId: 1, string: 1 }, name: 'unique_scope_org_string', unique: true },
    { key: { lastSeen: 1 }, name: 'last_seen' },
  ],
  [COLLECTIONS.writesWindows]: [
    {
      key: { prefix: 1, windowSeconds: 1, granularitySeconds: 1, granule: 1, writer: 1 },
      name: 'unique_window_granule_writer',
      unique: true,
    },
    { key: { expiresAt: 1 }, name: 'expires_at' },
  ],
  [COLLECTIONS.cardinalitySeries]: [
    { key: { useCase: 1, orgId: 1, hash: 1 }, name: 'unique_scope_hash', unique: true },
    { key: { useCase: 1, orgId: 1, lastSeen: 1 }, name: 'scope_last_seen' },
    { key: { expiresAt: 1 }, name: 'expires_at' },
  ],
};

const ATTEMPTS = 5;

/**
 * Creates the indexes that are missing (idempotent). Existing ones are listed first and left alone, and a
 * failed attempt is retried after a random pause: FerretDB drops connections when several processes create
 * the same indexes at once, which is exactly what a fleet starting together does.
 */
export async function ensureIndexes(db: Db, random: () => number = Math.random): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      for (const [collection, indexes] of Object.entries(INDEXES)) {
        const existing = new Set(
          (
            await db
              .collection(collection)
              .listIndexes()
              .toArray()
              .catch(() => [])
          ).map((i) => String(i['name'])),
        );
        const missing = indexes.filter((index) => !existing.has(index.name!));
        if (missing.length > 0) await db.collection(collection).createIndexes([...missing]);
      }
      return;
    } catch (error) {
      if (attempt >= ATTEMPTS) throw error;
      await sleep(50 + random() * 250 * attempt);
    }
  }
}
