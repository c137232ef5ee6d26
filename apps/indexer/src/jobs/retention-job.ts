import type { MappingStore } from '../store/mapping-store.js';
import { createPeriodicTask, type PeriodicTask } from './periodic-task.js';

export interface RetentionJobOptions {
  store: Pick<MappingStore, 'deleteExpired'>;
  now: () => number;
  intervalMs: number;
  onDeleted: (count: number) => void;
  onError: (error: unknown) => void;
}

/**
 * Deletes mappings whose last seen is older than their retention (Sentry's cleanup of the indexer tables).
 * A deleted string that comes back later gets a new id, as in Sentry.
 */
export function createRetentionJob(options: RetentionJobOptions): PeriodicTask {
  return createPeriodicTask({
    intervalMs: options.intervalMs,
    onError: options.onError,
    run: async () => {
      const deleted = await options.store.deleteExpired(options.now());
      if (deleted > 0) options.onDeleted(deleted);
    },
  });
}
