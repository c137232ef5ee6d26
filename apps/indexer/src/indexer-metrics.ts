import { Gauge, type Registry } from 'prom-client';
import type { IndexerCore } from './create-indexer-core.js';

/** Gauges read at scrape time: cache size and the last-seen queue. */
export function registerIndexerMetrics(registry: Registry, core: IndexerCore): void {
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
}
