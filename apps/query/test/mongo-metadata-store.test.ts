import { describe, expect, it } from 'vitest';
import { createMongoMetadataStore, METRIC_DAYS_COLLECTION } from '../src/store/mongo-metadata-store.js';
import { describeMetadataStoreContract } from './support/metadata-store-contract.js';
import { openTestDatabase } from './support/test-database.js';

describeMetadataStoreContract('MongoDB', async () => {
  const database = await openTestDatabase();
  const store = createMongoMetadataStore(database.db);
  await store.ensureIndexes();
  return { store, teardown: () => database.drop() };
});

describe('MongoDB metadata store', () => {
  it('keeps one document per metric day under concurrent writers', async () => {
    const database = await openTestDatabase();
    try {
      const store = createMongoMetadataStore(database.db);
      await store.ensureIndexes();
      const day = new Date(20_000 * 86_400_000);
      const writes = Array.from({ length: 8 }, (_, i) =>
        store.record({
          metricDays: [
            {
              orgId: 1n,
              projectId: 1n,
              useCase: 'custom',
              type: 'c',
              metricId: 5n,
              day,
              tagKeyIds: [BigInt(i + 1)],
              expiresAt: new Date(day.getTime() + (i + 1) * 86_400_000),
            },
          ],
          tagValueDays: [],
        }),
      );
      await Promise.all(writes);
      const docs = await database.db.collection(METRIC_DAYS_COLLECTION).find({}).toArray();
      expect(docs).toHaveLength(1);
      expect([...(docs[0]?.['tagKeyIds'] as bigint[])].sort()).toEqual([1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n]);
      expect(docs[0]?.['expiresAt']).toEqual(new Date(day.getTime() + 8 * 86_400_000));
    } finally {
      await database.drop();
    }
  });
});

// One bulk write of more than 100 upserts over existing rows wedged FerretDB while they were updateOnes
// (docs/ferretdb.md, item 8). The socket timeout turns a wedge into a failure instead of a hang.
describe('MongoDB metadata store, 150 existing day rows in one batch', () => {
  it('records the batch again and lists every metric and tag value', async () => {
    const database = await openTestDatabase(undefined, { socketTimeoutMS: 10_000 });
    try {
      const store = createMongoMetadataStore(database.db);
      await store.ensureIndexes();
      const day = new Date(20_000 * 86_400_000);
      const expiresAt = new Date(day.getTime() + 90 * 86_400_000);
      const key = { orgId: 1n, projectId: 1n, useCase: 'custom', day, expiresAt };
      const metricIds = Array.from({ length: 150 }, (_, i) => BigInt(i + 1));
      const batch = (value: string) => ({
        metricDays: metricIds.map((metricId) => ({ ...key, type: 'c' as const, metricId, tagKeyIds: [7n] })),
        tagValueDays: metricIds.map((metricId) => ({
          ...key,
          metricId,
          tagKeyId: 7n,
          rawValues: [value],
          valueIds: [],
        })),
      });
      await store.record(batch('a'));
      await store.record(batch('b'));

      const query = { orgId: 1n, projectIds: [1n], useCase: 'custom', start: day, end: expiresAt, now: day };
      const metrics = await store.listMetrics(query);
      expect(metrics.map((m) => m.metricId).sort((a, b) => Number(a - b))).toEqual(metricIds);
      const values = await store.listTagValues({ ...query, metricId: 150n, tagKeyId: 7n });
      expect([...values.rawValues].sort()).toEqual(['a', 'b']);
    } finally {
      await database.drop();
    }
  });
});
