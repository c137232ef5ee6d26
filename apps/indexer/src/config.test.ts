import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has safe defaults for one machine', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      grpcPort: 50051,
      httpPort: 51051,
      mongodbUri: 'mongodb://127.0.0.1:27017',
      database: 'mindex_indexer',
      logLevel: 'info',
      configurationAddress: undefined,
      queryAddress: undefined,
    });
    expect(config.optionOverrides.size).toBe(0);
  });

  it('reads ports, addresses, option overrides and cache knobs', () => {
    const config = loadConfig({
      INDEXER_GRPC_PORT: '0',
      INDEXER_HTTP_PORT: '0',
      INDEXER_CONFIGURATION_ADDRESS: '127.0.0.1:50052',
      INDEXER_QUERY_ADDRESS: 'query:50053',
      INDEXER_OPTIONS_JSON: JSON.stringify({
        'sentry-metrics.writes-limiter.limits.spans.per-org': [
          { window_seconds: 10, granularity_seconds: 10, limit: 5 },
        ],
        'sentry-metrics.indexer.disabled-namespaces': ['custom'],
      }),
      INDEXER_CACHE_TTL_SECONDS: '60',
      INDEXER_CACHE_MAX_ENTRIES: '500',
    });
    expect([config.grpcPort, config.httpPort, config.configurationAddress, config.queryAddress]).toEqual([
      0,
      0,
      '127.0.0.1:50052',
      'query:50053',
    ]);
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
    let error: unknown;
    try {
      loadConfig({
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
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(7);
    expect(problems.join('\n')).toContain('INDEXER_GRPC_PORT');
    expect(problems.join('\n')).toContain('no.such.option');
    expect(problems.join('\n')).toContain('writes-limiter.limits.spans.per-org');
  });

  it('rejects INDEXER_OPTIONS_JSON that is not an object', () => {
    expect(() => loadConfig({ INDEXER_OPTIONS_JSON: '[1]' })).toThrow('must be a JSON object');
    expect(() => loadConfig({ INDEXER_OPTIONS_JSON: '{' })).toThrow('is not JSON');
  });
});

const tlsOf = (env: Record<string, string>) => loadConfig(env).tls;
const tlsProblems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
};

describe('loadConfig TLS', () => {
  // Any file that exists will do: the config checks presence; the server reads the PEM when it listens.
  const existing = fileURLToPath(import.meta.url);

  it('takes cert, key and client CA files for (mutual) TLS on both ports', () => {
    const env = {
      INDEXER_TLS_CERT_FILE: existing,
      INDEXER_TLS_KEY_FILE: existing,
      INDEXER_TLS_CLIENT_CA_FILE: existing,
    };
    expect(tlsOf(env)).toEqual({ certFile: existing, keyFile: existing, clientCaFile: existing });
  });

  it('is plaintext without TLS files', () => {
    expect(tlsOf({})).toBeUndefined();
  });

  it('lists a missing file and a cert without a key as problems', () => {
    expect(tlsProblems({ INDEXER_TLS_CERT_FILE: '/nonexistent/mindex.crt' })).toEqual([
      'INDEXER_TLS_CERT_FILE: no such file "/nonexistent/mindex.crt"',
      'INDEXER_TLS_CERT_FILE and INDEXER_TLS_KEY_FILE must be set together',
    ]);
  });
});
