import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointLength } from './code-point-length.js';

describe('codePointLength', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 1],
    ['e\u0301', 2],
    ['😀', 1],
    ['a😀b', 3],
    ['𝒳'.repeat(200), 200],
    ['\ud83d', 1],
    ['\ude00\ud83d', 2],
    ['\ud83d\ud83d\ude00', 2],
  ])('counts %j as %i code points', (input, expected) => {
    expect(codePointLength(input)).toBe(expected);
  });

  it('agrees with iterating the string by code point', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(codePointLength(s)).toBe([...s].length);
      }),
    );
  });
});
