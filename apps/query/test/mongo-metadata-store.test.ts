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
