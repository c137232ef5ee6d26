import type { Db } from 'mongodb';
import { isDuplicateKeyError } from '../mongo/is-duplicate-key-error.js';
import { memoizeUntilSuccess } from '../mongo/memoize-until-success.js';
import type { MetricBlocking } from './metric-blocking.js';
import type { MetricBlockingStore } from './metric-blocking-store.js';

export const METRIC_BLOCKING_COLLECTION = 'project_metric_blocking';

interface BlockingDoc {
  orgId: bigint;
  projectId: bigint;
  /** Increases by one per update; updates are conditional on it (optimistic concurrency). */
  revision: number;
  metrics: { metricMri: string; isBlocked: boolean; blockedTags: string[] }[];
}

export interface MongoMetricBlockingStoreOptions {
  /** Attempts at an update that keeps losing races; default 50. */
  maxAttempts?: number;
}

/** Blocking lists, one document per (org, project), updated by compare-and-set on `revision`. */
export function createMongoMetricBlockingStore(
  db: Db,
  options: MongoMetricBlockingStoreOptions = {},
): MetricBlockingStore & { ensureIndexes(): Promise<void> } {
  const collection = db.collection<BlockingDoc>(METRIC_BLOCKING_COLLECTION);
  const maxAttempts = options.maxAttempts ?? 50;
  // The unique index keeps racing first inserts from creating two documents; created on first need.
  const ensureIndexes = memoizeUntilSuccess(async () => {
    await collection.createIndex({ orgId: 1, projectId: 1 }, { unique: true, name: 'org_project' });
  });
  const toList = (doc: BlockingDoc | null): MetricBlocking[] =>
    (doc?.metrics ?? []).map((m) => ({
      metricMri: m.metricMri,
      isBlocked: m.isBlocked,
      blockedTags: [...m.blockedTags],
    }));
  const toStored = (list: readonly MetricBlocking[]): BlockingDoc['metrics'] =>
    list.map((m) => ({ metricMri: m.metricMri, isBlocked: m.isBlocked, blockedTags: [...m.blockedTags] }));

  return {
    ensureIndexes,
    async getMany(orgId, projectIds) {
      const unique = [...new Set(projectIds)];
      const docs = await collection.find({ orgId, projectId: { $in: unique } }).toArray();
      const found = new Map(docs.map((doc) => [BigInt(doc.projectId), toList(doc)]));
      return new Map(unique.map((projectId) => [projectId, found.get(projectId) ?? []]));
    },
    async update(orgId, projectId, update) {
      await ensureIndexes();
      for (let attempt = 0; attempt < maxAttempts; attempt++) {
        const doc = await collection.findOne({ orgId, projectId });
        const { blockings, result } = update(toList(doc));
        if (doc === null) {
          try {
            await collection.insertOne({ orgId, projectId, revision: 1, metrics: toStored(blockings) });
            return { ok: true, result };
          } catch (err) {
            if (!isDuplicateKeyError(err)) throw err;
          }
        } else {
          const revision = Number(doc.revision);
          const written = await collection.updateOne(
            { orgId, projectId, revision },
            { $set: { metrics: toStored(blockings), revision: revision + 1 } },
          );
          if (written.matchedCount === 1) return { ok: true, result };
        }
        // A concurrent update won: back off a little, re-read and apply the operation again.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 * (attempt + 1))));
      }
      return { ok: false, reason: 'contention' };
    },
  };
}
