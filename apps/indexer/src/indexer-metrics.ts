import type { MongoClient } from 'mongodb';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { IndexerCore } from './create-indexer-core.js';
import { FetchType } from './indexer/fetch-type.js';
import type { IndexerOptions } from './options/indexer-options.js';
import type { IndexerServiceObserver } from './service/indexer-service.js';

const FETCH_TYPES = Object.values(FetchType);

/**
 * The indexer's own metrics (spec §9.4 in spirit): strings recorded per fetch type, bucket outcomes with
 * their reasons, gauges of the cache, the last-seen queue and the options version read at scrape time, and the
 * latency of every MongoDB command (when a client is given).
 */
export function registerIndexerMetrics(
  registry: Registry,
  core: IndexerCore,
  sources: { mongo?: MongoClient; options?: IndexerOptions } = {},
): IndexerServiceObserver {
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

  const { mongo, options } = sources;
  if (options) {
    new Gauge({
      name: 'mindex_indexer_options_version',
      help: 'The configuration-service options version this indexer runs on (0: defaults and environment only).',
      registers: [registry],
      collect() {
        this.set(Number(options.version));
      },
    });
  }
  if (mongo) {
    const latency = new Histogram({
      name: 'mindex_indexer_mongodb_command_seconds',
      help: 'MongoDB command latency by command and outcome.',
      labelNames: ['command', 'outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
    mongo.on('commandSucceeded', (e) =>
      latency.observe({ command: e.commandName, outcome: 'ok' }, e.duration / 1000),
    );
    mongo.on('commandFailed', (e) =>
      latency.observe({ command: e.commandName, outcome: 'error' }, e.duration / 1000),
    );
  }

  return {
    recorded(outcomes) {
      // Counted per call, not per string, to keep the warm path cheap.
      // Cache hits (nearly all of the warm path) are counted in a local; the rest by fetch type.
      let cacheHits = 0;
      const counts = new Map<FetchType, number>();
      for (const group of outcomes) {
        for (const o of group) {
          if (o.fetchType === FetchType.CACHE_HIT) cacheHits++;
          else counts.set(o.fetchType, (counts.get(o.fetchType) ?? 0) + 1);
        }
      }
      if (cacheHits > 0) counts.set(FetchType.CACHE_HIT, cacheHits);
      for (const fetchType of FETCH_TYPES) {
        const count = counts.get(fetchType);
        if (count !== undefined) strings.inc({ fetch_type: fetchType }, count);
      }
    },
    recordedFromMemory(cacheHits, hardcoded) {
      if (cacheHits > 0) strings.inc({ fetch_type: FetchType.CACHE_HIT }, cacheHits);
      if (hardcoded > 0) strings.inc({ fetch_type: FetchType.HARDCODED }, hardcoded);
    },
    batched(outcomes) {
      for (const o of outcomes)
        buckets.inc({ outcome: o.kind, reason: o.kind === 'indexed' ? '' : o.reason });
    },
  };
}
