import { writesLimitOptionNamesForPrefix, type UseCaseId } from '@mindex/use-case-registry';
import { describe, expect, it } from 'vitest';
import type { KeyGroup } from '../indexer/string-indexer.js';
import { createMemoryWindowStore } from './memory-window-store.js';
import type { Quota } from './quota.js';
import { createSlidingWindowLimiter } from './sliding-window-limiter.js';
import type { WindowStore } from './window-store.js';
import { createWritesLimiter } from './writes-limiter.js';

// The use cases of Sentry's test_writes_limiter: three with their own options, uc_3 on the generic fallback.
const PREFIXES: Record<UseCaseId, string> = {
  transactions: 'sentry-metrics.writes-limiter.limits.transactions',
  uc_1: 'sentry-metrics.writes-limiter.limits.uc1',
  uc_2: 'sentry-metrics.writes-limiter.limits.uc2',
};
const GENERIC = 'sentry-metrics.writes-limiter.limits.generic-metrics';
const USE_CASES = ['transactions', 'uc_1', 'uc_2', 'uc_3'];
const T = 1_700_000_000;

const quota = (limit: number): Quota[] => [{ windowSeconds: 10, granularitySeconds: 10, limit }];

function limiterWith(options: Record<string, Quota[]>, store: WindowStore = createMemoryWindowStore()) {
  return createWritesLimiter({
    limiter: createSlidingWindowLimiter(store),
    optionNames: (useCase) => writesLimitOptionNamesForPrefix(PREFIXES[useCase] ?? GENERIC),
    quotaList: (name) => options[name] ?? [],
  });
}

/** Per-use-case limits as options: transactions, uc_1, uc_2, and the generic fallback (uc_3). */
function limits(scope: 'per-org' | 'global', values: number[]): Record<string, Quota[]> {
  const prefixes = [PREFIXES['transactions']!, PREFIXES['uc_1']!, PREFIXES['uc_2']!, GENERIC];
  return Object.fromEntries(prefixes.map((p, i) => [`${p}.${scope}`, quota(values[i]!)]));
}

/** Orgs 1..8, two per use case, with `sizes[u]` strings each. */
function keys(sizes: number[]): KeyGroup[] {
  return USE_CASES.flatMap((useCase, u) =>
    [1, 2].map((k) => ({
      useCase,
      orgId: BigInt(u * 2 + k),
      strings: Array.from({ length: sizes[u]! }, (_, i) => `${useCase}-${u * 2 + k}-${i}`),
    })),
  );
}

const count = (groups: readonly KeyGroup[]) => groups.reduce((n, g) => n + g.strings.length, 0);

describe('createWritesLimiter (spec §5.1 vectors)', () => {
  it('accepts everything when no option sets a limit', async () => {
    const input = keys([3, 3, 3, 3]);
    const state = await limiterWith({}).check(input, T);
    expect(state.dropped).toEqual([]);
    expect(state.accepted).toEqual(input);
  });

  it("doesn't limit orgs under their per-org limit", async () => {
    const state = await limiterWith(limits('per-org', [1, 2, 3, 4])).check(keys([1, 2, 3, 4]), T);
    expect(state.dropped).toEqual([]);
    expect(count(state.accepted)).toBe(20);
  });

  it('drops one string per org over its per-org limit', async () => {
    const state = await limiterWith(limits('per-org', [0, 1, 2, 3])).check(keys([1, 2, 3, 4]), T);
    expect(state.dropped).toHaveLength(8);
    expect(state.dropped.map((d) => d.orgId).sort()).toEqual([1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n]);
    expect(state.dropped.every((d) => !d.globalQuota)).toBe(true);
    const acceptedOrgs = state.accepted.flatMap((g) => g.strings.map(() => Number(g.orgId))).sort();
    expect(acceptedOrgs).toEqual([3, 4, 5, 5, 6, 6, 7, 7, 7, 8, 8, 8]);
  });

  it('drops what exceeds a global limit shared by the orgs of a use case', async () => {
    const state = await limiterWith(limits('global', [1, 2, 3, 4])).check(keys([1, 2, 3, 4]), T);
    expect(state.dropped).toHaveLength(10);
    expect(state.dropped.every((d) => d.globalQuota)).toBe(true);
    expect(count(state.accepted)).toBe(10);
  });

  it('shares a use case quota across limiter instances (keys depend on the use case only)', async () => {
    const store = createMemoryWindowStore();
    const options = limits('global', [6, 6, 6, 6]);
    const input = keys([3, 3, 3, 3]);
    const first = await limiterWith(options, store).check(input, T);
    expect(first.dropped).toHaveLength(0);
    await first.use(() => Infinity); // every granted string was created
    const second = await limiterWith(options, store).check(input, T);
    expect(second.dropped).toHaveLength(24);
    const third = await limiterWith(options, store).check(input, T);
    expect(third.dropped).toHaveLength(24);
  });

  it('consumes quota only when used (after a successful insert)', async () => {
    const store = createMemoryWindowStore();
    const options = limits('per-org', [2, 2, 2, 2]);
    const group = [{ useCase: 'transactions', orgId: 1n, strings: ['a', 'b'] }];
    await limiterWith(options, store).check(group, T); // insert failed: never used
    const again = await limiterWith(options, store).check(group, T);
    expect(again.dropped).toEqual([]);
    await again.use(() => Infinity);
    expect((await limiterWith(options, store).check(group, T)).dropped).toHaveLength(2);
  });

  it('consumes only what was created when told so', async () => {
    const store = createMemoryWindowStore();
    const options = limits('per-org', [3, 3, 3, 3]);
    const group = [{ useCase: 'transactions', orgId: 1n, strings: ['a', 'b', 'c'] }];
    const first = await limiterWith(options, store).check(group, T);
    await first.use((useCase, orgId) => (useCase === 'transactions' && orgId === 1n ? 1 : 99));
    const second = await limiterWith(options, store).check(group, T);
    expect(second.accepted).toEqual([{ useCase: 'transactions', orgId: 1n, strings: ['a', 'b'] }]);
    expect(second.dropped.map((d) => d.string)).toEqual(['c']);
  });

  it('keeps the first strings of a group and drops the last ones (deterministic)', async () => {
    const group = [{ useCase: 'transactions', orgId: 1n, strings: ['a', 'b', 'c', 'd'] }];
    const state = await limiterWith(limits('per-org', [2, 0, 0, 0])).check(group, T);
    expect(state.accepted).toEqual([{ useCase: 'transactions', orgId: 1n, strings: ['a', 'b'] }]);
    expect(state.dropped.map((d) => d.string)).toEqual(['c', 'd']);
  });

  it('ignores quotas whose window is not a multiple of the granularity', async () => {
    const options = {
      [`${PREFIXES['transactions']}.per-org`]: [{ windowSeconds: 15, granularitySeconds: 10, limit: 0 }],
    };
    const state = await limiterWith(options).check(
      [{ useCase: 'transactions', orgId: 1n, strings: ['a'] }],
      T,
    );
    expect(state.dropped).toEqual([]);
  });
});
