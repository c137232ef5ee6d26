import { describe, expect, it } from 'vitest';
import { pythonRepr } from './python-repr.js';

describe('pythonRepr', () => {
  it.each([
    ['release', "'release'"],
    ['', "''"],
    ["it's", `"it's"`],
    [`say "hi"`, `'say "hi"'`],
    [`it's "x"`, `'it\\'s "x"'`],
    ['a\\b', "'a\\\\b'"],
    ['a\nb\tc\rd', "'a\\nb\\tc\\rd'"],
    ['\x00\x1f\x7f', "'\\x00\\x1f\\x7f'"],
    ['\u0085\u00a0', "'\\x85\\xa0'"],
    ['\u2028', "'\\u2028'"],
    ['\u{e0001}', "'\\U000e0001'"],
    ['héllo wörld 😀', "'héllo wörld 😀'"],
  ])('repr(%j) is %s', (input, expected) => {
    expect(pythonRepr(input)).toBe(expected);
  });
});
