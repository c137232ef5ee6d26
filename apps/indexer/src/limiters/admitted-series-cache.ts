import type {
  CardinalityCheck,
  CardinalityCheckResult,
  CardinalityScope,
  CardinalityStore,
} from './cardinality-store.js';

export interface AdmittedSeriesCacheOptions {
  /** Series remembered at most (oldest forgotten first); a forgotten series just asks the store again. */
  maxEntries: number;
  /**
   * How stale the store's `lastSeen` of a series in use may get before it is written again (capped at a tenth
   * of the window). Other instances see the series at most this much older than it is.
   */
  refreshSeconds: number;
}

export const DEFAULT_ADMITTED_SERIES_CACHE: AdmittedSeriesCacheOptions = {
  maxEntries: 200_000,
  refreshSeconds: 60,
};

/**
 * Keeps the cardinality store shared and authoritative while making warm batches free: remembers, in process,
 * when this instance last wrote each series to the store. A series written since a window's start is seen
 * without asking the store, and is only written again once its stored `lastSeen` is `refreshSeconds` old, so
 * a batch of known series costs no round trip and only new series reach the store.
 */
export function createAdmittedSeriesCache(
  store: CardinalityStore,
  options: AdmittedSeriesCacheOptions = DEFAULT_ADMITTED_SERIES_CACHE,
): CardinalityStore {
  /** Key → seconds of the `lastSeen` this instance last wrote; Map order is write order (oldest first). */
  const recordedAt = new Map<string, number>();
  /** The key prefix of a scope: built once per scope of a batch, not per series (orgId is a bigint). */
  const prefixOf = (scope: CardinalityScope) => `${scope.useCase}\u0000${scope.orgId}\u0000`;

  const remember = (key: string, seconds: number): void => {
    recordedAt.delete(key);
    recordedAt.set(key, seconds);
    if (recordedAt.size > options.maxEntries) {
      recordedAt.delete(recordedAt.keys().next().value!);
    }
  };

  return {
    async check(checks) {
      const results: CardinalityCheckResult[] = [];
      const asked: { at: number; check: CardinalityCheck; known: string[] }[] = [];
      checks.forEach((check, at) => {
        const known: string[] = [];
        const unknown: string[] = [];
        const prefix = prefixOf(check.scope);
        for (const hash of check.hashes) {
          const seconds = recordedAt.get(prefix + hash);
          if (seconds !== undefined && seconds >= check.sinceSeconds) known.push(hash);
          else unknown.push(hash);
        }
        // The count only limits new series: without any, the store need not be asked.
        results[at] = { seen: new Set(known), count: 0 };
        if (unknown.length > 0) asked.push({ at, check: { ...check, hashes: unknown }, known });
      });
      if (asked.length === 0) return results;
      const answers = await store.check(asked.map((a) => a.check));
      asked.forEach(({ at, known }, i) => {
        const answer = answers[i]!;
        results[at] = { seen: new Set([...known, ...answer.seen]), count: answer.count };
      });
      return results;
    },

    async record(records) {
      const writes = records.flatMap((record) => {
        const refresh = Math.min(
          options.refreshSeconds,
          (record.expiresAtSeconds - record.seenAtSeconds) / 10,
        );
        const prefix = prefixOf(record.scope);
        const stale = record.hashes.filter((hash) => {
          const seconds = recordedAt.get(prefix + hash);
          return seconds === undefined || seconds < record.seenAtSeconds - refresh;
        });
        return stale.length === 0 ? [] : [{ ...record, hashes: stale }];
      });
      if (writes.length === 0) return;
      await store.record(writes);
      for (const write of writes) {
        const prefix = prefixOf(write.scope);
        for (const hash of write.hashes) remember(prefix + hash, write.seenAtSeconds);
      }
    },
  };
}
