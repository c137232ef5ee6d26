import { createEnvReader, type EnvVars, type LogLevel, type TlsFiles } from '@mindex/rpc-server';

export interface ConfigurationConfig {
  readonly host: string;
  readonly grpcPort: number;
  readonly httpPort: number;
  readonly mongodbUri: string;
  readonly database: string;
  readonly logLevel: LogLevel;
  /** Bearer token mutating RPCs need; undefined means none is required. */
  readonly adminToken: string | undefined;
  /** How often WatchOptions polls the audit trail while someone watches. */
  readonly watchPollIntervalMs: number;
  /** How long in-flight calls get to finish on shutdown. */
  readonly shutdownGraceMs: number;
  /** MongoDB server selection timeout: how fast a dead database turns into UNAVAILABLE. */
  readonly mongodbServerSelectionTimeoutMs: number;
  /** A database call that gets no answer (or no pooled connection) for this long fails with UNAVAILABLE. */
  readonly mongodbOperationTimeoutMs: number;
  /** TLS (mutual with a client CA) on both ports; undefined = plaintext. */
  readonly tls?: TlsFiles | undefined;
}

export type ConfigResult =
  | { readonly ok: true; readonly config: ConfigurationConfig }
  | { readonly ok: false; readonly problems: readonly string[] };

export const CONFIGURATION_DEFAULTS = {
  host: '127.0.0.1',
  grpcPort: 50052,
  httpPort: 51052,
  mongodbUri: 'mongodb://127.0.0.1:27017',
  database: 'mindex_configuration',
  logLevel: 'info',
  watchPollIntervalMs: 200,
  shutdownGraceMs: 10_000,
  mongodbServerSelectionTimeoutMs: 2000,
  mongodbOperationTimeoutMs: 10_000,
} as const;

/** Reads and validates the service's environment once, listing every problem. */
export function loadConfig(env: EnvVars): ConfigResult {
  const read = createEnvReader(env);
  const defaults = CONFIGURATION_DEFAULTS;
  const adminToken = env['CONFIGURATION_ADMIN_TOKEN'] ?? '';
  const config: ConfigurationConfig = {
    host: read.text('CONFIGURATION_HOST', defaults.host),
    grpcPort: read.integer('CONFIGURATION_GRPC_PORT', defaults.grpcPort, 0, 65535),
    httpPort: read.integer('CONFIGURATION_HTTP_PORT', defaults.httpPort, 0, 65535),
    mongodbUri: read.mongodbUri(),
    database: read.database('CONFIGURATION_MONGODB_DATABASE', defaults.database),
    logLevel: read.logLevel(),
    adminToken: adminToken === '' ? undefined : adminToken,
    watchPollIntervalMs: read.integer(
      'CONFIGURATION_WATCH_POLL_INTERVAL_MS',
      defaults.watchPollIntervalMs,
      10,
      60_000,
    ),
    shutdownGraceMs: read.integer('CONFIGURATION_SHUTDOWN_GRACE_MS', defaults.shutdownGraceMs, 0, 600_000),
    mongodbServerSelectionTimeoutMs: read.integer(
      'CONFIGURATION_MONGODB_SERVER_SELECTION_TIMEOUT_MS',
      defaults.mongodbServerSelectionTimeoutMs,
      100,
      60_000,
    ),
    mongodbOperationTimeoutMs: read.integer(
      'CONFIGURATION_MONGODB_OPERATION_TIMEOUT_MS',
      defaults.mongodbOperationTimeoutMs,
      100,
      600_000,
    ),
    tls: read.tls('CONFIGURATION'),
  };
  return read.problems.length > 0 ? { ok: false, problems: read.problems } : { ok: true, config };
}
