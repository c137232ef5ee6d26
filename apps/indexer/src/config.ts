import { isLogLevel, parseTlsEnv, type LogLevel, type TlsFiles } from '@mindex/rpc-server';
import {
  OPTION_NAMES,
  formatOptionValueError,
  getOptionDefinition,
  optionValueFromJson,
  validateOptionValue,
  type OptionValue,
} from '@mindex/runtime-options';

/** Everything the indexer reads from its environment, validated. */
export interface IndexerConfig {
  readonly host: string;
  readonly grpcPort: number;
  readonly httpPort: number;
  readonly mongodbUri: string;
  readonly database: string;
  readonly mongodbServerSelectionTimeoutMs: number;
  readonly logLevel: LogLevel;
  /** host:port of the configuration service's gRPC port; undefined = options from defaults and env only. */
  readonly configurationAddress: string | undefined;
  /** host:port of the query service's gRPC port; undefined = indexed buckets are not forwarded. */
  readonly queryAddress: string | undefined;
  /** Deadline of calls to the query and configuration services. */
  readonly dependencyTimeoutMs: number;
  /** Runtime option values from the environment (INDEXER_OPTIONS_JSON and the cache knobs). */
  readonly optionOverrides: ReadonlyMap<string, OptionValue>;
  readonly lastSeenFlushIntervalMs: number;
  readonly retentionIntervalMs: number;
  readonly sweepIntervalMs: number;
  readonly shutdownGraceMs: number;
  /** TLS (mutual with a client CA) on both ports; undefined = plaintext. */
  readonly tls?: TlsFiles | undefined;
}

/** Thrown by loadConfig with every problem found. */
export class ConfigError extends Error {
  readonly reason = 'invalid_config';
  constructor(readonly problems: readonly string[]) {
    super(`invalid indexer configuration:\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const CACHE_KNOBS: readonly (readonly [string, string])[] = [
  ['INDEXER_CACHE_TTL_SECONDS', OPTION_NAMES.cacheTtlSeconds],
  ['INDEXER_CACHE_MAX_ENTRIES', OPTION_NAMES.cacheMaxEntries],
  ['INDEXER_CACHE_MAX_BYTES', OPTION_NAMES.cacheMaxBytes],
];

/** Reads and validates the environment once; lists every problem. */
export function loadConfig(env: Env): IndexerConfig {
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
  const address = (name: string): string | undefined => {
    const value = env[name];
    if (value === undefined || value === '') return undefined;
    if (!/^[^\s/]+:\d{1,5}$/.test(value)) {
      problems.push(`${name} must be host:port, got ${JSON.stringify(value)}`);
      return undefined;
    }
    return value;
  };

  const logLevel = text('LOG_LEVEL', 'info');
  if (!isLogLevel(logLevel))
    problems.push(`LOG_LEVEL must be debug, info, warn or error, got ${JSON.stringify(logLevel)}`);

  const database = text('INDEXER_MONGODB_DATABASE', 'mindex_indexer');
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(database)) {
    problems.push(`INDEXER_MONGODB_DATABASE must be 1-63 of [A-Za-z0-9_-], got ${JSON.stringify(database)}`);
  }

  const tls = parseTlsEnv(env, 'INDEXER');
  problems.push(...tls.problems);

  const config: IndexerConfig = {
    host: text('INDEXER_HOST', '127.0.0.1'),
    grpcPort: integer('INDEXER_GRPC_PORT', 50051, 0, 65535),
    httpPort: integer('INDEXER_HTTP_PORT', 51051, 0, 65535),
    mongodbUri: text('MONGODB_URI', 'mongodb://127.0.0.1:27017'),
    database,
    mongodbServerSelectionTimeoutMs: integer(
      'INDEXER_MONGODB_SERVER_SELECTION_TIMEOUT_MS',
      2000,
      100,
      600_000,
    ),
    logLevel: isLogLevel(logLevel) ? logLevel : 'info',
    configurationAddress: address('INDEXER_CONFIGURATION_ADDRESS'),
    queryAddress: address('INDEXER_QUERY_ADDRESS'),
    dependencyTimeoutMs: integer('INDEXER_DEPENDENCY_TIMEOUT_MS', 5000, 1, 600_000),
    optionOverrides: readOptionOverrides(env, problems),
    lastSeenFlushIntervalMs: integer('INDEXER_LAST_SEEN_FLUSH_INTERVAL_MS', 1000, 10, 3_600_000),
    retentionIntervalMs: integer('INDEXER_RETENTION_INTERVAL_SECONDS', 3600, 1, 7 * 86400) * 1000,
    sweepIntervalMs: integer('INDEXER_WINDOW_SWEEP_INTERVAL_SECONDS', 60, 1, 86400) * 1000,
    shutdownGraceMs: integer('INDEXER_SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    tls: tls.tls,
  };
  if (!/^mongodb(\+srv)?:\/\//.test(config.mongodbUri)) {
    problems.push(`MONGODB_URI must start with mongodb:// or mongodb+srv://`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** INDEXER_OPTIONS_JSON (an object of option name → value in Sentry's JSON form) plus the cache knobs. */
function readOptionOverrides(env: Env, problems: string[]): Map<string, OptionValue> {
  const overrides = new Map<string, OptionValue>();
  const put = (source: string, name: string, json: unknown) => {
    const definition = getOptionDefinition(name);
    if (definition === undefined) {
      problems.push(`${source}: unknown option ${JSON.stringify(name)}`);
      return;
    }
    const parsed = optionValueFromJson(definition.type, json);
    if (!parsed.ok) {
      problems.push(`${source}: ${name}: ${formatOptionValueError(parsed.error)}`);
      return;
    }
    const checked = validateOptionValue(name, parsed.value);
    if (!checked.ok) {
      problems.push(`${source}: ${name}: ${formatOptionValueError(checked.error)}`);
      return;
    }
    overrides.set(name, checked.value);
  };

  const raw = env['INDEXER_OPTIONS_JSON'];
  if (raw !== undefined && raw !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      problems.push(`INDEXER_OPTIONS_JSON is not JSON: ${(error as Error).message}`);
    }
    if (parsed !== undefined) {
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        problems.push('INDEXER_OPTIONS_JSON must be a JSON object of option name to value');
      } else {
        for (const [name, value] of Object.entries(parsed)) put('INDEXER_OPTIONS_JSON', name, value);
      }
    }
  }
  for (const [envName, optionName] of CACHE_KNOBS) {
    const value = env[envName];
    if (value === undefined || value === '') continue;
    const number = Number(value);
    if (!Number.isSafeInteger(number))
      problems.push(`${envName} must be an integer, got ${JSON.stringify(value)}`);
    else put(envName, optionName, number);
  }
  return overrides;
}
