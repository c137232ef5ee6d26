import type { AnyBulkWriteOperation, Db, Document, Filter } from 'mongodb';
import { fromStoredId, toStoredId } from '../ids/uint64.js';
import { isMetricType, type MetadataBatch, type MetricType } from '../metadata/metadata-batch.js';
import { bulkWriteRetrying } from './bulk-write-retrying.js';
import {
  TAG_VALUES_PER_KEY_DAY,
  type MetadataStore,
  type MetaQuery,
  type MetricRow,
  type TagKeyRow,
} from './metadata-store.js';

export const METRIC_DAYS_COLLECTION = 'metric_days';
export const TAG_VALUE_DAYS_COLLECTION = 'tag_value_days';

/** One metric of one project on one day; ids hold uint64 bits as Int64 (`toStoredId`). */
interface MetricDayDoc extends Document {
  orgId: bigint;
  projectId: bigint;
  useCase: string;
  type: string;
  metricId: bigint;
  day: Date;
  tagKeyIds?: bigint[];
  expiresAt: Date;
}

/** The values of one tag key of one metric of one project on one day. */
interface TagValueDayDoc extends Document {
  orgId: bigint;
  projectId: bigint;
  useCase: string;
  metricId: bigint;
  tagKeyId: bigint;
  day: Date;
  values?: string[];
  valueIds?: bigint[];
  expiresAt: Date;
}

export interface MongoMetadataStore extends MetadataStore {
  /** Creates the unique and query indexes; safe to call on every start. */
  ensureIndexes(): Promise<void>;
}

/**
 * The metadata store on MongoDB or FerretDB (client created with `useBigInt64: true`). Uniqueness of
 * each day row is the unique index's job; writes are upserts with `$addToSet` and `$max`, so recording
 * the same buckets twice changes nothing.
 */
