import { describe, expect, it } from 'vitest';
import { compareCodePoints } from './compare-code-points.js';

describe('compareCodePoints', () => {
  it.each([
    ['a', 'b', -1],
    ['b', 'a', 1],
    ['a', 'a', 0],
    ['', 'a', -1],
    ['ab', 'a', 1],
    ['B', 'a', -1],
    ['\uffff', '😀', -1],
    ['😀', '\ue000', 1],
  ])('compares %j with %j as %i', (a, b, sign) => {
    expect(Math.sign(compareCodePoints(a, b))).toBe(sign);
  });

  it('sorts like Python sorted()', () => {
    expect(['😀', 'z', '\uffff', 'A', 'a'].sort(compareCodePoints)).toEqual(['A', 'a', 'z', '\uffff', '😀']);
  });
});
