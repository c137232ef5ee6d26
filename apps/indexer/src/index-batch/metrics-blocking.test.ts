import { describe, expect, it } from 'vitest';
import { createMetricsBlockingCache, type ProjectBlocking } from './metrics-blocking.js';

const blocked: ProjectBlocking = new Map([['c:custom/x@none', { isBlocked: true, blockedTags: new Set() }]]);

function setup() {
  let time = 0;
  const calls: bigint[][] = [];
  let down = false;
  const cache = createMetricsBlockingCache({
    now: () => time,
    ttlMs: 5000,
    fetch: async (_org, projects) => {
      calls.push([...projects]);
      if (down) throw new Error('unavailable');
      return new Map(projects.filter((p) => p === 1n).map((p) => [p, blocked]));
    },
  });
  return {
    cache,
    calls,
    advance: (ms: number) => (time += ms),
    setDown: (value: boolean) => (down = value),
  };
}

describe('createMetricsBlockingCache', () => {
  it('fetches each project once per ttl, in one call per batch', async () => {
    const s = setup();
    const first = await s.cache.projectsOf(5n, [1n, 2n, 1n]);
    expect([first.get(1n), first.get(2n)?.size]).toEqual([blocked, 0]);
    s.advance(4999);
    await s.cache.projectsOf(5n, [1n, 2n]);
    expect(s.calls).toEqual([[1n, 2n]]);
    s.advance(1);
    await s.cache.projectsOf(5n, [2n, 3n]);
    expect(s.calls).toEqual([
      [1n, 2n],
      [2n, 3n],
    ]);
  });

  it('keeps using the last known state while the configuration service is down', async () => {
    const s = setup();
    await s.cache.projectsOf(5n, [1n]);
    s.setDown(true);
    s.advance(10_000);
    const result = await s.cache.projectsOf(5n, [1n, 9n]);
    expect([result.get(1n), result.has(9n)]).toEqual([blocked, false]);
  });

  it('asks a failing configuration service again only after the ttl', async () => {
    const s = setup();
    s.setDown(true);
    await s.cache.projectsOf(5n, [1n]);
    s.advance(4999);
    await s.cache.projectsOf(5n, [1n]);
    expect(s.calls).toHaveLength(1);
    s.setDown(false);
    s.advance(1);
    expect((await s.cache.projectsOf(5n, [1n])).get(1n)).toEqual(blocked);
    expect(s.calls).toHaveLength(2);
  });
});
