import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmittedSeriesCache } from '../src/limiters/admitted-series-cache.js';
import { createMongoStores } from '../src/store/create-mongo-stores.js';
import { createMongoCardinalityStore } from '../src/store/mongo-cardinality-store.js';
import { ID_BLOCK_SIZE, createMongoIdBlockSource } from '../src/store/mongo-id-block-source.js';
import { cardinalityStoreContract } from './contracts/cardinality-store-contract.js';
import { mappingStoreContract } from './contracts/mapping-store-contract.js';
import { stringIndexerContract } from './contracts/string-indexer-contract.js';
import { windowStoreContract } from './contracts/window-store-contract.js';
import { createHarness, createTestClock } from './support/indexer-harness.js';
import { connectTestMongo, type TestMongo } from './support/mongo.js';

let mongo: TestMongo;
beforeAll(async () => {
  mongo = await connectTestMongo();
});
afterAll(async () => {
  await mongo.close();
});

let instances = 0;
const freshStores = async () => {
  const stores = createMongoStores(mongo.freshDb(), `test-${++instances}`);
  await stores.ensureIndexes();
  return stores;
};

mappingStoreContract('MongoDB (FerretDB)', async () => (await freshStores()).mappings);
windowStoreContract('MongoDB (FerretDB)', async () => (await freshStores()).windows);
cardinalityStoreContract('MongoDB (FerretDB)', async () => (await freshStores()).cardinality);
cardinalityStoreContract('MongoDB (FerretDB), uncached', async () => {
  const db = mongo.freshDb();
  await createMongoStores(db, `test-${++instances}`).ensureIndexes();
  return createMongoCardinalityStore(db);
});

describe('MongoDB cardinality store shared by cached instances', () => {
  it('a series one instance admitted is seen by another, and a new one is counted', async () => {
    const db = mongo.freshDb();
    await createMongoStores(db, 'cached-a').ensureIndexes();
    const [a, b] = [
      createAdmittedSeriesCache(createMongoCardinalityStore(db)),
      createMongoStores(db, 'cached-b'),
    ];
    const scope = { useCase: 'custom', orgId: 7n };
    await a.record([{ scope, hashes: ['s1', 's2'], seenAtSeconds: 1000, expiresAtSeconds: 4600 }]);
    const [result] = await b.cardinality.check([{ scope, hashes: ['s1', 'new'], sinceSeconds: 500 }]);
    expect([[...result!.seen], result!.count]).toEqual([['s1'], 2]);
  });
});

describe('MongoDB cardinality store under concurrent writers', () => {
  it('records every series when writers race to insert the same new ones', async () => {
    const db = mongo.freshDb();
    await createMongoStores(db, 'race').ensureIndexes();
    const scope = { useCase: 'custom', orgId: 11n };
    const shared = Array.from({ length: 60 }, (_, i) => `shared-${i}`);
    // Each writer's own series come after the shared ones, so a lost insert race on a shared series is followed
    // by series nobody else writes.
    const writers = Array.from({ length: 4 }, (_, w) => ({
      store: createMongoCardinalityStore(db),
      hashes: [...shared, ...Array.from({ length: 20 }, (_, i) => `own-${w}-${i}`)],
    }));
    await Promise.all(
      writers.map(({ store, hashes }) =>
        store.record([{ scope, hashes, seenAtSeconds: 1000, expiresAtSeconds: 4600 }]),
      ),
    );
    const all = [...new Set(writers.flatMap((w) => w.hashes))];
    const [result] = await createMongoCardinalityStore(db).check([{ scope, hashes: all, sinceSeconds: 500 }]);
    expect([result!.count, result!.seen.size]).toEqual([all.length, all.length]);
  });
});

stringIndexerContract('MongoDB (FerretDB)', async (options) =>
  createHarness(await freshStores(), options, createTestClock()),
);

