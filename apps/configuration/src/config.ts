import { isLogLevel, parseTlsEnv, type LogLevel, type TlsFiles } from '@mindex/rpc-server';

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
} as const;

/** Reads and validates the service's environment once, listing every problem. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): ConfigResult {
  const problems: string[] = [];
  const text = (name: string, fallback: string): string => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? fallback : value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) {
      problems.push(`${name} must be an integer in [${min}, ${max}], got ${JSON.stringify(raw)}`);
      return fallback;
    }
    return n;
  };

  const logLevel = text('LOG_LEVEL', CONFIGURATION_DEFAULTS.logLevel);
  if (!isLogLevel(logLevel))
    problems.push(`LOG_LEVEL must be debug, info, warn or error, got ${JSON.stringify(logLevel)}`);
  const mongodbUri = text('MONGODB_URI', CONFIGURATION_DEFAULTS.mongodbUri);
  if (!/^mongodb(\+srv)?:\/\//.test(mongodbUri))
    problems.push('MONGODB_URI must start with mongodb:// or mongodb+srv://');
  const database = text('CONFIGURATION_MONGODB_DATABASE', CONFIGURATION_DEFAULTS.database);
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(database)) {
    problems.push(
      `CONFIGURATION_MONGODB_DATABASE must be 1-63 letters, digits, '_' or '-', got ${JSON.stringify(database)}`,
    );
  }
  const adminToken = env['CONFIGURATION_ADMIN_TOKEN'] ?? '';
  const tls = parseTlsEnv(env, 'CONFIGURATION');
  problems.push(...tls.problems);

  const config: ConfigurationConfig = {
    host: text('CONFIGURATION_HOST', CONFIGURATION_DEFAULTS.host),
    grpcPort: integer('CONFIGURATION_GRPC_PORT', CONFIGURATION_DEFAULTS.grpcPort, 0, 65535),
    httpPort: integer('CONFIGURATION_HTTP_PORT', CONFIGURATION_DEFAULTS.httpPort, 0, 65535),
    mongodbUri,
    database,
    logLevel: isLogLevel(logLevel) ? logLevel : 'info',
    adminToken: adminToken === '' ? undefined : adminToken,
    watchPollIntervalMs: integer(
      'CONFIGURATION_WATCH_POLL_INTERVAL_MS',
      CONFIGURATION_DEFAULTS.watchPollIntervalMs,
      10,
      60_000,
    ),
    shutdownGraceMs: integer(
      'CONFIGURATION_SHUTDOWN_GRACE_MS',
      CONFIGURATION_DEFAULTS.shutdownGraceMs,
      0,
      600_000,
    ),
    mongodbServerSelectionTimeoutMs: integer(
      'CONFIGURATION_MONGODB_SERVER_SELECTION_TIMEOUT_MS',
      CONFIGURATION_DEFAULTS.mongodbServerSelectionTimeoutMs,
      100,
      60_000,
    ),
    tls: tls.tls,
  };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, config };
}
