import { UseCaseKey } from '@mindex/use-case-registry';
import { describe, expect, it } from 'vitest';
import { createCardinalityLimiter, isOrgSampled, type CardinalityItem } from './cardinality-limiter.js';
import { createMemoryCardinalityStore } from './memory-cardinality-store.js';
import type { Quota } from './quota.js';

const PERF = UseCaseKey.PERFORMANCE;
const RH = UseCaseKey.RELEASE_HEALTH;

function setup(
  quotas: Quota[] = [{ windowSeconds: 3600, granularitySeconds: 600, limit: 2 }],
  rates = { [PERF]: 1, [RH]: 0 },
) {
  const store = createMemoryCardinalityStore();
  const limiter = createCardinalityLimiter({
    store,
    rolloutRate: (path) => rates[path],
    quotas: () => quotas,
  });
  return { limiter, store };
}

const item = (hash: string, orgId = 1n, path: UseCaseKey = PERF, useCase = 'custom'): CardinalityItem => ({
  useCase,
  orgId,
  path,
  hash: () => hash,
});

describe('createCardinalityLimiter', () => {
  it('admits new series up to the limit and rejects later ones of the batch', async () => {
    const { limiter } = setup();
    const state = await limiter.check([item('a'), item('b'), item('a'), item('c')], 1000);
    expect([...state.rejected]).toEqual([3]);
  });

  it('always admits series seen in the window, counting them against new ones', async () => {
    const { limiter } = setup();
    await (await limiter.check([item('a'), item('b')], 1000)).apply();
    const state = await limiter.check([item('c'), item('a')], 1200);
    expect([...state.rejected]).toEqual([0]);
  });

  it('forgets series once the window slid past them', async () => {
    const { limiter } = setup();
    await (await limiter.check([item('a'), item('b')], 1000)).apply();
    expect([...(await limiter.check([item('c')], 1000 + 3600 + 600)).rejected]).toEqual([]);
  });

  it('admits nothing before apply() records it (check does not consume)', async () => {
    const { limiter } = setup();
    await limiter.check([item('a'), item('b')], 1000);
    expect([...(await limiter.check([item('c'), item('d')], 1000)).rejected]).toEqual([]);
  });

  it('limits each (use case, org) separately', async () => {
    const { limiter } = setup();
    const state = await limiter.check(
      [item('a'), item('b'), item('c', 2n), item('d', 2n), item('e', 1n, PERF, 'spans')],
      1000,
    );
    expect([...state.rejected]).toEqual([]);
  });

  it('hashes only the series of orgs sampled in (spec §5.2 step 2)', async () => {
    const { limiter } = setup(undefined, { [PERF]: 0.5, [RH]: 0 });
    const hashed: string[] = [];
    const counted = (
      hash: string,
      orgId: bigint,
      path: UseCaseKey = PERF,
      useCase = 'custom',
    ): CardinalityItem => ({
      ...item(hash, orgId, path, useCase),
      hash: () => (hashed.push(hash), hash),
    });
    await limiter.check([counted('a', 150n), counted('x', 10n), counted('r', 1n, RH, 'sessions')], 1000);
    expect(hashed).toEqual(['x']);
  });

  it('limits only orgs sampled by the rollout rate of their path', async () => {
    const { limiter } = setup(undefined, { [PERF]: 0.5, [RH]: 0 });
    const state = await limiter.check(
      [
        item('a', 150n),
        item('b', 150n),
        item('c', 150n),
        item('x', 10n),
        item('y', 10n),
        item('z', 10n),
        item('r', 1n, RH, 'sessions'),
        item('s', 1n, RH, 'sessions'),
        item('t', 1n, RH, 'sessions'),
      ],
      1000,
    );
    expect([...state.rejected]).toEqual([5]);
  });

  it.each([
    [[]],
    [
      [
        { windowSeconds: 60, granularitySeconds: 60, limit: 1 },
        { windowSeconds: 60, granularitySeconds: 60, limit: 1 },
      ],
    ],
  ])('does not limit (instead of crashing) when the quota list is not one quota: %j', async (quotas) => {
    const { limiter } = setup(quotas);
    expect([...(await limiter.check([item('a'), item('b'), item('c')], 1000)).rejected]).toEqual([]);
  });

  it.each([
    [0n, 0, false],
    [0n, 0.01, true],
    [99n, 0.99, false],
    [98n, 0.99, true],
    [12345n, 1, true],
  ])('samples org %s at rate %s: %s', (orgId, rate, expected) => {
    expect(isOrgSampled(orgId, rate)).toBe(expected);
  });
});
