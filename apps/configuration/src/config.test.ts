import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

// The generic reads (trimming, integer and address grammar, LOG_LEVEL, MONGODB_URI, database names, TLS) are
// tested once in libs/rpc-server/src/env-reader.test.ts; here: the configuration service's names and defaults.

describe('loadConfig', () => {
  it('uses the dev defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      ok: true,
      config: {
        host: '127.0.0.1',
        grpcPort: 50052,
        httpPort: 51052,
        mongodbUri: 'mongodb://127.0.0.1:27017',
        database: 'mindex_configuration',
        logLevel: 'info',
        adminToken: undefined,
        watchPollIntervalMs: 200,
        shutdownGraceMs: 10_000,
        mongodbServerSelectionTimeoutMs: 2000,
        mongodbOperationTimeoutMs: 10_000,
      },
    });
  });

  it('reads every variable', () => {
    // Any file that exists will do: the config checks presence; the server reads the PEM when it listens.
    const existing = fileURLToPath(import.meta.url);
    const result = loadConfig({
      CONFIGURATION_HOST: '0.0.0.0',
      CONFIGURATION_GRPC_PORT: '0',
      CONFIGURATION_HTTP_PORT: '0',
      MONGODB_URI: 'mongodb://db:27018',
      CONFIGURATION_MONGODB_DATABASE: 'cfg_test',
      LOG_LEVEL: 'debug',
      CONFIGURATION_ADMIN_TOKEN: 's3cret',
      CONFIGURATION_WATCH_POLL_INTERVAL_MS: '50',
      CONFIGURATION_SHUTDOWN_GRACE_MS: '0',
      CONFIGURATION_MONGODB_SERVER_SELECTION_TIMEOUT_MS: '500',
      CONFIGURATION_MONGODB_OPERATION_TIMEOUT_MS: '750',
      CONFIGURATION_TLS_CERT_FILE: existing,
      CONFIGURATION_TLS_KEY_FILE: existing,
      CONFIGURATION_TLS_CLIENT_CA_FILE: existing,
    });
    expect(result).toEqual({
      ok: true,
      config: {
        host: '0.0.0.0',
        grpcPort: 0,
        httpPort: 0,
        mongodbUri: 'mongodb://db:27018',
        database: 'cfg_test',
        logLevel: 'debug',
        adminToken: 's3cret',
        watchPollIntervalMs: 50,
        shutdownGraceMs: 0,
        mongodbServerSelectionTimeoutMs: 500,
        mongodbOperationTimeoutMs: 750,
        tls: { certFile: existing, keyFile: existing, clientCaFile: existing },
      },
    });
  });

  it('lists every problem at once', () => {
    const result = loadConfig({
      CONFIGURATION_GRPC_PORT: '70000',
      CONFIGURATION_HTTP_PORT: 'abc',
      MONGODB_URI: 'http://x',
      CONFIGURATION_MONGODB_DATABASE: 'a/b',
      LOG_LEVEL: 'loud',
      CONFIGURATION_WATCH_POLL_INTERVAL_MS: '1',
    });
    expect(result.ok ? [] : result.problems).toEqual([
      'CONFIGURATION_GRPC_PORT must be an integer in [0, 65535], got "70000"',
      'CONFIGURATION_HTTP_PORT must be an integer in [0, 65535], got "abc"',
      'MONGODB_URI must start with mongodb:// or mongodb+srv://',
      'CONFIGURATION_MONGODB_DATABASE must be 1-63 of [A-Za-z0-9_-], got "a/b"',
      'LOG_LEVEL must be debug, info, warn or error, got "loud"',
      'CONFIGURATION_WATCH_POLL_INTERVAL_MS must be an integer in [10, 60000], got "1"',
    ]);
  });
});