export function createMongoMetadataStore(db: Db): MongoMetadataStore {
  // FerretDB applies concurrent updates of one document as read-modify-write, losing `$addToSet`
  // elements, so this process writes one batch at a time. Several query processes sharing one FerretDB
  // can still lose tag keys or values; MongoDB updates are atomic and need no such care.
  let writes: Promise<unknown> = Promise.resolve();
  const metricDays = db.collection<MetricDayDoc>(METRIC_DAYS_COLLECTION);
  const tagValueDays = db.collection<TagValueDayDoc>(TAG_VALUE_DAYS_COLLECTION);

  const baseFilter = (q: MetaQuery) => ({
    orgId: toStoredId(q.orgId),
    useCase: q.useCase,
    projectId: { $in: q.projectIds.map(toStoredId) },
    day: { $gte: q.start, $lt: q.end },
    expiresAt: { $gt: q.now },
  });

  // Every update below is an updateMany on a unique key (it matches at most one row): a bulk write of updateOnes
  // wedges FerretDB (docs/ferretdb.md, item 8).
  async function recordBatch(batch: MetadataBatch): Promise<void> {
    const metricOps: AnyBulkWriteOperation<MetricDayDoc>[] = batch.metricDays.map((d) => {
      const update: Document = { $max: { expiresAt: d.expiresAt } };
      if (d.tagKeyIds.length > 0) update['$addToSet'] = { tagKeyIds: { $each: d.tagKeyIds.map(toStoredId) } };
      return {
        updateMany: {
          filter: {
            orgId: toStoredId(d.orgId),
            useCase: d.useCase,
            projectId: toStoredId(d.projectId),
            metricId: toStoredId(d.metricId),
            type: d.type,
            day: d.day,
          },
          update,
          upsert: true,
        },
      };
    });
    const tagKeyFilters = batch.tagValueDays.map((d) => ({
      orgId: toStoredId(d.orgId),
      useCase: d.useCase,
      projectId: toStoredId(d.projectId),
      metricId: toStoredId(d.metricId),
      tagKeyId: toStoredId(d.tagKeyId),
      day: d.day,
    }));
    // Two steps for tag values: make sure each day row exists (an upsert, racing only with other
    // writers), then add values only to rows below the cap. A capped upsert would instead try to insert
    // a duplicate whenever a row is full.
    const ensureOps: AnyBulkWriteOperation<TagValueDayDoc>[] = batch.tagValueDays.map((d, i) => ({
      updateMany: { filter: tagKeyFilters[i]!, update: { $max: { expiresAt: d.expiresAt } }, upsert: true },
    }));
    await Promise.all([bulkWriteRetrying(metricDays, metricOps), bulkWriteRetrying(tagValueDays, ensureOps)]);

    const lastSlot = TAG_VALUES_PER_KEY_DAY - 1;
    const addOps: AnyBulkWriteOperation<TagValueDayDoc>[] = [];
    batch.tagValueDays.forEach((d, i) => {
      const filter = tagKeyFilters[i]!;
      if (d.rawValues.length > 0) {
        addOps.push({
          updateMany: {
            filter: { ...filter, [`values.${lastSlot}`]: { $exists: false } },
            update: { $addToSet: { values: { $each: d.rawValues.slice(0, TAG_VALUES_PER_KEY_DAY) } } },
          },
        });
      }
      if (d.valueIds.length > 0) {
        addOps.push({
          updateMany: {
            filter: { ...filter, [`valueIds.${lastSlot}`]: { $exists: false } },
            update: {
              $addToSet: { valueIds: { $each: d.valueIds.slice(0, TAG_VALUES_PER_KEY_DAY).map(toStoredId) } },
            },
          },
        });
      }
    });
    if (addOps.length > 0) await tagValueDays.bulkWrite(addOps, { ordered: false });
  }

  return {
    async ensureIndexes() {
      await metricDays.createIndex(
        { orgId: 1, useCase: 1, projectId: 1, metricId: 1, type: 1, day: 1 },
        { unique: true, name: 'metric_day_key' },
      );
      await metricDays.createIndex({ expiresAt: 1 }, { name: 'expires_at' });
      await tagValueDays.createIndex(
        { orgId: 1, useCase: 1, projectId: 1, metricId: 1, tagKeyId: 1, day: 1 },
        { unique: true, name: 'tag_value_day_key' },
      );
      await tagValueDays.createIndex({ expiresAt: 1 }, { name: 'expires_at' });
    },

    record(batch: MetadataBatch) {
      const run = writes.then(() => recordBatch(batch));
      writes = run.catch(() => undefined);
      return run;
    },

    async listMetrics(query) {
      if (query.projectIds.length === 0) return [];
      const groups = await metricDays
        .aggregate<{ _id: { type: string; projectId: bigint; metricId: bigint } }>([
          { $match: baseFilter(query) },
          { $group: { _id: { type: '$type', projectId: '$projectId', metricId: '$metricId' } } },
        ])
        .toArray();
      const rows: MetricRow[] = [];
      for (const { _id: g } of groups) {
        if (!isMetricType(g.type)) continue;
        rows.push({ type: g.type, projectId: fromStoredId(g.projectId), metricId: fromStoredId(g.metricId) });
      }
      return rows;
    },

    async listTagKeys(query) {
      if (query.projectIds.length === 0) return [];
      // FerretDB's $unwind loses the other fields, so the union is taken here.
      const filter: Filter<MetricDayDoc> = { ...baseFilter(query), metricId: toStoredId(query.metricId) };
      const docs = await metricDays
        .find(filter, { projection: { _id: 0, type: 1, projectId: 1, tagKeyIds: 1 } })
        .toArray();
      const seen = new Map<MetricType, Map<bigint, Set<bigint>>>();
      const rows: TagKeyRow[] = [];
      for (const doc of docs) {
        if (!isMetricType(doc.type)) continue;
        const projectId = fromStoredId(doc.projectId);
        let byProject = seen.get(doc.type);
        if (byProject === undefined) seen.set(doc.type, (byProject = new Map()));
        let keys = byProject.get(projectId);
        if (keys === undefined) byProject.set(projectId, (keys = new Set()));
        for (const stored of doc.tagKeyIds ?? []) {
          const tagKeyId = fromStoredId(stored);
          if (keys.has(tagKeyId)) continue;
          keys.add(tagKeyId);
          rows.push({ type: doc.type, projectId, tagKeyId });
        }
      }
      return rows;
    },

    async listTagValues(query) {
      if (query.projectIds.length === 0) return { rawValues: [], valueIds: [] };
      const filter: Filter<TagValueDayDoc> = {
        ...baseFilter(query),
        metricId: toStoredId(query.metricId),
        tagKeyId: toStoredId(query.tagKeyId),
      };
      const docs = await tagValueDays
        .find(filter, { projection: { _id: 0, values: 1, valueIds: 1 } })
        .toArray();
      const rawValues = new Set<string>();
      const valueIds = new Set<bigint>();
      for (const doc of docs) {
        for (const v of doc.values ?? []) rawValues.add(v);
        for (const v of doc.valueIds ?? []) valueIds.add(fromStoredId(v));
      }
      return { rawValues: [...rawValues], valueIds: [...valueIds] };
    },

    async deleteExpired(now) {
      const [a, b] = await Promise.all([
        metricDays.deleteMany({ expiresAt: { $lte: now } }),
        tagValueDays.deleteMany({ expiresAt: { $lte: now } }),
      ]);
      return a.deletedCount + b.deletedCount;
    },
  };
}
