import { createClient, type Client } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { indexer as indexerProto } from '@mindex/proto';
import { createLogger } from '@mindex/rpc-server';
import { mongodbUri } from '@mindex/testing';
import { MongoClient } from 'mongodb';
import { loadConfig } from '../../src/config.js';
import { startIndexerServer, type IndexerServer } from '../../src/start-indexer-server.js';
import { createTestClock, typedOptions, type JsonOptions, type TestClock } from './indexer-harness.js';
import { uniqueDbName } from './mongo.js';

export interface TestServer {
  server: IndexerServer;
  client: Client<typeof indexerProto.IndexerService>;
  clock: TestClock;
  database: string;
  /** Replaces the runtime options, as a configuration snapshot would. */
  setOptions(values: JsonOptions): void;
  /** Stops the server and drops its database. */
  stop(): Promise<void>;
}

let version = 1000n;

/** An indexer server on loopback port 0 over a fresh database of the test MongoDB, with a test clock. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const database = uniqueDbName();
  const config = loadConfig({
    INDEXER_GRPC_PORT: '0',
    INDEXER_HTTP_PORT: '0',
    MONGODB_URI: mongodbUri(),
    INDEXER_MONGODB_DATABASE: database,
    ...env,
  });
  const clock = createTestClock();
  const server = await startIndexerServer(config, {
    now: clock.now,
    logger: createLogger({ level: 'error', write: () => undefined }),
    configurationWaitMs: 3000,
  });
  const client = createClient(
    indexerProto.IndexerService,
    createGrpcTransport({ baseUrl: `http://127.0.0.1:${server.grpcPort}` }),
  );
  return {
    server,
    client,
    clock,
    database,
    setOptions: (values) => server.options.applySnapshot(typedOptions(values), ++version),
    async stop() {
      await server.stop();
      const mongo = new MongoClient(mongodbUri());
      await mongo
        .db(database)
        .dropDatabase()
        .catch(() => undefined);
      await mongo.close();
    },
  };
}
