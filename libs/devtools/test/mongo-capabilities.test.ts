import { Long, MongoBulkWriteError, MongoClient, MongoServerError, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What the indexer relies on from its database, checked against the test server (FerretDB unless
// MONGODB_URI names another): unique keys under concurrency, upserts, unordered bulk inserts, int64 ids.
const uri = process.env['MONGODB_URI'] ?? '';
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  client = new MongoClient(uri, { useBigInt64: true });
  await client.connect();
  db = client.db(`devtools_caps_${process.pid}_${Date.now()}`);
});

afterAll(async () => {
  await db.dropDatabase();
  await client.close();
});

describe('MongoDB capabilities the indexer relies on', () => {
  it('has a server URI from the global setup', () => {
    expect(uri).toMatch(/^mongodb:\/\//);
  });

  it('rejects the second of two concurrent inserts of the same unique compound key with code 11000', async () => {
    const strings = db.collection('unique_concurrent');
    await strings.createIndex({ org_id: 1, string: 1 }, { unique: true });

    const outcomes = await Promise.allSettled([
      strings.insertOne({ org_id: 1, string: 'c:transactions/count_per_root_project@none', id: 7n }),
      strings.insertOne({ org_id: 1, string: 'c:transactions/count_per_root_project@none', id: 8n }),
    ]);

    const rejected = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toBeInstanceOf(MongoServerError);
    expect((rejected[0]?.reason as MongoServerError).code).toBe(11000);
    expect(await strings.countDocuments({ org_id: 1 })).toBe(1);
  });

  it('allows the same string under another org with a unique compound index', async () => {
    const strings = db.collection('unique_other_org');
    await strings.createIndex({ org_id: 1, string: 1 }, { unique: true });

    await strings.insertOne({ org_id: 1, string: 'release' });
    await strings.insertOne({ org_id: 2, string: 'release' });

    expect(await strings.countDocuments({ string: 'release' })).toBe(2);
  });

  it('upserts with $setOnInsert and keeps the first value on a second upsert', async () => {
    const counters = db.collection<{ _id: string; value: bigint }>('upserts');

    const first = await counters.findOneAndUpdate(
      { _id: 'org:1' },
      { $setOnInsert: { value: 100n } },
      { upsert: true, returnDocument: 'after' },
    );
    const second = await counters.findOneAndUpdate(
      { _id: 'org:1' },
      { $setOnInsert: { value: 200n } },
      { upsert: true, returnDocument: 'after' },
    );

    expect(first).toEqual({ _id: 'org:1', value: 100n });
    expect(second).toEqual({ _id: 'org:1', value: 100n });
    expect(await counters.countDocuments()).toBe(1);
  });

  it('increments a counter with $inc in an upsert, one call after another', async () => {
    // Sequential only: FerretDB 1.24 loses concurrent $inc updates, so ids must not come from a shared counter.
    const sequences = db.collection<{ _id: string; next: number }>('sequences');

    const values: (number | undefined)[] = [];
    for (let call = 0; call < 3; call++) {
      const doc = await sequences.findOneAndUpdate(
        { _id: 'ids' },
        { $inc: { next: 1 } },
        { upsert: true, returnDocument: 'after' },
      );
      values.push(doc?.next);
    }

    expect(values).toEqual([1, 2, 3]);
  });

  it('inserts the rest of an unordered insertMany and reports 11000 for each duplicate', async () => {
    const strings = db.collection('bulk');
    await strings.createIndex({ string: 1 }, { unique: true });
    await strings.insertOne({ string: 'b' });

    const error = await strings
      .insertMany([{ string: 'a' }, { string: 'b' }, { string: 'c' }, { string: 'c' }, { string: 'd' }], {
        ordered: false,
      })
      .then(
        () => undefined,
        (thrown: unknown) => thrown,
      );

    expect(error).toBeInstanceOf(MongoBulkWriteError);
    const bulkError = error as MongoBulkWriteError;
    const writeErrors = Array.isArray(bulkError.writeErrors)
      ? bulkError.writeErrors
      : [bulkError.writeErrors];
    expect(writeErrors.map((writeError) => [writeError.index, writeError.code])).toEqual([
      [1, 11000],
      [3, 11000],
    ]);
    expect(bulkError.insertedCount).toBe(3);
    const stored = await strings
      .find({}, { projection: { _id: 0, string: 1 } })
      .sort({ string: 1 })
      .toArray();
    expect(stored.map((doc) => doc['string'])).toEqual(['a', 'b', 'c', 'd']);
  });

  it.each([
    { name: '2^53 + 1', value: 2n ** 53n + 1n },
    { name: '2^62 + 3', value: 2n ** 62n + 3n },
    { name: '2^63 - 1', value: 2n ** 63n - 1n },
  ])('round-trips the 64-bit id $name exactly and finds it by equality', async ({ name, value }) => {
    const ids = db.collection<{ name: string; id: bigint }>('int64');
    await ids.insertOne({ name, id: value });
    await ids.insertOne({ name: `${name} - 1`, id: value - 1n });

    const byName = await ids.findOne({ name }, { projection: { _id: 0 } });
    const byId = await ids.find({ id: value }, { projection: { _id: 0 } }).toArray();

    expect(byName).toEqual({ name, id: value });
    expect(byId).toEqual([{ name, id: value }]);
  });

  it('stores a Long as int64 and reads it back as the same bigint', async () => {
    const ids = db.collection('long');
    await ids.insertOne({ _id: 'max', id: Long.fromString('9223372036854775807') } as never);

    const stored = await ids.findOne({ _id: 'max' } as never);

    expect(stored?.['id']).toBe(9223372036854775807n);
  });

  // FerretDB 1.24 fills only the first accumulator of a $group (later ones come back 0): one per $group.
  it.each([
    { accumulator: { $sum: '$count' }, expected: [5, 6] },
    { accumulator: { $sum: 1 }, expected: [2, 2] },
    { accumulator: { $count: {} }, expected: [2, 2] },
  ])('groups by org with the accumulator $accumulator', async ({ accumulator, expected }) => {
    const usage = db.collection(`usage_${JSON.stringify(accumulator).replace(/\W/g, '')}`);
    await usage.insertMany([
      { org_id: 1, use_case: 'transactions', count: 2 },
      { org_id: 1, use_case: 'sessions', count: 3 },
      { org_id: 2, use_case: 'transactions', count: 5 },
      { org_id: 2, use_case: 'transactions', count: 1 },
    ]);

    const totals = await usage
      .aggregate<{ _id: number; value: number }>([
        { $group: { _id: '$org_id', value: accumulator } },
        { $sort: { _id: 1 } },
      ])
      .toArray();

    expect(totals).toEqual([
      { _id: 1, value: expected[0] },
      { _id: 2, value: expected[1] },
    ]);
  });
});
