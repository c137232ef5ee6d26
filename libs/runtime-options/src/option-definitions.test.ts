import { UseCaseKey, referenceUseCaseRegistry } from '@mindex/use-case-registry';
import { describe, expect, it } from 'vitest';
import { OPTION_DEFINITIONS, getOptionDefinition, listOptionDefinitions } from './option-definitions.js';
import type { OptionValue } from './option-value.js';
import { validateOptionValue } from './validate-option-value.js';

const NO_QUOTAS: OptionValue = { type: 'quota-list', value: [] };
const CARDINALITY: OptionValue = {
  type: 'quota-list',
  value: [{ windowSeconds: 3600, granularitySeconds: 600, limit: 10000 }],
};
const writesNamespaces = [
  'performance',
  'transactions',
  'sessions',
  'spans',
  'releasehealth',
  'custom',
  'generic-metrics',
];
const cardinalityNamespaces = ['transactions', 'sessions', 'spans', 'custom', 'profiles', 'generic-metrics'];

const EXPECTED_DEFAULTS: [string, OptionValue][] = [
  ...writesNamespaces.flatMap((ns): [string, OptionValue][] => [
    [`sentry-metrics.writes-limiter.limits.${ns}.per-org`, NO_QUOTAS],
    [`sentry-metrics.writes-limiter.limits.${ns}.global`, NO_QUOTAS],
  ]),
  ...cardinalityNamespaces.map((ns): [string, OptionValue] => [
    `sentry-metrics.cardinality-limiter.limits.${ns}.per-org`,
    CARDINALITY,
  ]),
  ['sentry-metrics.cardinality-limiter.orgs-rollout-rate', { type: 'double', value: 1.0 }],
  ['sentry-metrics.cardinality-limiter-rh.orgs-rollout-rate', { type: 'double', value: 0.0 }],
  ['sentry-metrics.indexer.disabled-namespaces', { type: 'string-list', value: [] }],
  ['sentry-metrics.indexer.release-health.schema-validation-rules', { type: 'rate-map', value: {} }],
  ['sentry-metrics.indexer.generic-metrics.schema-validation-rules', { type: 'rate-map', value: {} }],
  ['sentry-metrics.10s-granularity', { type: 'bool', value: false }],
  ['sentry-metrics.drop-percentiles.per-use-case', { type: 'string-list', value: [] }],
  ['sentry-metrics.indexer.disable-memcache-replenish-rollout', { type: 'double', value: 0.0 }],
  ['sentry-metrics.indexer.read-new-cache-namespace', { type: 'bool', value: false }],
  ['sentry-metrics.indexer.write-new-cache-namespace', { type: 'bool', value: false }],
  ['mindex.indexer.cache.ttl-seconds', { type: 'int', value: 7200 }],
  ['mindex.indexer.cache.max-entries', { type: 'int', value: 1000000 }],
  ['mindex.indexer.cache.max-bytes', { type: 'int', value: 268435456 }],
  ['mindex.indexer.debug-log-sample-rate', { type: 'double', value: 0.01 }],
];

describe('option definitions', () => {
  it.each(EXPECTED_DEFAULTS)('%s defaults to the spec value', (name, expected) => {
    const definition = getOptionDefinition(name);
    expect(definition?.type).toBe(expected.type);
    expect(definition?.defaultValue).toEqual(expected);
  });

  it('defines exactly the expected options, sorted by name', () => {
    const names = OPTION_DEFINITIONS.map((d) => d.name);
    expect(names).toEqual(EXPECTED_DEFAULTS.map(([name]) => name).sort());
  });

  it.each(OPTION_DEFINITIONS.map((d) => [d.name, d] as const))(
    'the default of %s passes its own validation',
    (name, d) => {
      const result = validateOptionValue(name, d.defaultValue);
      expect(result.ok).toBe(true);
      expect(d.description.length).toBeGreaterThan(20);
    },
  );

  it.each(
    referenceUseCaseRegistry()
      .useCaseIds()
      .map((id) => [id]),
  )('every option the registry names for %s is defined', (useCaseId) => {
    const registry = referenceUseCaseRegistry();
    const { perOrg, global } = registry.writesLimitOptionNames(useCaseId);
    for (const name of [perOrg, global, registry.cardinalityLimitOptionName(useCaseId)]) {
      expect(getOptionDefinition(name)?.type).toBe('quota-list');
    }
  });

  it.each([[UseCaseKey.PERFORMANCE], [UseCaseKey.RELEASE_HEALTH]])(
    'the rollout option of %s is defined',
    (key) => {
      const name =
        key === UseCaseKey.PERFORMANCE
          ? 'sentry-metrics.cardinality-limiter.orgs-rollout-rate'
          : 'sentry-metrics.cardinality-limiter-rh.orgs-rollout-rate';
      expect(getOptionDefinition(name)?.type).toBe('double');
    },
  );

  it('returns undefined for a name that is not an option', () => {
    expect(getOptionDefinition('sentry-metrics.nope')).toBeUndefined();
  });

  it('lists by prefix', () => {
    expect(listOptionDefinitions('mindex.indexer.cache.').map((d) => d.name)).toEqual([
      'mindex.indexer.cache.max-bytes',
      'mindex.indexer.cache.max-entries',
      'mindex.indexer.cache.ttl-seconds',
    ]);
    expect(listOptionDefinitions('sentry-metrics.writes-limiter.')).toHaveLength(14);
    expect(listOptionDefinitions()).toBe(OPTION_DEFINITIONS);
  });
});
