import { createLogger } from '@mindex/rpc-server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startExpiryCleanup } from './expiry-cleanup.js';
import { createInMemoryMetadataStore } from './in-memory-metadata-store.js';

const day = new Date(20_000 * 86_400_000);

describe('startExpiryCleanup', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('deletes expired rows on every interval and logs how many', async () => {
    vi.useFakeTimers();
    const store = createInMemoryMetadataStore();
    await store.record({
      metricDays: [
        {
          orgId: 1n,
          projectId: 1n,
          useCase: 'custom',
          type: 'c',
          metricId: 1n,
          day,
          tagKeyIds: [],
          expiresAt: new Date(day.getTime() + 1000),
        },
      ],
      tagValueDays: [],
    });
    const lines: string[] = [];
    const cleanup = startExpiryCleanup({
      store,
      intervalMs: 60_000,
      logger: createLogger({ write: (line) => lines.push(line) }),
      now: () => new Date(day.getTime() + 5000),
    });
    await vi.advanceTimersByTimeAsync(60_000);
    cleanup.stop();
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toMatchObject([
      { msg: 'deleted expired metadata', deleted: 1 },
    ]);
    expect(await cleanup.runOnce()).toBe(0);
  });

  it('logs a failed run instead of crashing', async () => {
    vi.useFakeTimers();
    const store = {
      ...createInMemoryMetadataStore(),
      deleteExpired: () => Promise.reject(new Error('db down')),
    };
    const lines: string[] = [];
    const cleanup = startExpiryCleanup({
      store,
      intervalMs: 1000,
      logger: createLogger({ write: (line) => lines.push(line) }),
      now: () => day,
    });
    await vi.advanceTimersByTimeAsync(1000);
    cleanup.stop();
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual([
      'expired metadata cleanup failed',
    ]);
  });
});
