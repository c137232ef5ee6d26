import { describe, expect, it } from 'vitest';
import { createMemoryMappingStore } from '../store/memory-mapping-store.js';
import { createLastSeenUpdater, LAST_SEEN_STALE_AFTER_MS } from './last-seen-updater.js';

const HOUR = 3600_000;
const scope = { path: 'performance' as const, useCase: 'spans' };

async function setup(lastSeenAgoMs: number[], options: { maxPending?: number; batchSize?: number } = {}) {
  const now = 1_000 * HOUR;
  const store = createMemoryMappingStore();
  await store.insert(
    lastSeenAgoMs.map((_, i) => ({
      scope,
      orgId: 1n,
      string: `s${i}`,
      id: BigInt(i + 1),
      retentionDays: 90,
      addedMs: now,
    })),
  );
  lastSeenAgoMs.forEach((ago, i) => store.setLastSeen(BigInt(i + 1), now - ago));
  const touched: bigint[][] = [];
  const updater = createLastSeenUpdater({
    store: {
      touch: (ids, staleBefore, at) => {
        touched.push([...ids]);
        return store.touch(ids, staleBefore, at);
      },
    },
    now: () => now,
    ...options,
  });
  const read = async () => {
    for (const [, m] of (
      await store.find([{ scope, orgId: 1n, strings: lastSeenAgoMs.map((_, i) => `s${i}`) }])
    )[0]!) {
      updater.noteRead(m, now);
    }
  };
  return { store, updater, touched, now, read };
}

describe('createLastSeenUpdater (spec §7.6)', () => {
  it('bumps only ids last seen more than 12 hours ago', async () => {
    const { updater, read, store, now } = await setup([13 * HOUR, 11 * HOUR, LAST_SEEN_STALE_AFTER_MS + 1]);
    await read();
    expect(updater.pending).toBe(2);
    expect(await updater.flush()).toBe(2);
    expect(store.rows().map((r) => r.lastSeenMs)).toEqual([now, now - 11 * HOUR, now]);
    expect(updater.pending).toBe(0);
  });

  it('batches the updates and deduplicates ids', async () => {
    const { updater, read, touched } = await setup(Array(5).fill(20 * HOUR), { batchSize: 2 });
    await read();
    await read();
    await updater.flush();
    expect(touched.map((batch) => batch.length)).toEqual([2, 2, 1]);
  });

  it('bounds the queue and counts what it left out', async () => {
    const { updater, read } = await setup(Array(5).fill(20 * HOUR), { maxPending: 3 });
    await read();
    expect([updater.pending, updater.dropped]).toEqual([3, 2]);
  });

  it('keeps ids for the next flush when the database fails', async () => {
    let fail = true;
    const updater = createLastSeenUpdater({
      store: {
        touch: async (ids) => {
          if (fail) throw new Error('down');
          return ids.length;
        },
      },
      now: () => 100 * HOUR,
    });
    updater.noteRead({ id: 1n, string: 'a', lastSeenMs: 0, addedMs: 0 }, 100 * HOUR);
    await expect(updater.flush()).rejects.toThrow('down');
    fail = false;
    expect(await updater.flush()).toBe(1);
  });
});
