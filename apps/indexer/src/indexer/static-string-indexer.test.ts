import { describe, expect, it, vi } from 'vitest';
import { FetchType } from './fetch-type.js';
import { createSharedStrings } from './shared-strings.js';
import { createStaticStringIndexer } from './static-string-indexer.js';
import type { KeyGroup, StringIndexer } from './string-indexer.js';

const RELEASE = 9223372036854776016n;

function innerIndexer(): StringIndexer & { calls: KeyGroup[][] } {
  const calls: KeyGroup[][] = [];
  return {
    calls,
    bulkRecord: vi.fn(async (groups: readonly KeyGroup[]) => {
      calls.push([...groups]);
      return groups.map((g) =>
        g.strings.map((_, i) => ({
          id: BigInt(100 + i),
          fetchType: FetchType.FIRST_SEEN,
          globalQuota: false,
        })),
      );
    }),
    bulkResolve: async (groups) => groups.map((g) => g.strings.map(() => undefined)),
    reverseResolve: async (_uc, _org, id) =>
      id === 5n ? { string: 'five', fetchType: FetchType.DB_READ } : undefined,
    bulkReverseResolve: async (_uc, _org, ids) =>
      new Map(
        ids.filter((id) => id === 5n).map((id) => [id, { string: 'five', fetchType: FetchType.DB_READ }]),
      ),
  };
}

describe('createStaticStringIndexer', () => {
  it('answers shared strings HARDCODED in any org and use case and sends only the rest inward', async () => {
    const inner = innerIndexer();
    const indexer = createStaticStringIndexer(createSharedStrings(), inner);
    const result = await indexer.bulkRecord([
      { useCase: 'sessions', orgId: 1n, strings: ['release', 'x'] },
      { useCase: 'custom', orgId: 99n, strings: ['release'] },
    ]);
    expect(result).toEqual([
      [
        { id: RELEASE, fetchType: FetchType.HARDCODED, globalQuota: false },
        { id: 100n, fetchType: FetchType.FIRST_SEEN, globalQuota: false },
      ],
      [{ id: RELEASE, fetchType: FetchType.HARDCODED, globalQuota: false }],
    ]);
    expect(inner.calls).toEqual([[{ useCase: 'sessions', orgId: 1n, strings: ['x'] }]]);
  });

  it('does not call the inner layer when every string is shared', async () => {
    const inner = innerIndexer();
    const indexer = createStaticStringIndexer(createSharedStrings(), inner);
    await indexer.bulkRecord([{ useCase: 'spans', orgId: 1n, strings: ['', 'environment'] }]);
    expect(inner.calls).toEqual([]);
  });

  it('reverse resolves shared ids locally and merges the rest', async () => {
    const indexer = createStaticStringIndexer(createSharedStrings(), innerIndexer());
    expect(await indexer.reverseResolve('spans', 1n, RELEASE)).toEqual({ string: 'release', fetchType: 'h' });
    expect(await indexer.reverseResolve('spans', 1n, 5n)).toEqual({ string: 'five', fetchType: 'd' });
    expect(await indexer.reverseResolve('spans', 1n, 6n)).toBeUndefined();
    const many = await indexer.bulkReverseResolve('spans', 1n, [RELEASE, 5n, 6n]);
    expect(Object.fromEntries([...many].map(([id, o]) => [String(id), o.string]))).toEqual({
      [String(RELEASE)]: 'release',
      '5': 'five',
    });
  });

  it('resolves shared strings without asking the inner layer', async () => {
    const indexer = createStaticStringIndexer(createSharedStrings(), innerIndexer());
    const result = await indexer.bulkResolve([{ useCase: 'spans', orgId: 1n, strings: ['release', 'nope'] }]);
    expect(result).toEqual([[{ id: RELEASE, fetchType: 'h', globalQuota: false }, undefined]]);
  });
});
