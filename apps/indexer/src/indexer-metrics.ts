import { Counter, Gauge, type Registry } from 'prom-client';
import type { IndexerCore } from './create-indexer-core.js';
import { FetchType } from './indexer/fetch-type.js';
import type { IndexerServiceObserver } from './service/indexer-service.js';

const FETCH_TYPES = Object.values(FetchType);

/**
 * The indexer's own metrics (spec §9.4 in spirit): strings recorded per fetch type, bucket outcomes with
 * their reasons, and gauges of the cache and the last-seen queue read at scrape time.
 */
export function registerIndexerMetrics(registry: Registry, core: IndexerCore): IndexerServiceObserver {
  const strings = new Counter({
    name: 'mindex_indexer_strings_recorded_total',
    help: 'Strings answered by BulkRecord and Record, by fetch type (c h d f r).',
    labelNames: ['fetch_type'],
    registers: [registry],
  });
  const buckets = new Counter({
    name: 'mindex_indexer_buckets_total',
    help: 'IndexBatch buckets by outcome (indexed, invalid, filtered, dropped) and reason.',
    labelNames: ['outcome', 'reason'],
    registers: [registry],
  });
  new Gauge({
    name: 'mindex_indexer_cache_entries',
    help: 'Entries in the in-process string id cache.',
    registers: [registry],
    collect() {
      this.set(core.cache.size);
    },
  });
  new Gauge({
    name: 'mindex_indexer_cache_estimated_bytes',
    help: 'Estimated size of the in-process string id cache.',
    registers: [registry],
    collect() {
      this.set(core.cache.estimatedBytes);
    },
  });
  new Gauge({
    name: 'mindex_indexer_last_seen_pending',
    help: 'Ids waiting for their last seen to be bumped.',
    registers: [registry],
    collect() {
      this.set(core.lastSeen.pending);
    },
  });

  return {
    recorded(outcomes) {
      // Counted per call, not per string, to keep the warm path cheap.
      const counts = new Map<FetchType, number>();
      for (const group of outcomes)
        for (const o of group) counts.set(o.fetchType, (counts.get(o.fetchType) ?? 0) + 1);
      for (const fetchType of FETCH_TYPES) {
        const count = counts.get(fetchType);
        if (count !== undefined) strings.inc({ fetch_type: fetchType }, count);
      }
    },
    batched(outcomes) {
      for (const o of outcomes)
        buckets.inc({ outcome: o.kind, reason: o.kind === 'indexed' ? '' : o.reason });
    },
  };
}
