import { describe, expect, it, vi } from 'vitest';
import { createRetentionJob } from './retention-job.js';
import { createPeriodicTask } from './periodic-task.js';

describe('createPeriodicTask', () => {
  it('runs on its interval, never overlapping, and reports errors without stopping', async () => {
    vi.useFakeTimers();
    try {
      let runs = 0;
      const errors: unknown[] = [];
      const task = createPeriodicTask({
        intervalMs: 100,
        run: async () => {
          runs++;
          if (runs === 2) throw new Error('boom');
        },
        onError: (e) => errors.push(e),
      });
      task.start();
      await vi.advanceTimersByTimeAsync(350);
      expect(runs).toBe(3);
      expect(errors).toHaveLength(1);
      await task.stop();
      await vi.advanceTimersByTimeAsync(500);
      expect(runs).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('runs once more on stop when asked to', async () => {
    let runs = 0;
    const task = createPeriodicTask({
      intervalMs: 60_000,
      run: async () => void runs++,
      onError: () => undefined,
    });
    task.start();
    await task.stop({ finalRun: true });
    expect(runs).toBe(1);
  });
});

describe('createRetentionJob', () => {
  it('deletes expired mappings as of now and reports how many', async () => {
    const deleted: number[] = [];
    const asked: number[] = [];
    const job = createRetentionJob({
      store: { deleteExpired: async (now) => (asked.push(now), 4) },
      now: () => 123,
      intervalMs: 1000,
      onDeleted: (n) => deleted.push(n),
      onError: () => undefined,
    });
    await job.runNow();
    expect([asked, deleted]).toEqual([[123], [4]]);
  });
});
