import { randomBytes } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';

export interface TestDatabase {
  client: MongoClient;
  db: Db;
  name: string;
  drop(): Promise<void>;
}

/** A fresh database on the integration server (MONGODB_URI from the global setup), dropped by `drop`. */
export async function openTestDatabase(prefix = 'mindex_query_test'): Promise<TestDatabase> {
  const uri = process.env['MONGODB_URI'];
  if (uri === undefined) throw new Error('MONGODB_URI is not set: run through the integration project');
  const client = new MongoClient(uri, { useBigInt64: true, serverSelectionTimeoutMS: 5000 });
  await client.connect();
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const db = client.db(name);
  return {
    client,
    db,
    name,
    drop: async () => {
      await db.dropDatabase();
      await client.close();
    },
  };
}
