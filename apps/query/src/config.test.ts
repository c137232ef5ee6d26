import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

// The generic reads (trimming, integer and address grammar, LOG_LEVEL, MONGODB_URI, database names, TLS) are
// tested once in libs/rpc-server/src/env-reader.test.ts; here: the query service's names, defaults and own rules.

describe('loadConfig', () => {
  it('uses the dev defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      host: '127.0.0.1',
      grpcPort: 50053,
      httpPort: 51053,
      mongodbUri: 'mongodb://127.0.0.1:27017',
      database: 'mindex_query',
      mongodbServerSelectionTimeoutMs: 2000,
      mongodbOperationTimeoutMs: 10_000,
      logLevel: 'info',
      indexerAddress: '127.0.0.1:50051',
      configurationAddress: undefined,
      dependencyTimeoutMs: 2000,
      cleanupIntervalMs: 3_600_000,
      shutdownGraceMs: 10_000,
    });
  });

  it('reads every variable', () => {
    // Any file that exists will do: the config checks presence; the server reads the PEM when it listens.
    const existing = fileURLToPath(import.meta.url);
    const config = loadConfig({
      QUERY_HOST: '0.0.0.0',
      QUERY_GRPC_PORT: '0',
      QUERY_HTTP_PORT: '0',
      MONGODB_URI: 'mongodb://db:27017',
      QUERY_MONGODB_DATABASE: 'q_test',
      QUERY_MONGODB_SERVER_SELECTION_TIMEOUT_MS: '500',
      QUERY_MONGODB_OPERATION_TIMEOUT_MS: '750',
      LOG_LEVEL: 'debug',
      QUERY_INDEXER_ADDRESS: 'indexer:6000',
      QUERY_CONFIGURATION_ADDRESS: 'config:6001',
      QUERY_DEPENDENCY_TIMEOUT_MS: '250',
      QUERY_CLEANUP_INTERVAL_SECONDS: '0',
      QUERY_SHUTDOWN_GRACE_MS: '0',
      QUERY_TLS_CERT_FILE: existing,
      QUERY_TLS_KEY_FILE: existing,
      QUERY_TLS_CLIENT_CA_FILE: existing,
    });
    expect(config).toEqual({
      host: '0.0.0.0',
      grpcPort: 0,
      httpPort: 0,
      mongodbUri: 'mongodb://db:27017',
      database: 'q_test',
      mongodbServerSelectionTimeoutMs: 500,
      mongodbOperationTimeoutMs: 750,
      logLevel: 'debug',
      indexerAddress: 'indexer:6000',
      configurationAddress: 'config:6001',
      dependencyTimeoutMs: 250,
      cleanupIntervalMs: 0,
      shutdownGraceMs: 0,
      tls: { certFile: existing, keyFile: existing, clientCaFile: existing },
    });
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({
        QUERY_GRPC_PORT: '70000',
        LOG_LEVEL: 'loud',
        MONGODB_URI: 'http://x',
        QUERY_INDEXER_ADDRESS: 'no-port',
        QUERY_CONFIGURATION_ADDRESS: 'http://x:1',
        QUERY_DEPENDENCY_TIMEOUT_MS: 'soon',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'QUERY_GRPC_PORT must be an integer in [0, 65535], got "70000"',
      'MONGODB_URI must start with mongodb:// or mongodb+srv://',
      'LOG_LEVEL must be debug, info, warn or error, got "loud"',
      'QUERY_INDEXER_ADDRESS must be host:port, got "no-port"',
      'QUERY_CONFIGURATION_ADDRESS must be host:port, got "http://x:1"',
      'QUERY_DEPENDENCY_TIMEOUT_MS must be an integer in [1, 600000], got "soon"',
    ]);
  });
});
