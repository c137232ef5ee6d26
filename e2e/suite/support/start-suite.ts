import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '@mindex/devtools';
import { spawnService, type ServiceProcess } from '@mindex/testing';
import { MongoClient } from 'mongodb';

export type AppName = 'configuration' | 'indexer' | 'query';

/** The three built services running as processes on one MongoDB-compatible server, each with its own database. */
export interface Suite {
  readonly configuration: ServiceProcess;
  readonly indexer: ServiceProcess;
  readonly query: ServiceProcess;
  /** Stops every service and drops their databases. */
  stop(): Promise<void>;
}

/** The built entry point of a service (node apps/<app>/dist/main.js). */
export function appEntry(app: AppName): string {
  const path = fileURLToPath(new URL(`../../../apps/${app}/dist/main.js`, import.meta.url));
  if (!existsSync(path)) throw new Error(`${path} is missing: build first with npx tsc -b tsconfig.json`);
  return path;
}

/**
 * Starts configuration, then query and indexer wired to each other as services.md describes. The indexer and
 * the query service call each other, so the indexer's gRPC port is chosen before the query service starts.
 */
export async function startSuite(mongodbUri: string): Promise<Suite> {
  const suffix = randomBytes(4).toString('hex');
  const databases: Record<AppName, string> = {
    configuration: `mindex_e2e_configuration_${suffix}`,
    indexer: `mindex_e2e_indexer_${suffix}`,
    query: `mindex_e2e_query_${suffix}`,
  };
  const started: ServiceProcess[] = [];
  const stop = async () => {
    await Promise.all(started.map((service) => service.stop()));
    const client = new MongoClient(mongodbUri, { serverSelectionTimeoutMS: 2000 });
    try {
      for (const name of Object.values(databases)) await client.db(name).dropDatabase();
    } finally {
      await client.close();
    }
  };
  const spawn = async (app: AppName, env: Record<string, string>) => {
    const service = await spawnService({
      entry: appEntry(app),
      env: { MONGODB_URI: mongodbUri, LOG_LEVEL: 'warn', ...env },
    });
    started.push(service);
    return service;
  };
  try {
    const configuration = await spawn('configuration', {
      CONFIGURATION_GRPC_PORT: '0',
      CONFIGURATION_HTTP_PORT: '0',
      CONFIGURATION_MONGODB_DATABASE: databases.configuration,
    });
    const indexerPort = await findFreePort();
    const query = await spawn('query', {
      QUERY_GRPC_PORT: '0',
      QUERY_HTTP_PORT: '0',
      QUERY_MONGODB_DATABASE: databases.query,
      QUERY_INDEXER_ADDRESS: `127.0.0.1:${indexerPort}`,
      QUERY_CONFIGURATION_ADDRESS: configuration.grpcAddress,
    });
    const indexer = await spawn('indexer', {
      INDEXER_GRPC_PORT: String(indexerPort),
      INDEXER_HTTP_PORT: '0',
      INDEXER_MONGODB_DATABASE: databases.indexer,
      INDEXER_QUERY_ADDRESS: query.grpcAddress,
      INDEXER_CONFIGURATION_ADDRESS: configuration.grpcAddress,
    });
    return { configuration, indexer, query, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
