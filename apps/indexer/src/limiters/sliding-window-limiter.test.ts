import { describe, expect, it } from 'vitest';
import { createMemoryWindowStore } from './memory-window-store.js';
import type { Quota, RequestedQuota } from './quota.js';
import { createSlidingWindowLimiter } from './sliding-window-limiter.js';

const perOrg: Quota = { windowSeconds: 30, granularitySeconds: 10, limit: 5 };
const global: Quota = { windowSeconds: 30, granularitySeconds: 10, limit: 6, prefixOverride: 'global' };
const request = (prefix: string, requested: number, quotas: Quota[] = [perOrg]): RequestedQuota => ({
  prefix,
  requested,
  quotas,
});

describe('createSlidingWindowLimiter', () => {
  it('grants up to the limit and reports the quota reached', async () => {
    const limiter = createSlidingWindowLimiter(createMemoryWindowStore());
    const [grant] = await limiter.checkWithinQuotas([request('org-1', 7)], 100);
    expect(grant).toEqual({ prefix: 'org-1', granted: 5, reachedQuotas: [perOrg] });
  });

  it('counts used quota over the whole window and forgets it once the window slid past', async () => {
    const limiter = createSlidingWindowLimiter(createMemoryWindowStore());
    const requests = [request('org-1', 4)];
    await limiter.useQuotas(requests, await limiter.checkWithinQuotas(requests, 100), 100);
    expect((await limiter.checkWithinQuotas([request('org-1', 4)], 125))[0]!.granted).toBe(1);
    expect((await limiter.checkWithinQuotas([request('org-1', 4)], 130))[0]!.granted).toBe(4);
  });

  it('stops requests of one call from jointly overshooting a global quota', async () => {
    const limiter = createSlidingWindowLimiter(createMemoryWindowStore());
    const grants = await limiter.checkWithinQuotas(
      [request('org-1', 4, [perOrg, global]), request('org-2', 4, [perOrg, global])],
      100,
    );
    expect(grants.map((g) => g.granted)).toEqual([4, 2]);
    expect(grants[1]!.reachedQuotas).toEqual([global]);
  });

  it('uses nothing for zero grants and the current granule for the rest', async () => {
    const store = createMemoryWindowStore();
    const limiter = createSlidingWindowLimiter(store);
    const requests = [request('org-1', 3), request('org-2', 0)];
    await limiter.useQuotas(requests, await limiter.checkWithinQuotas(requests, 105), 105);
    expect(store.granuleCount).toBe(1);
    expect(
      await store.sum([
        { prefix: 'org-1', windowSeconds: 30, granularitySeconds: 10, fromGranule: 10, toGranule: 10 },
      ]),
    ).toEqual([3]);
  });
});
