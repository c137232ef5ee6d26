// Names of the runtime options the indexer and query services read (spec §4.5, §5, §6.1, §7.3, §7.7).

const WRITES = 'sentry-metrics.writes-limiter.limits';
const CARDINALITY = 'sentry-metrics.cardinality-limiter.limits';

/** Namespaces of the writes-limit options (spec §5.1); each has `.per-org` and `.global`. */
export const WRITES_LIMIT_NAMESPACES = [
  'performance',
  'transactions',
  'sessions',
  'spans',
  'releasehealth',
  'custom',
  'generic-metrics',
] as const;

/** Namespaces of the per-org cardinality-limit options (spec §5.2). */
export const CARDINALITY_LIMIT_NAMESPACES = [
  'transactions',
  'sessions',
  'spans',
  'custom',
  'profiles',
  'generic-metrics',
] as const;

export function writesLimitOptionName(namespace: string, scope: 'per-org' | 'global'): string {
  return `${WRITES}.${namespace}.${scope}`;
}

export function cardinalityLimitOptionNameOf(namespace: string): string {
  return `${CARDINALITY}.${namespace}.per-org`;
}

export const OPTION_NAMES = {
  cardinalityRolloutRatePerformance: 'sentry-metrics.cardinality-limiter.orgs-rollout-rate',
  cardinalityRolloutRateReleaseHealth: 'sentry-metrics.cardinality-limiter-rh.orgs-rollout-rate',
  disabledNamespaces: 'sentry-metrics.indexer.disabled-namespaces',
  releaseHealthSchemaValidationRules: 'sentry-metrics.indexer.release-health.schema-validation-rules',
  genericMetricsSchemaValidationRules: 'sentry-metrics.indexer.generic-metrics.schema-validation-rules',
  tenSecondGranularity: 'sentry-metrics.10s-granularity',
  dropPercentilesPerUseCase: 'sentry-metrics.drop-percentiles.per-use-case',
  disableMemcacheReplenishRollout: 'sentry-metrics.indexer.disable-memcache-replenish-rollout',
  readNewCacheNamespace: 'sentry-metrics.indexer.read-new-cache-namespace',
  writeNewCacheNamespace: 'sentry-metrics.indexer.write-new-cache-namespace',
  cacheTtlSeconds: 'mindex.indexer.cache.ttl-seconds',
  cacheMaxEntries: 'mindex.indexer.cache.max-entries',
  cacheMaxBytes: 'mindex.indexer.cache.max-bytes',
  debugLogSampleRate: 'mindex.indexer.debug-log-sample-rate',
} as const;
