import type { Db } from 'mongodb';
import { isDuplicateKeyError } from '../mongo/is-duplicate-key-error.js';
import { memoizeUntilSuccess } from '../mongo/memoize-until-success.js';
import type { MetricBlocking } from './metric-blocking.js';
import type { MetricBlockingStore } from './metric-blocking-store.js';

export const METRIC_BLOCKING_COLLECTION = 'project_metric_blocking';

/** One revision of a project's blocking list; the newest revision is the current list. */
interface RevisionDoc {
  orgId: bigint;
  projectId: bigint;
  revision: number;
  metrics: { metricMri: string; isBlocked: boolean; blockedTags: string[] }[];
  createdAt: Date;
}

export interface MongoMetricBlockingStoreOptions {
  /** Attempts at an update that keeps losing races; default 50. */
  maxAttempts?: number;
  /** Revisions older than this (and not the newest) are deleted after a write; default 10 minutes. */
  keepRevisionsMs?: number;
  now?: () => Date;
}

/**
 * Blocking lists as append-only revisions per (org, project). An update reads the newest revision r and inserts
 * r + 1; the unique index on (org, project, revision) makes a concurrent update fail with 11000, and it re-reads
 * and applies its operation again. (FerretDB's conditional updateOne is not atomic, so a compare-and-set on a
 * revision field would lose updates; inserts under a unique index are.) Old revisions are pruned once they are
 * far older than any write can take between its read and its insert.
 */
export function createMongoMetricBlockingStore(
  db: Db,
  options: MongoMetricBlockingStoreOptions = {},
): MetricBlockingStore & { ensureIndexes(): Promise<void> } {
  const collection = db.collection<RevisionDoc>(METRIC_BLOCKING_COLLECTION);
  const maxAttempts = options.maxAttempts ?? 50;
  const keepMs = options.keepRevisionsMs ?? 10 * 60_000;
  const now = options.now ?? (() => new Date());
  const ensureIndexes = memoizeUntilSuccess(async () => {
    await collection.createIndex(
      { orgId: 1, projectId: 1, revision: -1 },
      { unique: true, name: 'org_project_revision' },
    );
  });
  const toList = (doc: RevisionDoc | null | undefined): MetricBlocking[] =>
    (doc?.metrics ?? []).map((m) => ({
      metricMri: m.metricMri,
      isBlocked: m.isBlocked,
      blockedTags: [...m.blockedTags],
    }));
  const toStored = (list: readonly MetricBlocking[]): RevisionDoc['metrics'] =>
    list.map((m) => ({ metricMri: m.metricMri, isBlocked: m.isBlocked, blockedTags: [...m.blockedTags] }));
  const newest = (orgId: bigint, projectId: bigint) =>
    collection.findOne({ orgId, projectId }, { sort: { revision: -1 } });

  return {
    ensureIndexes,
    async getMany(orgId, projectIds) {
      const unique = [...new Set(projectIds)];
      const docs = await collection
        .find({ orgId, projectId: { $in: unique } })
        .sort({ projectId: 1, revision: -1 })
        .toArray();
      const found = new Map<bigint, MetricBlocking[]>();
      for (const doc of docs) {
        const projectId = BigInt(doc.projectId);
        if (!found.has(projectId)) found.set(projectId, toList(doc));
      }
      return new Map(unique.map((projectId) => [projectId, found.get(projectId) ?? []]));
    },
    async update(orgId, projectId, update) {
      await ensureIndexes();
      for (let attempt = 0; attempt < maxAttempts; attempt++) {
        const doc = await newest(orgId, projectId);
        const { blockings, result } = update(toList(doc));
        const revision = (doc === null ? 0 : Number(doc.revision)) + 1;
        const createdAt = now();
        try {
          await collection.insertOne({ orgId, projectId, revision, metrics: toStored(blockings), createdAt });
        } catch (err) {
          if (!isDuplicateKeyError(err)) throw err;
          // A concurrent update took this revision: back off a little, re-read and apply the operation again.
          await new Promise((resolve) =>
            setTimeout(resolve, Math.random() * Math.min(50, 2 * (attempt + 1))),
          );
          continue;
        }
        await collection.deleteMany({
          orgId,
          projectId,
          revision: { $lt: revision },
          createdAt: { $lt: new Date(createdAt.getTime() - keepMs) },
        });
        return { ok: true, result };
      }
      return { ok: false, reason: 'contention' };
    },
  };
}
