import { describe, expect, it } from 'vitest';
import type { IdBlockSource, IdRange } from '../store/mapping-store.js';
import { createIdAllocator } from './id-allocator.js';

function blockSource(blockSize: number): IdBlockSource & { claims: number } {
  let nextBlock = 0;
  const source = {
    claims: 0,
    async claim(minIds: number) {
      source.claims++;
      const ranges: IdRange[] = [];
      for (let have = 0; have < minIds; have += blockSize) {
        ranges.push({ first: BigInt(nextBlock++ * blockSize + 1), count: blockSize });
      }
      return ranges;
    },
  };
  return source;
}

describe('createIdAllocator', () => {
  it('hands out ids from claimed blocks, one claim per block', async () => {
    const source = blockSource(5);
    const allocator = createIdAllocator(source);
    expect(await allocator.allocate(3)).toEqual([1n, 2n, 3n]);
    expect(await allocator.allocate(3)).toEqual([4n, 5n, 6n]);
    expect(source.claims).toBe(2);
  });

  it('claims enough blocks for a large request at once', async () => {
    const source = blockSource(5);
    const allocator = createIdAllocator(source);
    const ids = await allocator.allocate(12);
    expect(ids).toEqual(Array.from({ length: 12 }, (_, i) => BigInt(i + 1)));
    expect(source.claims).toBe(1);
  });

  it('gives concurrent callers distinct ids', async () => {
    const allocator = createIdAllocator(blockSource(4));
    const batches = await Promise.all(Array.from({ length: 10 }, () => allocator.allocate(3)));
    const ids = batches.flat();
    expect(new Set(ids).size).toBe(30);
  });
});
