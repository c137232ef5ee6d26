import type { OptionDefinition } from './option-definition.js';
import {
  CARDINALITY_LIMIT_NAMESPACES,
  OPTION_NAMES,
  WRITES_LIMIT_NAMESPACES,
  cardinalityLimitOptionNameOf,
  writesLimitOptionName,
} from './option-names.js';
import type { OptionValue, Quota } from './option-value.js';

/** The cardinality quota every per-org cardinality option defaults to (spec §5.2, 2024 defaults). */
export const DEFAULT_CARDINALITY_QUOTA: Quota = Object.freeze({
  windowSeconds: 3600,
  granularitySeconds: 600,
  limit: 10000,
});

/** `SENTRY_METRICS_INDEXER_CACHE_TTL` (spec §4.5, §6.5). */
export const DEFAULT_CACHE_TTL_SECONDS = 7200;
export const DEFAULT_CACHE_MAX_ENTRIES = 1_000_000;
export const DEFAULT_CACHE_MAX_BYTES = 268_435_456;

const RATE = { min: 0, max: 1 } as const;
const CARDINALITY_EXACTLY_ONE = {
  count: 1,
  why:
    "Sentry's cardinality limiter raises on any other length ('quotas cannot be empty', 'multiple quotas are " +
    "actually unsupported') and crashes batch processing; to disable limiting set the orgs rollout rate to 0",
} as const;

const bool = (value: boolean): OptionValue => ({ type: 'bool', value });
const int = (value: number): OptionValue => ({ type: 'int', value });
const double = (value: number): OptionValue => ({ type: 'double', value });
const quotas = (value: readonly Quota[]): OptionValue => ({ type: 'quota-list', value });
const strings = (value: readonly string[]): OptionValue => ({ type: 'string-list', value });
const rates = (value: Readonly<Record<string, number>>): OptionValue => ({ type: 'rate-map', value });

function writesLimitDefinitions(): OptionDefinition[] {
  return WRITES_LIMIT_NAMESPACES.flatMap((namespace) => [
    {
      name: writesLimitOptionName(namespace, 'per-org'),
      type: 'quota-list' as const,
      defaultValue: quotas([]),
      description:
        `Writes limiter (spec §5.1): quotas on how many new strings one organization may create, for the ` +
        `use cases whose writes-limit options are "${namespace}". Empty means no limit.`,
      constraints: {},
    },
    {
      name: writesLimitOptionName(namespace, 'global'),
      type: 'quota-list' as const,
      defaultValue: quotas([]),
      description:
        `Writes limiter (spec §5.1): quotas on how many new strings all organizations together may create, ` +
        `for the use cases whose writes-limit options are "${namespace}". Empty means no limit.`,
      constraints: {},
    },
  ]);
}

function cardinalityLimitDefinitions(): OptionDefinition[] {
  return CARDINALITY_LIMIT_NAMESPACES.map((namespace) => ({
    name: cardinalityLimitOptionNameOf(namespace),
    type: 'quota-list' as const,
    defaultValue: quotas([DEFAULT_CARDINALITY_QUOTA]),
    description:
      `Cardinality limiter (spec §5.2): how many distinct timeseries one organization may have per window, for ` +
      `the use cases whose cardinality option is "${namespace}". Exactly one quota.`,
    constraints: { exactQuotas: CARDINALITY_EXACTLY_ONE },
  }));
}