describe('MongoDB id blocks', () => {
  it('hands out disjoint blocks to concurrent claimants, starting at 1', async () => {
    const db = mongo.freshDb();
    const sources = Array.from({ length: 4 }, (_, i) => createMongoIdBlockSource(db, `claimant-${i}`));
    const claims = await Promise.all(
      Array.from({ length: 24 }, (_, i) => sources[i % sources.length]!.claim(i % 3 === 0 ? 2500 : 10)),
    );
    const firsts = claims.flat().map((range) => range.first);
    expect(claims.every((ranges) => ranges.every((r) => r.count === ID_BLOCK_SIZE))).toBe(true);
    expect(claims.map((ranges) => ranges.length)).toEqual(
      Array.from({ length: 24 }, (_, i) => (i % 3 === 0 ? 3 : 1)),
    );
    // Blocks are aligned, so distinct starts mean disjoint ranges.
    expect(new Set(firsts).size).toBe(firsts.length);
    expect(firsts.every((first) => (first - 1n) % BigInt(ID_BLOCK_SIZE) === 0n)).toBe(true);
    expect(firsts.some((first) => first === 1n)).toBe(true);
  });
});

describe('MongoDB window store across instances', () => {
  it('counts concurrent increments from several instances exactly', async () => {
    const db = mongo.freshDb();
    const stores = Array.from({ length: 3 }, (_, i) => createMongoStores(db, `instance-${i}`));
    await stores[0]!.ensureIndexes();
    const key = { prefix: 'p', windowSeconds: 10, granularitySeconds: 10, granule: 5, expiresAtSeconds: 100 };
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => stores[i % 3]!.windows.add([{ ...key, amount: 1 }])),
    );
    const [sum] = await stores[1]!.windows.sum([{ ...key, fromGranule: 5, toGranule: 5 }]);
    expect(sum).toBe(30);
  });
});

// One bulk write of more than 100 upserts over existing documents wedged FerretDB while they were updateOnes
// (docs/ferretdb.md, item 8). The socket timeout turns a wedge into a failure instead of a hang.
describe('MongoDB bulk upserts over 150 existing documents in one call', () => {
  const COUNT = 150;
  let timed: TestMongo;
  const freshDb = () => timed.freshDb();
  beforeAll(async () => {
    timed = await connectTestMongo({ socketTimeoutMS: 10_000 });
  });
  afterAll(async () => {
    await timed.close();
  });

  it('the window store adds to 150 existing counters', async () => {
    const stores = createMongoStores(freshDb(), 'bulk');
    await stores.ensureIndexes();
    const key = { windowSeconds: 10, granularitySeconds: 10 };
    const increments = Array.from({ length: COUNT }, (_, i) => ({
      ...key,
      prefix: `p${i}`,
      granule: 5,
      amount: i + 1,
      expiresAtSeconds: 100,
    }));
    await stores.windows.add(increments);
    await stores.windows.add(increments);
    const sums = await stores.windows.sum(
      increments.map(({ prefix }) => ({ ...key, prefix, fromGranule: 5, toGranule: 5 })),
    );
    expect(sums).toEqual(increments.map((inc) => 2 * inc.amount));
  });

  it('the cardinality store refreshes 150 known series', async () => {
    const db = freshDb();
    await createMongoStores(db, 'bulk').ensureIndexes();
    // Uncached: the instance cache would skip series it has already recorded.
    const store = createMongoCardinalityStore(db);
    const scope = { useCase: 'custom', orgId: 9n };
    const hashes = Array.from({ length: COUNT }, (_, i) => `series-${i}`);
    await store.record([{ scope, hashes, seenAtSeconds: 1000, expiresAtSeconds: 4600 }]);
    await store.record([{ scope, hashes, seenAtSeconds: 2000, expiresAtSeconds: 5600 }]);
    const [refreshed] = await store.check([{ scope, hashes: [...hashes, 'unseen'], sinceSeconds: 1500 }]);
    expect([refreshed!.count, [...refreshed!.seen].sort()]).toEqual([COUNT, [...hashes].sort()]);
  });
});
