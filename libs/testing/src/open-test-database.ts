import { randomBytes } from 'node:crypto';
import { MongoClient, type Db, type MongoClientOptions } from 'mongodb';

export interface TestDatabase {
  uri: string;
  client: MongoClient;
  db: Db;
  name: string;
  drop(): Promise<void>;
}

export function mongodbUri(): string {
  const uri = process.env['MONGODB_URI'];
  if (uri === undefined || uri === '')
    throw new Error('MONGODB_URI is not set: run through the integration project');
  return uri;
}

/** A fresh database named `<prefix>_<random>` on the integration server (MONGODB_URI from the global setup), dropped by `drop`. */
export async function openTestDatabase(
  prefix: string,
  clientOptions: MongoClientOptions = {},
): Promise<TestDatabase> {
  const uri = mongodbUri();
  const client = new MongoClient(uri, {
    useBigInt64: true,
    serverSelectionTimeoutMS: 5000,
    ...clientOptions,
  });
  await client.connect();
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const db = client.db(name);
  return {
    uri,
    client,
    db,
    name,
    drop: async () => {
      await db.dropDatabase();
      await client.close();
    },
  };
}
