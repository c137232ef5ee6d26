import { describe, expect, it } from 'vitest';
import { createLogger, isLogLevel, type LogLevel } from './logger.js';

function capture(level: LogLevel, base?: Record<string, unknown>) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level,
    base,
    write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
    now: () => new Date('2026-01-02T03:04:05.678Z'),
  });
  return { logger, lines };
}

describe('createLogger', () => {
  it('writes one JSON object per line with time, level, msg, base and fields', () => {
    const { logger, lines } = capture('info', { service: 'indexer' });
    logger.info('listening', { grpcPort: 50051 });
    expect(lines).toEqual([
      {
        time: '2026-01-02T03:04:05.678Z',
        level: 'info',
        msg: 'listening',
        service: 'indexer',
        grpcPort: 50051,
      },
    ]);
  });

  it.each([
    ['debug', ['debug', 'info', 'warn', 'error']],
    ['info', ['info', 'warn', 'error']],
    ['warn', ['warn', 'error']],
    ['error', ['error']],
  ] as const)('at level %s writes %j', (level, written) => {
    const { logger, lines } = capture(level);
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(lines.map((l) => l['level'])).toEqual(written);
  });

  it('adds child fields to every line of the child only', () => {
    const { logger, lines } = capture('info', { a: 1 });
    logger.child({ b: 2 }).info('child');
    logger.info('parent');
    expect(lines.map(({ a, b }) => ({ a, b }))).toEqual([
      { a: 1, b: 2 },
      { a: 1, b: undefined },
    ]);
  });

  it('prints errors with name, message and cause, and bigints as strings', () => {
    const { logger, lines } = capture('info');
    const err = new Error('outer', { cause: new RangeError('inner') });
    logger.error('failed', { err, id: 2n ** 63n });
    const printed = lines[0] as {
      err: { name: string; message: string; cause: { name: string } };
      id: string;
    };
    expect([printed.err.name, printed.err.message, printed.err.cause.name, printed.id]).toEqual([
      'Error',
      'outer',
      'RangeError',
      '9223372036854775808',
    ]);
  });

  it.each([
    ['no fields', { service: 'indexer' }, undefined],
    ['plain fields', { service: 'indexer' }, { method: 'Resolve', code: 'OK', duration_ms: 0.25, ok: true }],
    ['a field shadowing the base', { service: 'indexer' }, { service: 'other', n: 1 }],
    ['a field shadowing msg', {}, { msg: 'mine' }],
    ['an undefined field shadowing the base', { service: 'indexer' }, { service: undefined }],
    ['undefined and null fields', {}, { a: undefined, b: null }],
    ['a base shadowing time', { time: 'base' }, { a: 1 }],
    ['text needing escapes', { 'k"ey': 'v\n' }, { q: '"\u2028' }],
  ])('writes the JSON of the merged record with %s', (_name, base, fields) => {
    const lines: string[] = [];
    const logger = createLogger({ base, write: (line) => lines.push(line), now: () => new Date(0) });
    logger.info('m"sg', fields);
    expect(lines).toEqual([
      JSON.stringify({ time: new Date(0).toISOString(), level: 'info', msg: 'm"sg', ...base, ...fields }),
    ]);
  });

  it('reports whether a level is enabled', () => {
    const { logger } = capture('warn');
    expect([logger.isEnabled('info'), logger.isEnabled('error')]).toEqual([false, true]);
  });
});

describe('isLogLevel', () => {
  it.each([
    ['debug', true],
    ['error', true],
    ['INFO', false],
    ['trace', false],
    [undefined, false],
  ])('%s → %s', (value, expected) => {
    expect(isLogLevel(value)).toBe(expected);
  });
});
