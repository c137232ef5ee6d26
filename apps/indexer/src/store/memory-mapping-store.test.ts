import { describe, expect, it } from 'vitest';
import { mappingStoreContract } from '../../test/contracts/mapping-store-contract.js';
import { createMemoryIdBlockSource, createMemoryMappingStore } from './memory-mapping-store.js';

mappingStoreContract('in-memory', async () => createMemoryMappingStore());

describe('createMemoryIdBlockSource', () => {
  it('hands out consecutive, disjoint blocks starting at 1', async () => {
    const source = createMemoryIdBlockSource();
    expect(await source.claim(3)).toEqual([{ first: 1n, count: 3 }]);
    expect(await source.claim(2)).toEqual([{ first: 4n, count: 2 }]);
  });
});
