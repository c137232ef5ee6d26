import type { Collection, Db, Filter } from 'mongodb';
import { duplicateKeyFailures } from './duplicate-key.js';
import type { MappingQuery, MappingScope, MappingStore, StoredMapping } from './mapping-store.js';
import { COLLECTIONS } from './mongo-collections.js';

/** One mapping document. `_id` is the id (Int64, below 2^63). */
export interface MappingDocument {
  _id: bigint;
  path: string;
  useCase: string;
  orgId: bigint;
  string: string;
  dateAdded: Date;
  lastSeen: Date;
  retentionDays: number;
}

const DAY_MS = 86_400_000;
const PROJECTION = { _id: 1, path: 1, useCase: 1, orgId: 1, string: 1, dateAdded: 1, lastSeen: 1 } as const;

/** The MongoDB mapping store. The client must be created with `useBigInt64: true`. */
export function createMongoMappingStore(db: Db): MappingStore {
  const mappings: Collection<MappingDocument> = db.collection(COLLECTIONS.mappings);

  const stored = (
    doc: Pick<MappingDocument, '_id' | 'string' | 'dateAdded' | 'lastSeen'>,
  ): StoredMapping => ({
    id: BigInt(doc._id),
    string: doc.string,
    lastSeenMs: doc.lastSeen.getTime(),
    addedMs: doc.dateAdded.getTime(),
  });

  return {
    async find(queries: readonly MappingQuery[]) {
      const results = queries.map(() => new Map<string, StoredMapping>());
      const filters: Filter<MappingDocument>[] = [];
      const wanted = queries.map((query) => new Set(query.strings));
      // Route documents back to their queries by scope and org (a call has few groups).
      const routes: { query: number; scope: MappingScope; orgId: bigint }[] = [];
      queries.forEach((query, q) => {
        if (query.strings.length === 0) return;
        filters.push({
          path: query.scope.path,
          useCase: query.scope.useCase,
          orgId: query.orgId,
          string: { $in: [...wanted[q]!] },
        });
        routes.push({ query: q, scope: query.scope, orgId: query.orgId });
      });
      if (filters.length === 0) return results;
      const filter = filters.length === 1 ? filters[0]! : { $or: filters };
      const docs = await mappings.find(filter, { projection: PROJECTION }).toArray();
      for (const doc of docs) {
        const orgId = BigInt(doc.orgId);
        for (const route of routes) {
          if (route.orgId !== orgId || route.scope.path !== doc.path || route.scope.useCase !== doc.useCase)
            continue;
          if (wanted[route.query]!.has(doc.string)) results[route.query]!.set(doc.string, stored(doc));
        }
      }
      return results;
    },

    async insert(rows) {
      if (rows.length === 0) return { inserted: 0, duplicates: [] };
      const docs: MappingDocument[] = rows.map((row) => ({
        _id: row.id,
        path: row.scope.path,
        useCase: row.scope.useCase,
        orgId: row.orgId,
        string: row.string,
        dateAdded: new Date(row.addedMs),
        lastSeen: new Date(row.addedMs),
        retentionDays: row.retentionDays,
      }));
      try {
        const result = await mappings.insertMany(docs, { ordered: false });
        return { inserted: result.insertedCount, duplicates: [] };
      } catch (error) {
        // Existing keys and lost races are expected: an unordered insert still stores every other row, and
        // the caller reads back what is stored.
        const failures = duplicateKeyFailures(error);
        if (failures === undefined) throw error;
        const duplicates = failures.map((failure) => failure.index).sort((a, b) => a - b);
        return { inserted: rows.length - duplicates.length, duplicates };
      }
    },

    async findByIds(scope, orgId, ids) {
      if (ids.length === 0) return [];
      const docs = await mappings
        .find(
          { _id: { $in: [...new Set(ids)] }, orgId, path: scope.path, useCase: scope.useCase },
          { projection: PROJECTION },
        )
        .toArray();
      return docs.map(stored);
    },

    async touch(ids, staleBeforeMs, nowMs) {
      if (ids.length === 0) return 0;
      const result = await mappings.updateMany(
        { _id: { $in: [...new Set(ids)] }, lastSeen: { $lt: new Date(staleBeforeMs) } },
        { $set: { lastSeen: new Date(nowMs) } },
      );
      return result.modifiedCount;
    },

    async deleteExpired(nowMs) {
      let deleted = 0;
      const retentions = await mappings.distinct('retentionDays');
      for (const retentionDays of retentions) {
        if (typeof retentionDays !== 'number') continue;
        const result = await mappings.deleteMany({
          retentionDays,
          lastSeen: { $lt: new Date(nowMs - retentionDays * DAY_MS) },
        });
        deleted += result.deletedCount;
      }
      return deleted;
    },
  };
}
