import { describe, expect, it } from 'vitest';
import { compareBigInt, fromStoredId, MAX_INT64, MAX_UINT64, toStoredId } from './uint64.js';

describe('stored ids', () => {
  it.each([
    [1n, 1n],
    [MAX_INT64, MAX_INT64],
    [2n ** 63n, -(2n ** 63n)],
    [9223372036854775809n, -9223372036854775807n],
    [MAX_UINT64, -1n],
  ])('stores %s as the Int64 %s and reads it back', (id, stored) => {
    expect(toStoredId(id)).toBe(stored);
    expect(fromStoredId(stored)).toBe(id);
  });

  it('orders ids numerically, static ids after database ids', () => {
    const ids = [2n ** 63n + 1n, 5n, 1n, MAX_INT64];
    expect(ids.sort(compareBigInt)).toEqual([1n, 5n, MAX_INT64, 2n ** 63n + 1n]);
  });
});
