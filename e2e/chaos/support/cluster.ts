import { findFreePort } from '@mindex/devtools';
import { launchService, stopAll, type ManagedService } from './services.js';

export const ADMIN_TOKEN = 'chaos-admin-token';
export const ADMIN = { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } };

/** The three services wired together as in production: indexer ⇄ query, both → configuration. */
export interface Cluster {
  configuration: ManagedService;
  indexer: ManagedService;
  query: ManagedService;
  all(): ManagedService[];
  stop(): Promise<void>;
}

export interface ClusterOptions {
  mongodbUri: string;
  /** Extra environment per service. */
  env?: {
    configuration?: Record<string, string>;
    indexer?: Record<string, string>;
    query?: Record<string, string>;
  };
}

export async function launchCluster(options: ClusterOptions): Promise<Cluster> {
  const { mongodbUri } = options;
  const configuration = await launchService('configuration', {
    mongodbUri,
    env: { CONFIGURATION_ADMIN_TOKEN: ADMIN_TOKEN, ...options.env?.configuration },
  });
  // The indexer and the query service call each other: the indexer's port is chosen first.
  const indexerPort = await findFreePort();
  const query = await launchService('query', {
    mongodbUri,
    env: {
      QUERY_INDEXER_ADDRESS: `127.0.0.1:${indexerPort}`,
      QUERY_CONFIGURATION_ADDRESS: configuration.grpcAddress,
      QUERY_DEPENDENCY_TIMEOUT_MS: '2000',
      QUERY_CLEANUP_INTERVAL_SECONDS: '0',
      ...options.env?.query,
    },
  });
  const indexer = await launchService('indexer', {
    mongodbUri,
    grpcPort: indexerPort,
    env: {
      INDEXER_QUERY_ADDRESS: query.grpcAddress,
      INDEXER_CONFIGURATION_ADDRESS: configuration.grpcAddress,
      INDEXER_DEPENDENCY_TIMEOUT_MS: '2000',
      ...options.env?.indexer,
    },
  });
  const all = () => [configuration, indexer, query];
  return { configuration, indexer, query, all, stop: () => stopAll(all()) };
}
