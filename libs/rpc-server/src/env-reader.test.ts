import { describe, expect, it } from 'vitest';
import { createEnvReader, type EnvReader } from './env-reader.js';

/** What one reader call returns and the problems it lists. */
const readWith = <T>(env: Record<string, string>, call: (reader: EnvReader) => T) => {
  const reader = createEnvReader(env, (path) => path === '/certs/server.crt' || path === '/certs/server.key');
  const value = call(reader);
  return { value, problems: reader.problems };
};

describe('createEnvReader text', () => {
  it.each([
    ['unset', {}, 'fallback'],
    ['empty', { NAME: '' }, 'fallback'],
    ['blank', { NAME: '  ' }, 'fallback'],
    ['set', { NAME: '0.0.0.0' }, '0.0.0.0'],
    ['set with spaces around', { NAME: ' 0.0.0.0\n' }, '0.0.0.0'],
  ])('reads %s as %j', (_label, env, expected) => {
    expect(readWith(env, (r) => r.text('NAME', 'fallback'))).toEqual({ value: expected, problems: [] });
  });
});

describe('createEnvReader integer', () => {
  it.each([
    ['unset', undefined, 7],
    ['blank', ' ', 7],
    ['the minimum', '-5', -5],
    ['the maximum', '10', 10],
    ['zero', '0', 0],
    ['minus zero as zero', '-0', 0],
    ['leading zeros', '007', 7],
    ['spaces around', ' 3 ', 3],
  ])('reads %s', (_label, raw, expected) => {
    const env: Record<string, string> = raw === undefined ? {} : { PORT: raw };
    const { value, problems } = readWith(env, (r) => r.integer('PORT', 7, -5, 10));
    expect(value).toBe(expected); // toBe is Object.is: -0 would fail
    expect(problems).toEqual([]);
  });

  it.each([
    ['below the minimum', '-6', '"-6"'],
    ['above the maximum', '11', '"11"'],
    ['an exponent', '1e1', '"1e1"'],
    ['hex', '0x10', '"0x10"'],
    ['a fraction', '1.5', '"1.5"'],
    ['a trailing dot', '1.', '"1."'],
    ['a plus sign', '+3', '"+3"'],
    ['a word', 'soon', '"soon"'],
    ['inner spaces', '1 0', '"1 0"'],
    ['Infinity', 'Infinity', '"Infinity"'],
  ])('rejects %s and reads the fallback', (_label, raw, shown) => {
    expect(readWith({ PORT: raw }, (r) => r.integer('PORT', 7, -5, 10))).toEqual({
      value: 7,
      problems: [`PORT must be an integer in [-5, 10], got ${shown}`],
    });
  });
});

describe('createEnvReader address', () => {
  it.each([
    ['unset', {}, undefined],
    ['blank', { ADDR: ' ' }, undefined],
    ['host:port', { ADDR: 'query:50053' }, 'query:50053'],
    ['an IP and port with spaces around', { ADDR: ' 127.0.0.1:50051 ' }, '127.0.0.1:50051'],
  ])('reads %s', (_label, env, expected) => {
    expect(readWith(env, (r) => r.address('ADDR'))).toEqual({ value: expected, problems: [] });
  });

  it.each([
    ['no port', 'no-port'],
    ['a URL', 'http://x:1'],
    ['a six-digit port', 'x:123456'],
    ['inner spaces', 'a b:1'],
  ])('rejects %s', (_label, raw) => {
    expect(readWith({ ADDR: raw }, (r) => r.address('ADDR'))).toEqual({
      value: undefined,
      problems: [`ADDR must be host:port, got ${JSON.stringify(raw)}`],
    });
  });
});

describe('createEnvReader logLevel', () => {
  it.each([
    ['unset', {}, 'info'],
    ['debug', { LOG_LEVEL: 'debug' }, 'debug'],
    ['error with spaces around', { LOG_LEVEL: ' error ' }, 'error'],
  ])('reads %s', (_label, env, expected) => {
    expect(readWith(env, (r) => r.logLevel())).toEqual({ value: expected, problems: [] });
  });

  it('rejects an unknown level and reads info', () => {
    expect(readWith({ LOG_LEVEL: 'loud' }, (r) => r.logLevel())).toEqual({
      value: 'info',
      problems: ['LOG_LEVEL must be debug, info, warn or error, got "loud"'],
    });
  });
});

describe('createEnvReader mongodbUri', () => {
  it.each([
    ['unset', {}, 'mongodb://127.0.0.1:27017'],
    ['mongodb://', { MONGODB_URI: 'mongodb://db:27018' }, 'mongodb://db:27018'],
    ['mongodb+srv://', { MONGODB_URI: ' mongodb+srv://cluster/x ' }, 'mongodb+srv://cluster/x'],
  ])('reads %s', (_label, env, expected) => {
    expect(readWith(env, (r) => r.mongodbUri())).toEqual({ value: expected, problems: [] });
  });

  it.each([['http://x'], ['mongodb:/x'], ['MONGODB://x']])('rejects %j', (raw) => {
    expect(readWith({ MONGODB_URI: raw }, (r) => r.mongodbUri()).problems).toEqual([
      'MONGODB_URI must start with mongodb:// or mongodb+srv://',
    ]);
  });
});

describe('createEnvReader database', () => {
  it.each([
    ['unset', {}, 'mindex_app'],
    ['letters, digits, _ and -', { DB: 'cfg_Test-2' }, 'cfg_Test-2'],
    ['63 characters', { DB: 'd'.repeat(63) }, 'd'.repeat(63)],
  ])('reads %s', (_label, env, expected) => {
    expect(readWith(env, (r) => r.database('DB', 'mindex_app'))).toEqual({ value: expected, problems: [] });
  });

  it.each([['a/b'], ['a.b'], ['d'.repeat(64)]])('rejects %j', (raw) => {
    expect(readWith({ DB: raw }, (r) => r.database('DB', 'mindex_app')).problems).toEqual([
      `DB must be 1-63 of [A-Za-z0-9_-], got ${JSON.stringify(raw)}`,
    ]);
  });
});

describe('createEnvReader tls', () => {
  it('reads cert and key files that exist', () => {
    const env = { APP_TLS_CERT_FILE: '/certs/server.crt', APP_TLS_KEY_FILE: '/certs/server.key' };
    expect(readWith(env, (r) => r.tls('APP'))).toEqual({
      value: { certFile: '/certs/server.crt', keyFile: '/certs/server.key' },
      problems: [],
    });
  });

  it('adds parseTlsEnv problems to its own', () => {
    const env = { APP_TLS_CERT_FILE: '/nonexistent/mindex.crt', LOG_LEVEL: 'loud' };
    expect(
      readWith(env, (r) => {
        r.logLevel();
        return r.tls('APP');
      }),
    ).toEqual({
      value: undefined,
      problems: [
        'LOG_LEVEL must be debug, info, warn or error, got "loud"',
        'APP_TLS_CERT_FILE: no such file "/nonexistent/mindex.crt"',
        'APP_TLS_CERT_FILE and APP_TLS_KEY_FILE must be set together',
      ],
    });
  });
});
