import { describe, expect, it } from 'vitest';
import { createCompositeKeyMap } from './composite-key-map.js';

describe('createCompositeKeyMap', () => {
  it('keeps tuples that share a prefix apart', () => {
    const map = createCompositeKeyMap<[bigint, string], number>();
    map.set([1n, 'a'], 1);
    map.set([1n, 'b'], 2);
    map.set([2n, 'a'], 3);
    expect([map.get([1n, 'a']), map.get([1n, 'b']), map.get([2n, 'a']), map.get([2n, 'b'])]).toEqual([
      1,
      2,
      3,
      undefined,
    ]);
  });

  it('does not confuse parts that would collide once joined as strings', () => {
    const map = createCompositeKeyMap<[string, string], number>();
    map.set(['a:b', 'c'], 1);
    map.set(['a', 'b:c'], 2);
    expect(map.get(['a:b', 'c'])).toBe(1);
    expect(map.get(['a', 'b:c'])).toBe(2);
  });

  it('lists values in first-insertion order and replaces in place', () => {
    const map = createCompositeKeyMap<[number], string>();
    map.set([2], 'x');
    map.set([1], 'y');
    map.set([2], 'z');
    expect(map.values()).toEqual(['z', 'y']);
    expect(map.size).toBe(2);
  });
});
