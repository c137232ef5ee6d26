import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { timeseriesHash } from './timeseries-hash.js';

describe('timeseriesHash', () => {
  it("matches Sentry's hash_values([name, tags]) for a one-tag series (spec §5.2)", () => {
    expect(timeseriesHash('c:custom/foo@none', { environment: 'prod' })).toBe(
      'ed51ea6f7b76b98104496859ef767bbf',
    );
  });

  it('does not depend on the order tags were written in', () => {
    expect(timeseriesHash('c:custom/foo@none', { a: '1', b: '2' })).toBe(
      timeseriesHash('c:custom/foo@none', { b: '2', a: '1' }),
    );
  });

  it.each([
    [{ a: '1' }, { a: '2' }],
    [{ a: '1' }, { b: '1' }],
    [{ ab: '' }, { a: 'b' }],
  ])('tells %j and %j apart', (left, right) => {
    expect(timeseriesHash('c:custom/foo@none', left)).not.toBe(timeseriesHash('c:custom/foo@none', right));
  });

  /** Sentry's serialization written piece by piece, as the reference does (sorted keys). */
  function pieceByPiece(name: string, tags: Record<string, string>): string {
    const hash = createHash('md5');
    const str = (value: string) =>
      hash
        .update(Buffer.from([7]))
        .update(value, 'utf8')
        .update(Buffer.from([0]));
    str(name);
    const keys = Object.keys(tags).sort();
    hash.update(Buffer.from([5])).update(String(keys.length), 'ascii');
    for (const key of keys) {
      str(key);
      str(tags[key]!);
    }
    return hash.digest('hex');
  }

  it.each([
    ['no tags', 'd:transactions/duration@millisecond', {}],
    ['non-ASCII', 'c:custom/caf\u00e9@none', { 'cl\u00e9': '\u65e5\u672c', emoji: '\u{1f600}' }],
    ['lone surrogates', 'c:custom/x@none', { a: '\ud800', '\udc00': 'b' }],
    [
      'ten tags',
      'c:custom/x@none',
      Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, `v${i}`])),
    ],
  ])('hashes the same bytes as a piece-by-piece serialization (%s)', (_, name, tags) => {
    expect(timeseriesHash(name, tags)).toBe(pieceByPiece(name, tags));
  });
});