function otherDefinitions(): OptionDefinition[] {
  return [
    {
      name: OPTION_NAMES.cardinalityRolloutRatePerformance,
      type: 'double',
      defaultValue: double(1.0),
      description:
        'Share of organizations the cardinality limiter applies to on the performance path, in [0, 1]; an ' +
        'org is limited iff (org_id % 100) < 100 × rate (spec §5.2).',
      constraints: RATE,
    },
    {
      name: OPTION_NAMES.cardinalityRolloutRateReleaseHealth,
      type: 'double',
      defaultValue: double(0.0),
      description:
        'Share of organizations the cardinality limiter applies to on the release-health path, in [0, 1] ' +
        '(spec §5.2).',
      constraints: RATE,
    },
    {
      name: OPTION_NAMES.disabledNamespaces,
      type: 'string-list',
      defaultValue: strings([]),
      description:
        'Use-case namespaces whose buckets the indexer silently skips (filtered, not invalid) (spec §7.3).',
      constraints: {},
    },
    {
      name: OPTION_NAMES.releaseHealthSchemaValidationRules,
      type: 'rate-map',
      defaultValue: rates({}),
      description:
        'Release-health schema validation: use-case id → share of buckets validated against the JSON schema, ' +
        'in [0, 1]; a use case not listed is always validated (spec §6.1, §7.3).',
      constraints: RATE,
    },
    {
      name: OPTION_NAMES.genericMetricsSchemaValidationRules,
      type: 'rate-map',
      defaultValue: rates({}),
      description:
        'Generic-metrics schema validation: use-case id → share of buckets validated against the JSON schema, ' +
        'in [0, 1]; a use case not listed is always validated (spec §6.1, §7.3).',
      constraints: RATE,
    },
    {
      name: OPTION_NAMES.tenSecondGranularity,
      type: 'bool',
      defaultValue: bool(false),
      description: 'When true, custom metrics get the "ten_second" aggregation option (spec §7.7).',
      constraints: {},
    },
    {
      name: OPTION_NAMES.dropPercentilesPerUseCase,
      type: 'string-list',
      defaultValue: strings([]),
      description:
        'Use cases whose metrics get the "disable_percentiles" aggregation option, which wins over ' +
        '"ten_second" (spec §7.7).',
      constraints: {},
    },
    {
      name: OPTION_NAMES.disableMemcacheReplenishRollout,
      type: 'double',
      defaultValue: double(0.0),
      description:
        'Share of resolve cache misses that do NOT write the resolved id back to the cache, in [0, 1]; 0 ' +
        'always replenishes (spec §4.5).',
      constraints: RATE,
    },
    {
      name: OPTION_NAMES.readNewCacheNamespace,
      type: 'bool',
      defaultValue: bool(false),
      description: 'Read the namespaced ("br"/"res") cache keys, with staleness validation (spec §4.5).',
      constraints: {},
    },
    {
      name: OPTION_NAMES.writeNewCacheNamespace,
      type: 'bool',
      defaultValue: bool(false),
      description: 'Also write and delete the namespaced cache keys, besides the legacy ones (spec §4.5).',
      constraints: {},
    },
    {
      name: OPTION_NAMES.cacheTtlSeconds,
      type: 'int',
      defaultValue: int(DEFAULT_CACHE_TTL_SECONDS),
      description:
        'Indexer cache TTL base T in seconds; each entry lives T plus up to 25% jitter ' +
        '(SENTRY_METRICS_INDEXER_CACHE_TTL, spec §4.5). Positive.',
      constraints: { min: 1 },
    },
    {
      name: OPTION_NAMES.cacheMaxEntries,
      type: 'int',
      defaultValue: int(DEFAULT_CACHE_MAX_ENTRIES),
      description: "Largest number of entries the indexer's in-process cache holds. 0 disables the cache.",
      constraints: { min: 0 },
    },
    {
      name: OPTION_NAMES.cacheMaxBytes,
      type: 'int',
      defaultValue: int(DEFAULT_CACHE_MAX_BYTES),
      description: "Largest estimated size in bytes of the indexer's in-process cache. 0 disables the cache.",
      constraints: { min: 0 },
    },
    {
      name: OPTION_NAMES.debugLogSampleRate,
      type: 'double',
      defaultValue: double(0.01),
      description:
        'Share of batches that log dropped buckets in detail, in [0, 1] ' +
        '(SENTRY_METRICS_INDEXER_DEBUG_LOG_SAMPLE_RATE, spec §5.2, §6.5).',
      constraints: RATE,
    },
  ];
}

function freezeDefinitions(definitions: OptionDefinition[]): readonly OptionDefinition[] {
  return Object.freeze(
    definitions
      .map((definition) => Object.freeze({ ...definition }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  );
}

/** Every runtime option the indexer and query services read, sorted by name. */
export const OPTION_DEFINITIONS: readonly OptionDefinition[] = freezeDefinitions([
  ...writesLimitDefinitions(),
  ...cardinalityLimitDefinitions(),
  ...otherDefinitions(),
]);

const BY_NAME: ReadonlyMap<string, OptionDefinition> = new Map(OPTION_DEFINITIONS.map((d) => [d.name, d]));

/** The definition of an option, or undefined for a name that is not an option. */
export function getOptionDefinition(name: string): OptionDefinition | undefined {
  return BY_NAME.get(name);
}

/** Every option definition, sorted by name; with a prefix, only the names that start with it. */
export function listOptionDefinitions(prefix = ''): readonly OptionDefinition[] {
  return prefix === '' ? OPTION_DEFINITIONS : OPTION_DEFINITIONS.filter((d) => d.name.startsWith(prefix));
}
