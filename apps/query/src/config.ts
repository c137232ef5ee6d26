import { createEnvReader, type EnvVars, type LogLevel, type TlsFiles } from '@mindex/rpc-server';

/** Everything the query service reads from its environment, validated. */
export interface QueryConfig {
  readonly host: string;
  readonly grpcPort: number;
  readonly httpPort: number;
  readonly mongodbUri: string;
  readonly database: string;
  readonly mongodbServerSelectionTimeoutMs: number;
  /** A database call that gets no answer (or no pooled connection) for this long fails with UNAVAILABLE. */
  readonly mongodbOperationTimeoutMs: number;
  readonly logLevel: LogLevel;
  /** host:port of the indexer's gRPC port (reverse resolves); required. */
  readonly indexerAddress: string;
  /** host:port of the configuration service's gRPC port; undefined = default org options, nothing blocked. */
  readonly configurationAddress: string | undefined;
  /** Deadline of each call to the indexer and the configuration service. */
  readonly dependencyTimeoutMs: number;
  /** How often expired metadata is deleted; 0 = never (FerretDB has no TTL indexes). */
  readonly cleanupIntervalMs: number;
  readonly shutdownGraceMs: number;
  /** TLS (mutual with a client CA) on both ports; undefined = plaintext. */
  readonly tls?: TlsFiles | undefined;
}

/** Thrown by loadConfig with every problem found. */
export class ConfigError extends Error {
  readonly reason = 'invalid_config';
  constructor(readonly problems: readonly string[]) {
    super(`invalid query configuration:\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment once; lists every problem. */
export function loadConfig(env: EnvVars): QueryConfig {
  const read = createEnvReader(env);
  const config: QueryConfig = {
    host: read.text('QUERY_HOST', '127.0.0.1'),
    grpcPort: read.integer('QUERY_GRPC_PORT', 50053, 0, 65535),
    httpPort: read.integer('QUERY_HTTP_PORT', 51053, 0, 65535),
    mongodbUri: read.mongodbUri(),
    database: read.database('QUERY_MONGODB_DATABASE', 'mindex_query'),
    mongodbServerSelectionTimeoutMs: read.integer(
      'QUERY_MONGODB_SERVER_SELECTION_TIMEOUT_MS',
      2000,
      100,
      600_000,
    ),
    mongodbOperationTimeoutMs: read.integer('QUERY_MONGODB_OPERATION_TIMEOUT_MS', 10_000, 100, 600_000),
    logLevel: read.logLevel(),
    indexerAddress: read.address('QUERY_INDEXER_ADDRESS') ?? '127.0.0.1:50051',
    configurationAddress: read.address('QUERY_CONFIGURATION_ADDRESS'),
    dependencyTimeoutMs: read.integer('QUERY_DEPENDENCY_TIMEOUT_MS', 2000, 1, 600_000),
    cleanupIntervalMs: read.integer('QUERY_CLEANUP_INTERVAL_SECONDS', 3600, 0, 7 * 86_400) * 1000,
    shutdownGraceMs: read.integer('QUERY_SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    tls: read.tls('QUERY'),
  };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}
