import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AsciiLookup } from './ascii-lookup.js';
import { createSharedStrings } from './shared-strings.js';
import { asciiHash, hashCodeUnits } from './string-hash.js';

const shared = createSharedStrings();
const sharedEntries = [...shared.entries()];
const isAscii = (s: string) => /^\p{ASCII}*$/u.test(s);
const viewOf = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** `asciiHash` of an ASCII range, which it must hash (not -1). */
function hashOf(view: DataView, start: number, end: number): number {
  const hash = asciiHash(view, start, end);
  expect(hash).toBeGreaterThanOrEqual(0);
  return hash;
}

/** Looks `s` up by its bytes, placed after a prefix (so the range does not start at 0) and before a suffix. */
function byBytes<V>(lookup: AsciiLookup<V>, s: string, prefix = '{"', suffix = '"}'): V | undefined {
  const view = viewOf(Buffer.from(prefix + s + suffix, 'latin1'));
  const start = prefix.length;
  const end = start + s.length;
  return lookup.get(hashOf(view, start, end), view, start, end);
}

describe('AsciiLookup', () => {
  const lookup = new AsciiLookup(sharedEntries);
  const keys = new Set(sharedEntries.map(([key]) => key));

  it('finds every key of the shared strings table by its bytes', () => {
    expect(sharedEntries.length).toBe(163);
    for (const [key, id] of sharedEntries) {
      expect(byBytes(lookup, key), key).toBe(id);
      expect(byBytes(lookup, key, '', ''), key).toBe(id);
    }
  });

  it('misses a prefix of a key and a key with one more character', () => {
    let checked = 0;
    for (const [key] of sharedEntries) {
      for (const near of [key.slice(0, -1), key.slice(1), `${key}x`, `${key}\0`, `x${key}`]) {
        if (keys.has(near)) continue;
        expect(byBytes(lookup, near), JSON.stringify(near)).toBeUndefined();
        checked++;
      }
      // The byte after the range is not part of the key, even when it completes it.
      if (key === '') continue;
      const view = viewOf(Buffer.from(key));
      const end = view.byteLength - 1;
      expect(lookup.get(hashOf(view, 0, end), view, 0, end)).toBe(
        keys.has(key.slice(0, -1)) ? shared.idOf(key.slice(0, -1)) : undefined,
      );
    }
    expect(checked).toBeGreaterThan(700);
  });

  it('misses strings that are not keys', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary-ascii', maxLength: 40 }),
          // Near the keys: a key with one character changed.
          fc
            .tuple(
              fc.constantFrom(...sharedEntries.map(([key]) => key)),
              fc.nat(),
              fc.integer({ min: 0, max: 127 }),
            )
            .map(([key, at, code]) => {
              const i = at % key.length;
              return key.slice(0, i) + String.fromCharCode(code) + key.slice(i + 1);
            }),
        ),
        (s) => {
          expect(byBytes(lookup, s)).toBe(keys.has(s) ? shared.idOf(s) : undefined);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('finds arbitrary ASCII keys (including empty, NUL and DEL) and misses everything else', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit: 'binary-ascii', maxLength: 12 }), { maxLength: 60 }),
        fc.array(fc.string({ unit: 'binary-ascii', maxLength: 12 }), { maxLength: 20 }),
        (keyList, probes) => {
          const table = new AsciiLookup(keyList.map((key, i) => [key, i] as const));
          keyList.forEach((key, i) => expect(byBytes(table, key)).toBe(i));
          for (const probe of probes) {
            const i = keyList.indexOf(probe);
            expect(byBytes(table, probe)).toBe(i < 0 ? undefined : i);
          }
        },
      ),
      { numRuns: 300 },
    );
    const edges = new AsciiLookup([
      ['', 'empty'],
      ['\0', 'nul'],
      ['\x7f', 'del'],
    ]);
    expect([
      byBytes(edges, ''),
      byBytes(edges, '\0'),
      byBytes(edges, '\x7f'),
      byBytes(edges, '\0\0'),
    ]).toEqual(['empty', 'nul', 'del', undefined]);
    expect(byBytes(new AsciiLookup<number>([]), 'anything')).toBeUndefined();
  });

  it('leaves out non-ASCII keys, which bytes could otherwise match code unit for code unit', () => {
    // Asked under the hash a key is placed by (`hashCodeUnits`), with bytes equal to its code units: 'Ã©' has
    // the code units C3 A9, the UTF-8 of 'é'. Kept, these keys would answer.
    const table = new AsciiLookup([
      ['Ã©', 1],
      ['\u00ff', 2],
      ['\u0080x', 3],
      ['ascii', 4],
    ]);
    const utf8 = viewOf(Buffer.from('-é-'));
    expect(table.get(hashCodeUnits('Ã©'), utf8, 1, 3)).toBeUndefined();
    const latin1 = viewOf(Uint8Array.of(0xff, 0x80, 0x78));
    expect(table.get(hashCodeUnits('\u00ff'), latin1, 0, 1)).toBeUndefined();
    expect(table.get(hashCodeUnits('\u0080x'), latin1, 1, 3)).toBeUndefined();
    expect(byBytes(table, 'ascii')).toBe(4);
    // The same lookups do answer for ASCII keys asked the same way.
    const ascii = viewOf(Buffer.from('ascii'));
    expect(table.get(hashCodeUnits('ascii'), ascii, 0, 5)).toBe(4);
  });

  it('createSharedStrings().idOfAscii equals idOf for every shared string', () => {
    for (const [string, id] of sharedEntries) {
      // Every shared string is ASCII, so every one is reachable by bytes.
      expect(isAscii(string), string).toBe(true);
      const view = viewOf(Buffer.from(`\0${string}\0`));
      const end = view.byteLength - 1;
      expect(shared.idOfAscii(hashOf(view, 1, end), view, 1, end)).toBe(shared.idOf(string));
      expect(shared.idOf(string)).toBe(id);
    }
    const view = viewOf(Buffer.from('not-a-shared-string'));
    expect(shared.idOfAscii(hashOf(view, 0, view.byteLength), view, 0, view.byteLength)).toBeUndefined();
  });
});
