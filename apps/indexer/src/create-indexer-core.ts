import { currentCallSignal } from '@mindex/rpc-server';
import type { OptionsView } from '@mindex/runtime-options';
import { UseCaseKey, type UseCaseId, type UseCaseRegistry } from '@mindex/use-case-registry';
import { createBatchIndexer, type BatchIndexer } from './index-batch/index-batch.js';
import type { MetricsBlocking } from './index-batch/metrics-blocking.js';
import {
  createAdmission,
  DEFAULT_ADMISSION_LIMITS,
  type Admission,
  type AdmissionLimits,
} from './overload/admission.js';
import { createAdmissionIndexer } from './overload/admission-indexer.js';
import { createCallSignals, type CallSignals } from './overload/call-signals.js';
import { createCachingIndexer } from './indexer/caching-indexer.js';
import { createDatabaseIndexer } from './indexer/database-indexer.js';
import { createIdAllocator } from './indexer/id-allocator.js';
import { createIndexerCache, type IndexerCache } from './indexer/indexer-cache.js';
import { createSharedStrings, type SharedStrings } from './indexer/shared-strings.js';
import { createStaticStringIndexer } from './indexer/static-string-indexer.js';
import type { StringIndexer } from './indexer/string-indexer.js';
import { createLastSeenUpdater, type LastSeenUpdater } from './jobs/last-seen-updater.js';
import { createCardinalityLimiter } from './limiters/cardinality-limiter.js';
import type { CardinalityStore } from './limiters/cardinality-store.js';
import { createSlidingWindowLimiter } from './limiters/sliding-window-limiter.js';
import type { WindowStore } from './limiters/window-store.js';
import { createWritesLimiter } from './limiters/writes-limiter.js';
import type { IdBlockSource, MappingScope, MappingStore } from './store/mapping-store.js';

export interface IndexerCoreDeps {
  mappings: MappingStore;
  idSource: IdBlockSource;
  windows: WindowStore;
  cardinality: CardinalityStore;
  registry: UseCaseRegistry;
  /** The current runtime options (read per call, so changes apply live). */
  options: () => OptionsView;
  now: () => number;
  random: () => number;
  /** Retention of new mappings; Sentry's column default is 90. */
  retentionDays?: number;
  /** Projects' blocked metrics and tags for IndexBatch; none: nothing is blocked. */
  blocking?: MetricsBlocking;
  /** Bounds on concurrent database-bound work (default DEFAULT_ADMISSION_LIMITS). */
  admission?: AdmissionLimits;
}

/** The indexer's domain objects, wired: the layered string indexer and what IndexBatch needs. */
export interface IndexerCore {
  /** Static strings → cache → database (with the writes limiter). */
  indexer: StringIndexer;
  shared: SharedStrings;
  cache: IndexerCache;
  lastSeen: LastSeenUpdater;
  batchIndexer: BatchIndexer;
  /** Carries each call's signal to the layers (the service runs handlers in it). */
  signals: CallSignals;
  admission: Admission;
}

export const DEFAULT_RETENTION_DAYS = 90;

/** Release-health mappings are per org; generic ones per use case and org (spec §4.6). */
export function mappingScopeOf(registry: UseCaseRegistry, useCase: UseCaseId): MappingScope {
  const path = registry.metricPath(useCase);
  if (path === undefined) throw new Error(`use case ${JSON.stringify(useCase)} reached storage unvalidated`);
  return path === UseCaseKey.RELEASE_HEALTH ? { path, useCase: '' } : { path, useCase };
}

export function createIndexerCore(deps: IndexerCoreDeps): IndexerCore {
  const shared = createSharedStrings();
  const lastSeen = createLastSeenUpdater({ store: deps.mappings, now: deps.now });
  const writesLimiter = createWritesLimiter({
    limiter: createSlidingWindowLimiter(deps.windows),
    optionNames: (useCase) => deps.registry.writesLimitOptionNames(useCase),
    quotaList: (name) => {
      const value = deps.options().get(name);
      return value?.type === 'quota-list' ? value.value : [];
    },
  });
  const signals = createCallSignals(currentCallSignal);
  const admission = createAdmission(deps.admission ?? DEFAULT_ADMISSION_LIMITS);
  const database = createDatabaseIndexer({
    checkpoint: signals.checkpoint,
    store: deps.mappings,
    ids: createIdAllocator(deps.idSource),
    writesLimiter,
    scopeOf: (useCase) => mappingScopeOf(deps.registry, useCase),
    onRead: (mapping, nowMs) => lastSeen.noteRead(mapping, nowMs),
    now: deps.now,
    retentionDays: deps.retentionDays ?? DEFAULT_RETENTION_DAYS,
  });
  const cache = createIndexerCache({
    now: deps.now,
    random: deps.random,
    settings: () => {
      const options = deps.options();
      return {
        ttlSeconds: options.cacheTtlSeconds(),
        maxEntries: options.cacheMaxEntries(),
        maxBytes: options.cacheMaxBytes(),
      };
    },
  });
  const caching = createCachingIndexer(cache, createAdmissionIndexer(database, admission, signals), {
    replenishSkipRate: () => deps.options().disableMemcacheReplenishRollout(),
    random: deps.random,
  });
  const indexer = createStaticStringIndexer(shared, caching);
  const cardinality = createCardinalityLimiter({
    store: deps.cardinality,
    rolloutRate: (path) => deps.options().rolloutRate(path),
    quotas: (useCase) => {
      const name = deps.registry.cardinalityLimitOptionName(useCase);
      const value = deps.options().get(name);
      return value?.type === 'quota-list' ? value.value : [];
    },
  });
  const batchIndexer = createBatchIndexer({
    indexer,
    cardinality,
    registry: deps.registry,
    options: deps.options,
    now: deps.now,
    blocking: deps.blocking,
  });
  return { indexer, shared, cache, lastSeen, batchIndexer, signals, admission };
}
