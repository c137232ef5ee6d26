import { isLogLevel, parseTlsEnv, type LogLevel, type TlsFiles } from '@mindex/rpc-server';

/** Everything the query service reads from its environment, validated. */
export interface QueryConfig {
  readonly host: string;
  readonly grpcPort: number;
  readonly httpPort: number;
  readonly mongodbUri: string;
  readonly database: string;
  readonly mongodbServerSelectionTimeoutMs: number;
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

type Env = Readonly<Record<string, string | undefined>>;

const ADDRESS = /^[^\s/]+:\d{1,5}$/u;

/** Reads and validates the environment once; lists every problem. */
export function loadConfig(env: Env): QueryConfig {
  const problems: string[] = [];
  const text = (name: string, fallback: string): string => {
    const value = env[name];
    return value === undefined || value === '' ? fallback : value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer in [${min}, ${max}], got ${JSON.stringify(raw)}`);
      return fallback;
    }
    return value;
  };
  const address = (name: string, value: string | undefined): string | undefined => {
    if (value === undefined || value === '') return undefined;
    if (!ADDRESS.test(value)) problems.push(`${name} must be host:port, got ${JSON.stringify(value)}`);
    return value;
  };

  const logLevel = text('LOG_LEVEL', 'info');
  if (!isLogLevel(logLevel)) {
    problems.push(`LOG_LEVEL must be debug, info, warn or error, got ${JSON.stringify(logLevel)}`);
  }
  const database = text('QUERY_MONGODB_DATABASE', 'mindex_query');
  if (!/^[A-Za-z0-9_-]{1,63}$/u.test(database)) {
    problems.push(`QUERY_MONGODB_DATABASE must be 1-63 of [A-Za-z0-9_-], got ${JSON.stringify(database)}`);
  }
  const mongodbUri = text('MONGODB_URI', 'mongodb://127.0.0.1:27017');
  if (!/^mongodb(\+srv)?:\/\//u.test(mongodbUri)) {
    problems.push('MONGODB_URI must start with mongodb:// or mongodb+srv://');
  }
  const indexerAddress = address('QUERY_INDEXER_ADDRESS', text('QUERY_INDEXER_ADDRESS', '127.0.0.1:50051'));
  const tls = parseTlsEnv(env, 'QUERY');
  problems.push(...tls.problems);

  const config: QueryConfig = {
    host: text('QUERY_HOST', '127.0.0.1'),
    grpcPort: integer('QUERY_GRPC_PORT', 50053, 0, 65535),
    httpPort: integer('QUERY_HTTP_PORT', 51053, 0, 65535),
    mongodbUri,
    database,
    mongodbServerSelectionTimeoutMs: integer('QUERY_MONGODB_SERVER_SELECTION_TIMEOUT_MS', 2000, 100, 600_000),
    logLevel: isLogLevel(logLevel) ? logLevel : 'info',
    indexerAddress: indexerAddress ?? '127.0.0.1:50051',
    configurationAddress: address('QUERY_CONFIGURATION_ADDRESS', env['QUERY_CONFIGURATION_ADDRESS']),
    dependencyTimeoutMs: integer('QUERY_DEPENDENCY_TIMEOUT_MS', 2000, 1, 600_000),
    cleanupIntervalMs: integer('QUERY_CLEANUP_INTERVAL_SECONDS', 3600, 0, 7 * 86_400) * 1000,
    shutdownGraceMs: integer('QUERY_SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    tls: tls.tls,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
