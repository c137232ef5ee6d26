import { describe, expect, it } from 'vitest';
import { parseTlsEnv } from './tls-env.js';

const EXISTING = new Set(['/certs/server.crt', '/certs/server.key', '/certs/ca.crt']);
const exists = (path: string) => EXISTING.has(path);
const parse = (env: Record<string, string>) => parseTlsEnv(env, 'QUERY', exists);

describe('parseTlsEnv', () => {
  it.each([
    ['nothing set', {}, undefined],
    ['empty values', { QUERY_TLS_CERT_FILE: '', QUERY_TLS_KEY_FILE: ' ' }, undefined],
    [
      'cert and key',
      { QUERY_TLS_CERT_FILE: '/certs/server.crt', QUERY_TLS_KEY_FILE: '/certs/server.key' },
      { certFile: '/certs/server.crt', keyFile: '/certs/server.key' },
    ],
    [
      'cert, key and client CA',
      {
        QUERY_TLS_CERT_FILE: '/certs/server.crt',
        QUERY_TLS_KEY_FILE: '/certs/server.key',
        QUERY_TLS_CLIENT_CA_FILE: '/certs/ca.crt',
      },
      { certFile: '/certs/server.crt', keyFile: '/certs/server.key', clientCaFile: '/certs/ca.crt' },
    ],
  ])('%s → %o', (_label, env, tls) => {
    expect(parse(env)).toEqual({ tls, problems: [] });
  });

  it.each([
    [
      'a cert without a key',
      { QUERY_TLS_CERT_FILE: '/certs/server.crt' },
      ['QUERY_TLS_CERT_FILE and QUERY_TLS_KEY_FILE must be set together'],
    ],
    [
      'a key without a cert',
      { QUERY_TLS_KEY_FILE: '/certs/server.key' },
      ['QUERY_TLS_CERT_FILE and QUERY_TLS_KEY_FILE must be set together'],
    ],
    [
      'a client CA alone',
      { QUERY_TLS_CLIENT_CA_FILE: '/certs/ca.crt' },
      ['QUERY_TLS_CLIENT_CA_FILE needs QUERY_TLS_CERT_FILE and QUERY_TLS_KEY_FILE'],
    ],
    [
      'missing files',
      {
        QUERY_TLS_CERT_FILE: '/nope/server.crt',
        QUERY_TLS_KEY_FILE: '/certs/server.key',
        QUERY_TLS_CLIENT_CA_FILE: '/nope/ca.crt',
      },
      [
        'QUERY_TLS_CERT_FILE: no such file "/nope/server.crt"',
        'QUERY_TLS_CLIENT_CA_FILE: no such file "/nope/ca.crt"',
      ],
    ],
  ])('%s is a config problem', (_label, env, problems) => {
    expect(parse(env)).toEqual({ tls: undefined, problems });
  });
});
