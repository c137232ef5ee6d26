import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

// The generic reads (trimming, integer and address grammar, LOG_LEVEL, MONGODB_URI, database names, TLS) are
// tested once in libs/rpc-server/src/env-reader.test.ts; here: the indexer's names, defaults and own rules.

const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
};

describe('loadConfig', () => {
  it('has safe defaults for one machine', () => {
    expect(loadConfig({})).toEqual({
      host: '127.0.0.1',
      grpcPort: 50051,
      httpPort: 51051,
      mongodbUri: 'mongodb://127.0.0.1:27017',
      database: 'mindex_indexer',
      mongodbServerSelectionTimeoutMs: 2000,
      mongodbOperationTimeoutMs: 10_000,
      logLevel: 'info',
      configurationAddress: undefined,
      queryAddress: undefined,
      dependencyTimeoutMs: 5000,
      optionOverrides: new Map(),
      lastSeenFlushIntervalMs: 1000,
      retentionIntervalMs: 3_600_000,
      sweepIntervalMs: 60_000,
      shutdownGraceMs: 10_000,
      tls: undefined,
    });
  });

  it('reads every variable', () => {
    // Any file that exists will do: the config checks presence; the server reads the PEM when it listens.
    const existing = fileURLToPath(import.meta.url);
    const config = loadConfig({
      INDEXER_HOST: '0.0.0.0',
      INDEXER_GRPC_PORT: '0',
      INDEXER_HTTP_PORT: '0',
      MONGODB_URI: 'mongodb://db:27017',
      INDEXER_MONGODB_DATABASE: 'idx_test',
      INDEXER_MONGODB_SERVER_SELECTION_TIMEOUT_MS: '500',
      INDEXER_MONGODB_OPERATION_TIMEOUT_MS: '750',
      LOG_LEVEL: 'debug',
      INDEXER_CONFIGURATION_ADDRESS: '127.0.0.1:50052',
      INDEXER_QUERY_ADDRESS: 'query:50053',
      INDEXER_DEPENDENCY_TIMEOUT_MS: '250',
      INDEXER_LAST_SEEN_FLUSH_INTERVAL_MS: '20',
      INDEXER_RETENTION_INTERVAL_SECONDS: '2',
      INDEXER_WINDOW_SWEEP_INTERVAL_SECONDS: '3',
      INDEXER_SHUTDOWN_GRACE_MS: '0',
      INDEXER_TLS_CERT_FILE: existing,
      INDEXER_TLS_KEY_FILE: existing,
      INDEXER_TLS_CLIENT_CA_FILE: existing,
    });
    expect(config).toEqual({
      host: '0.0.0.0',
      grpcPort: 0,
      httpPort: 0,
      mongodbUri: 'mongodb://db:27017',
      database: 'idx_test',
      mongodbServerSelectionTimeoutMs: 500,
      mongodbOperationTimeoutMs: 750,
      logLevel: 'debug',
      configurationAddress: '127.0.0.1:50052',
      queryAddress: 'query:50053',
      dependencyTimeoutMs: 250,
      optionOverrides: new Map(),
      lastSeenFlushIntervalMs: 20,
      retentionIntervalMs: 2000,
      sweepIntervalMs: 3000,
      shutdownGraceMs: 0,
      tls: { certFile: existing, keyFile: existing, clientCaFile: existing },
    });
  });

  it('reads option overrides and cache knobs', () => {
    const config = loadConfig({
      INDEXER_OPTIONS_JSON: JSON.stringify({
        'sentry-metrics.writes-limiter.limits.spans.per-org': [
          { window_seconds: 10, granularity_seconds: 10, limit: 5 },
        ],
        'sentry-metrics.indexer.disabled-namespaces': ['custom'],
      }),
      INDEXER_CACHE_TTL_SECONDS: '60',
      INDEXER_CACHE_MAX_ENTRIES: '500',
    });
    expect(config.optionOverrides.get('sentry-metrics.writes-limiter.limits.spans.per-org')).toEqual({
      type: 'quota-list',
      value: [{ windowSeconds: 10, granularitySeconds: 10, limit: 5 }],
    });
    expect(config.optionOverrides.get('mindex.indexer.cache.ttl-seconds')).toEqual({
      type: 'int',
      value: 60,
    });
    expect(config.optionOverrides.get('mindex.indexer.cache.max-entries')).toEqual({
      type: 'int',
      value: 500,
    });
  });

  it('lists every problem at once', () => {
    const problems = problemsOf({
      INDEXER_GRPC_PORT: '70000',
      LOG_LEVEL: 'loud',
      INDEXER_QUERY_ADDRESS: 'no-port',
      MONGODB_URI: 'http://x',
      INDEXER_OPTIONS_JSON: JSON.stringify({
        'no.such.option': 1,
        'sentry-metrics.writes-limiter.limits.spans.per-org': [
          { window_seconds: 15, granularity_seconds: 10, limit: 5 },
        ],
      }),
      INDEXER_CACHE_TTL_SECONDS: 'soon',
    });
    expect(problems).toHaveLength(7);
    expect(problems.slice(0, 4)).toEqual([
      'INDEXER_GRPC_PORT must be an integer in [0, 65535], got "70000"',
      'MONGODB_URI must start with mongodb:// or mongodb+srv://',
      'LOG_LEVEL must be debug, info, warn or error, got "loud"',
      'INDEXER_QUERY_ADDRESS must be host:port, got "no-port"',
    ]);
    expect(problems[4]).toBe('INDEXER_OPTIONS_JSON: unknown option "no.such.option"');
    expect(problems[5]).toMatch(
      /^INDEXER_OPTIONS_JSON: sentry-metrics\.writes-limiter\.limits\.spans\.per-org: /u,
    );
    expect(problems[6]).toBe('INDEXER_CACHE_TTL_SECONDS must be an integer, got "soon"');
  });

  it('rejects INDEXER_OPTIONS_JSON that is not an object', () => {
    expect(problemsOf({ INDEXER_OPTIONS_JSON: '[1]' })).toEqual([
      'INDEXER_OPTIONS_JSON must be a JSON object of option name to value',
    ]);
    expect(problemsOf({ INDEXER_OPTIONS_JSON: '{' })).toEqual([
      expect.stringMatching(/^INDEXER_OPTIONS_JSON is not JSON: /u),
    ]);
  });
});
