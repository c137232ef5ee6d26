import type { MappingStore, StoredMapping } from '../store/mapping-store.js';

/** Last seen is only bumped when older than this (spec §7.6), so a hot string costs one write per 12 h. */
export const LAST_SEEN_STALE_AFTER_MS = 12 * 3600 * 1000;

/**
 * Collects ids read from the database whose last seen is stale and bumps them in batches, off the request
 * path (Sentry's last-seen updater reads `mapping_meta.d` from the output topic; here the database layer
 * reports its reads directly).
 */
export interface LastSeenUpdater {
  /** Notes a mapping read from the database; queues its id if its last seen is stale. */
  noteRead(mapping: StoredMapping, nowMs: number): void;
  /** Bumps every queued id; returns how many rows changed. */
  flush(): Promise<number>;
  readonly pending: number;
  /** Ids not queued because the queue was full. */
  readonly dropped: number;
}

export interface LastSeenUpdaterOptions {
  store: Pick<MappingStore, 'touch'>;
  now: () => number;
  /** Ids per update statement. */
  batchSize?: number;
  /** Queue bound; ids beyond it wait for their next database read. */
  maxPending?: number;
}

export function createLastSeenUpdater(options: LastSeenUpdaterOptions): LastSeenUpdater {
  const batchSize = options.batchSize ?? 1000;
  const maxPending = options.maxPending ?? 100_000;
  let queue = new Set<bigint>();
  let dropped = 0;

  return {
    noteRead(mapping, nowMs) {
      if (mapping.lastSeenMs >= nowMs - LAST_SEEN_STALE_AFTER_MS) return;
      if (queue.size >= maxPending && !queue.has(mapping.id)) {
        dropped++;
        return;
      }
      queue.add(mapping.id);
    },
    async flush() {
      if (queue.size === 0) return 0;
      const ids = [...queue];
      queue = new Set();
      const nowMs = options.now();
      let updated = 0;
      for (let i = 0; i < ids.length; i += batchSize) {
        const batch = ids.slice(i, i + batchSize);
        try {
          updated += await options.store.touch(batch, nowMs - LAST_SEEN_STALE_AFTER_MS, nowMs);
        } catch (error) {
          // Keep the ids that were not written for the next flush.
          for (const id of ids.slice(i)) if (queue.size < maxPending) queue.add(id);
          throw error;
        }
      }
      return updated;
    },
    get pending() {
      return queue.size;
    },
    get dropped() {
      return dropped;
    },
  };
}
