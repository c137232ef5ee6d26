import {
  UseCaseKey,
  referenceUseCaseRegistry,
  type UseCaseId,
  type UseCaseRegistry,
} from '@mindex/use-case-registry';
import type { OptionDefinition } from './option-definition.js';
import { DEFAULT_CARDINALITY_QUOTA, getOptionDefinition } from './option-definitions.js';
import { OPTION_NAMES } from './option-names.js';
import type { OptionType, OptionValue, OptionValueOf, Quota } from './option-value.js';
import { validateAgainstDefinition } from './validate-option-value.js';

/** The part of a use-case registry the view needs: option names per use case, with fallbacks applied. */
export type OptionNameRegistry = Pick<
  UseCaseRegistry,
  'writesLimitOptionNames' | 'cardinalityLimitOptionName'
>;

export interface WritesLimitQuotas {
  readonly perOrg: readonly Quota[];
  readonly global: readonly Quota[];
}

/**
 * Typed reads of a set of option values (for example the last snapshot a WatchOptions stream delivered). A value
 * that is missing, of the wrong type or invalid reads as the option's default, so a reader never sees a value the
 * configuration service would have refused.
 */
export interface OptionsView {
  /** The value of an option (or its default); undefined only for a name that is not an option. */
  get(name: string): OptionValue | undefined;
  /** The per-org and global writes-limit quotas of a use case (spec §5.1, registry names with fallback). */
  writesLimitQuotas(useCaseId: UseCaseId): WritesLimitQuotas;
  /** The one cardinality quota of a use case (spec §5.2, registry name with fallback). */
  cardinalityQuota(useCaseId: UseCaseId): Quota;
  /** The cardinality limiter's org rollout rate of a metric path (spec §5.2). */
  rolloutRate(useCaseKey: UseCaseKey): number;
  /** Namespaces whose buckets the indexer skips (spec §7.3). */
  disabledNamespaces(): readonly string[];
  /** The schema-validation sampling rate of a use case on a path: rules[useCase] ?? 1.0 (spec §7.3). */
  schemaValidationRate(useCaseKey: UseCaseKey, useCaseId: UseCaseId): number;
  /** `sentry-metrics.10s-granularity` (spec §7.7). */
  tenSecondGranularity(): boolean;
  /** Use cases whose metrics drop percentiles (spec §7.7). */
  dropPercentilesUseCases(): readonly string[];
  /** Share of resolve misses that skip the cache write-back (spec §4.5). */
  disableMemcacheReplenishRollout(): number;
  readNewCacheNamespace(): boolean;
  writeNewCacheNamespace(): boolean;
  cacheTtlSeconds(): number;
  cacheMaxEntries(): number;
  cacheMaxBytes(): number;
  debugLogSampleRate(): number;
}

export function createOptionsView(
  values: ReadonlyMap<string, OptionValue>,
  registry: OptionNameRegistry = referenceUseCaseRegistry(),
): OptionsView {
  const cache = new Map<string, OptionValue>();

  const effective = (definition: OptionDefinition): OptionValue => {
    const known = cache.get(definition.name);
    if (known !== undefined) return known;
    const raw = values.get(definition.name);
    const checked = raw === undefined ? undefined : validateAgainstDefinition(definition, raw);
    const value = checked?.ok === true ? checked.value : definition.defaultValue;
    cache.set(definition.name, value);
    return value;
  };

  const get = (name: string): OptionValue | undefined => {
    const definition = getOptionDefinition(name);
    return definition === undefined ? undefined : effective(definition);
  };

  function read<T extends OptionType>(name: string, type: T): OptionValueOf<T> | undefined {
    const value = get(name);
    if (value?.type !== type) return undefined;
    return value.value as OptionValueOf<T>;
  }

  // For the options this lib defines itself; a missing one is a bug here, not bad input.
  function defined<T extends OptionType>(name: string, type: T): OptionValueOf<T> {
    const value = read(name, type);
    if (value === undefined) throw new Error(`runtime option ${name} is not defined as a ${type}`);
    return value;
  }

  // Registry-named quota options may be undefined here (a custom registry): they mean "no quotas".
  const quotas = (name: string): readonly Quota[] => read(name, 'quota-list') ?? [];

  const schemaOption = (key: UseCaseKey): string =>
    key === UseCaseKey.RELEASE_HEALTH
      ? OPTION_NAMES.releaseHealthSchemaValidationRules
      : OPTION_NAMES.genericMetricsSchemaValidationRules;

  return {
    get,
    writesLimitQuotas(useCaseId) {
      const names = registry.writesLimitOptionNames(useCaseId);
      return { perOrg: quotas(names.perOrg), global: quotas(names.global) };
    },
    cardinalityQuota(useCaseId) {
      return quotas(registry.cardinalityLimitOptionName(useCaseId))[0] ?? DEFAULT_CARDINALITY_QUOTA;
    },
    rolloutRate(useCaseKey) {
      const name =
        useCaseKey === UseCaseKey.RELEASE_HEALTH
          ? OPTION_NAMES.cardinalityRolloutRateReleaseHealth
          : OPTION_NAMES.cardinalityRolloutRatePerformance;
      return defined(name, 'double');
    },
    disabledNamespaces: () => defined(OPTION_NAMES.disabledNamespaces, 'string-list'),
    schemaValidationRate(useCaseKey, useCaseId) {
      const rules = defined(schemaOption(useCaseKey), 'rate-map');
      return Object.hasOwn(rules, useCaseId) ? (rules[useCaseId] ?? 1.0) : 1.0;
    },
    tenSecondGranularity: () => defined(OPTION_NAMES.tenSecondGranularity, 'bool'),
    dropPercentilesUseCases: () => defined(OPTION_NAMES.dropPercentilesPerUseCase, 'string-list'),
    disableMemcacheReplenishRollout: () => defined(OPTION_NAMES.disableMemcacheReplenishRollout, 'double'),
    readNewCacheNamespace: () => defined(OPTION_NAMES.readNewCacheNamespace, 'bool'),
    writeNewCacheNamespace: () => defined(OPTION_NAMES.writeNewCacheNamespace, 'bool'),
    cacheTtlSeconds: () => defined(OPTION_NAMES.cacheTtlSeconds, 'int'),
    cacheMaxEntries: () => defined(OPTION_NAMES.cacheMaxEntries, 'int'),
    cacheMaxBytes: () => defined(OPTION_NAMES.cacheMaxBytes, 'int'),
    debugLogSampleRate: () => defined(OPTION_NAMES.debugLogSampleRate, 'double'),
  };
}
