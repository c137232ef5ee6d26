import { randomBytes } from 'node:crypto';
import { mongodbUri } from '@mindex/testing';
import { MongoClient, type Db, type MongoClientOptions } from 'mongodb';

/** A MongoDB client on the test server (FerretDB from the global setup) and a fresh database per call. */
export interface TestMongo {
  client: MongoClient;
  uri: string;
  /** A new, empty database with a unique name; dropped by `close()`. */
  freshDb(): Db;
  close(): Promise<void>;
}

export function uniqueDbName(prefix = 'mindex_indexer_test'): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

export async function connectTestMongo(clientOptions: MongoClientOptions = {}): Promise<TestMongo> {
  const uri = mongodbUri();
  const client = new MongoClient(uri, {
    useBigInt64: true,
    serverSelectionTimeoutMS: 5000,
    ...clientOptions,
  });
  await client.connect();
  const dbs: Db[] = [];
  return {
    client,
    uri,
    freshDb() {
      const db = client.db(uniqueDbName());
      dbs.push(db);
      return db;
    },
    async close() {
      for (const db of dbs) await db.dropDatabase().catch(() => undefined);
      await client.close();
    },
  };
}
