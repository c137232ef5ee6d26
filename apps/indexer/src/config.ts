import { createEnvReader, type EnvVars, type LogLevel, type TlsFiles } from '@mindex/rpc-server';
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
  /** A database call that gets no answer (or no pooled connection) for this long fails with UNAVAILABLE. */
  readonly mongodbOperationTimeoutMs: number;
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

const CACHE_KNOBS: readonly (readonly [string, string])[] = [
  ['INDEXER_CACHE_TTL_SECONDS', OPTION_NAMES.cacheTtlSeconds],
  ['INDEXER_CACHE_MAX_ENTRIES', OPTION_NAMES.cacheMaxEntries],
  ['INDEXER_CACHE_MAX_BYTES', OPTION_NAMES.cacheMaxBytes],
];

/** Reads and validates the environment once; lists every problem. */
export function loadConfig(env: EnvVars): IndexerConfig {
  const read = createEnvReader(env);
  const config: IndexerConfig = {
    host: read.text('INDEXER_HOST', '127.0.0.1'),
    grpcPort: read.integer('INDEXER_GRPC_PORT', 50051, 0, 65535),
    httpPort: read.integer('INDEXER_HTTP_PORT', 51051, 0, 65535),
    mongodbUri: read.mongodbUri(),
    database: read.database('INDEXER_MONGODB_DATABASE', 'mindex_indexer'),
    mongodbServerSelectionTimeoutMs: read.integer(
      'INDEXER_MONGODB_SERVER_SELECTION_TIMEOUT_MS',
      2000,
      100,
      600_000,
    ),
    mongodbOperationTimeoutMs: read.integer('INDEXER_MONGODB_OPERATION_TIMEOUT_MS', 10_000, 100, 600_000),
    logLevel: read.logLevel(),
    configurationAddress: read.address('INDEXER_CONFIGURATION_ADDRESS'),
    queryAddress: read.address('INDEXER_QUERY_ADDRESS'),
    dependencyTimeoutMs: read.integer('INDEXER_DEPENDENCY_TIMEOUT_MS', 5000, 1, 600_000),
    optionOverrides: readOptionOverrides(env, read.problems),
    lastSeenFlushIntervalMs: read.integer('INDEXER_LAST_SEEN_FLUSH_INTERVAL_MS', 1000, 10, 3_600_000),
    retentionIntervalMs: read.integer('INDEXER_RETENTION_INTERVAL_SECONDS', 3600, 1, 7 * 86400) * 1000,
    sweepIntervalMs: read.integer('INDEXER_WINDOW_SWEEP_INTERVAL_SECONDS', 60, 1, 86400) * 1000,
    shutdownGraceMs: read.integer('INDEXER_SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    tls: read.tls('INDEXER'),
  };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

/** INDEXER_OPTIONS_JSON (an object of option name → value in Sentry's JSON form) plus the cache knobs. */
function readOptionOverrides(env: EnvVars, problems: string[]): Map<string, OptionValue> {
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
