import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiHash, hashCodeUnits, mixHash } from './string-hash.js';

const viewOf = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** `s` as bytes between a prefix and a suffix, so the hashed range starts and ends inside the view. */
function framed(s: string, prefix: string, suffix = '~'): { view: DataView; start: number; end: number } {
  const bytes = Buffer.from(prefix + s + suffix, 'latin1');
  return { view: viewOf(bytes), start: prefix.length, end: prefix.length + s.length };
}

const asciiOfLength = (length: number) =>
  fc.string({ unit: 'binary-ascii', minLength: length, maxLength: length });
const asciiString = fc.integer({ min: 0, max: 70 }).chain(asciiOfLength);
const prefix = fc.string({ unit: 'binary-ascii', maxLength: 7 });

/** MurmurHash3's fmix32, in BigInt arithmetic (independent of the Math.imul code under test). */
function referenceFmix32(value: number): number {
  const M = 1n << 32n;
  let h = BigInt(value >>> 0);
  h ^= h >> 16n;
  h = (h * 0x85ebca6bn) % M;
  h ^= h >> 13n;
  h = (h * 0xc2b2ae35n) % M;
  h ^= h >> 16n;
  return Number(h);
}

const isUint32 = (h: number) => Number.isInteger(h) && h >= 0 && h < 2 ** 32;

describe('string hashes', () => {
  it('asciiHash of the bytes of an ASCII string equals hashCodeUnits of the string (lengths 0..70)', () => {
    fc.assert(
      fc.property(
        asciiString,
        prefix,
        fc.string({ unit: 'binary-ascii', maxLength: 5 }),
        (s, before, after) => {
          const { view, start, end } = framed(s, before, after);
          const hash = hashCodeUnits(s);
          expect(asciiHash(view, start, end)).toBe(hash);
          expect(isUint32(hash)).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('agrees on every length from 0 to 70, at several offsets (every tail size and block count)', () => {
    for (let length = 0; length <= 70; length++) {
      const s = Array.from({ length }, (_, i) => String.fromCharCode((i * 37 + length) % 128)).join('');
      for (const before of ['', 'x', 'xy', 'xyz', 'wxyz']) {
        const { view, start, end } = framed(s, before);
        expect(asciiHash(view, start, end), `length ${length} at ${start}`).toBe(hashCodeUnits(s));
      }
    }
  });

  it('reads a view that starts inside its buffer, up to the view’s own end', () => {
    const backing = new Uint8Array(64).fill(0xff);
    const string = 'c:spans/duration@millisecond';
    backing.set(Buffer.from(string), 8);
    // The view starts 5 bytes in, the string 3 bytes into the view and it ends exactly at the view's end.
    const view = new DataView(backing.buffer, 5, 3 + string.length);
    expect(asciiHash(view, 3, 3 + string.length)).toBe(hashCodeUnits(string));
  });

  it('depends only on the bytes in range', () => {
    fc.assert(
      fc.property(asciiString, prefix, prefix, prefix, (s, before, otherBefore, after) => {
        const a = framed(s, before, after);
        const b = framed(s, otherBefore, `${after}!`);
        expect(asciiHash(a.view, a.start, a.end)).toBe(asciiHash(b.view, b.start, b.end));
      }),
      { numRuns: 500 },
    );
    // Bytes of 0x80 and above around the range do not count either.
    const bytes = Uint8Array.of(0xc3, 0xa9, 0x61, 0x62, 0x63, 0x64, 0x65, 0xff, 0x80);
    expect(asciiHash(viewOf(bytes), 2, 7)).toBe(hashCodeUnits('abcde'));
  });

  it('is -1 when any byte in range is 0x80 or above, wherever it sits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }).chain(asciiOfLength),
        fc.nat(),
        fc.integer({ min: 0x80, max: 0xff }),
        prefix,
        (s, at, byte, before) => {
          const { view, start, end } = framed(s, before);
          view.setUint8(start + (at % s.length), byte);
          expect(asciiHash(view, start, end)).toBe(-1);
        },
      ),
      { numRuns: 1000 },
    );
    // Every position of the first blocks and of every tail size.
    for (let length = 1; length <= 12; length++) {
      for (let at = 0; at < length; at++) {
        const bytes = new Uint8Array(length + 2).fill(0x61);
        bytes[1 + at] = 0x80;
        expect(asciiHash(viewOf(bytes), 1, 1 + length), `length ${length}, byte ${at}`).toBe(-1);
      }
    }
    expect(asciiHash(viewOf(Buffer.from('-é-')), 1, 3)).toBe(-1);
  });

  it('gives distinct strings distinct hashes (including ones differing only in length or order)', () => {
    const strings = [
      '',
      '\0',
      '\0\0',
      'a',
      'b',
      'a\0',
      'ab',
      'ba',
      'abcd',
      'abce',
      'bacd',
      'abcde',
      'abcdf',
      'abcd\0',
      'c:spans/duration@millisecond',
      'c:spans/duration@microsecond',
      'é',
      'Ã©',
      '日本',
      '😀',
    ];
    const hashes = strings.map(hashCodeUnits);
    expect(new Set(hashes).size).toBe(strings.length);
    for (const h of hashes) expect(isUint32(h)).toBe(true);
    // The same string hashes the same every time.
    expect(strings.map(hashCodeUnits)).toEqual(hashes);
  });

  it('mixHash is MurmurHash3 fmix32 over the unsigned value of its input', () => {
    expect(mixHash(0)).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 }), (value) => {
        const mixed = mixHash(value);
        expect(mixed).toBe(referenceFmix32(value));
        expect(isUint32(mixed)).toBe(true);
      }),
      { numRuns: 1000 },
    );
    // A signed input and its unsigned twin mix alike (the cache mixes `hash ^ seed`, which may be negative).
    expect(mixHash(-1)).toBe(mixHash(0xffffffff));
  });
});
