import { UseCaseKey } from '@mindex/use-case-registry';
import { describe, expect, it } from 'vitest';
import type { OptionValue, Quota } from './option-value.js';
import { createOptionsView } from './options-view.js';

const q = (windowSeconds: number, granularitySeconds: number, limit: number): Quota => ({
  windowSeconds,
  granularitySeconds,
  limit,
});
const quotas = (...value: Quota[]): OptionValue => ({ type: 'quota-list', value });
const view = (entries: [string, OptionValue][] = []) => createOptionsView(new Map(entries));

describe('createOptionsView', () => {
  it('reads every default when no value is set', () => {
    const v = view();
    expect(v.writesLimitQuotas('spans')).toEqual({ perOrg: [], global: [] });
    expect(v.cardinalityQuota('custom')).toEqual(q(3600, 600, 10000));
    expect(v.rolloutRate(UseCaseKey.PERFORMANCE)).toBe(1.0);
    expect(v.rolloutRate(UseCaseKey.RELEASE_HEALTH)).toBe(0.0);
    expect(v.disabledNamespaces()).toEqual([]);
    expect(v.schemaValidationRate(UseCaseKey.PERFORMANCE, 'transactions')).toBe(1.0);
    expect(v.tenSecondGranularity()).toBe(false);
    expect(v.dropPercentilesUseCases()).toEqual([]);
    expect(v.disableMemcacheReplenishRollout()).toBe(0);
    expect(v.readNewCacheNamespace()).toBe(false);
    expect(v.writeNewCacheNamespace()).toBe(false);
    expect(v.cacheTtlSeconds()).toBe(7200);
    expect(v.cacheMaxEntries()).toBe(1_000_000);
    expect(v.cacheMaxBytes()).toBe(268_435_456);
    expect(v.debugLogSampleRate()).toBe(0.01);
  });

  it.each([
    ['spans', 'sentry-metrics.writes-limiter.limits.spans'],
    ['transactions', 'sentry-metrics.writes-limiter.limits.performance'],
    ['sessions', 'sentry-metrics.writes-limiter.limits.releasehealth'],
    ['custom', 'sentry-metrics.writes-limiter.limits.custom'],
    ['escalating_issues', 'sentry-metrics.writes-limiter.limits.generic-metrics'],
    ['profiles', 'sentry-metrics.writes-limiter.limits.generic-metrics'],
    ['unknown_use_case', 'sentry-metrics.writes-limiter.limits.generic-metrics'],
  ])('reads the writes limits of %s from %s.*', (useCaseId, prefix) => {
    const v = view([
      [`${prefix}.per-org`, quotas(q(10, 10, 1))],
      [`${prefix}.global`, quotas(q(60, 10, 5), q(3600, 60, 50))],
    ]);
    expect(v.writesLimitQuotas(useCaseId)).toEqual({
      perOrg: [q(10, 10, 1)],
      global: [q(60, 10, 5), q(3600, 60, 50)],
    });
  });

  it.each([
    ['transactions', 'sentry-metrics.cardinality-limiter.limits.transactions.per-org'],
    ['sessions', 'sentry-metrics.cardinality-limiter.limits.sessions.per-org'],
    ['spans', 'sentry-metrics.cardinality-limiter.limits.spans.per-org'],
    ['custom', 'sentry-metrics.cardinality-limiter.limits.custom.per-org'],
    ['profiles', 'sentry-metrics.cardinality-limiter.limits.profiles.per-org'],
    ['metric_stats', 'sentry-metrics.cardinality-limiter.limits.generic-metrics.per-org'],
  ])('reads the cardinality quota of %s from %s', (useCaseId, name) => {
    expect(view([[name, quotas(q(600, 60, 7))]]).cardinalityQuota(useCaseId)).toEqual(q(600, 60, 7));
  });

  it('falls back to the default for values that fail validation', () => {
    const v = view([
      ['sentry-metrics.cardinality-limiter.limits.custom.per-org', quotas()],
      ['sentry-metrics.writes-limiter.limits.spans.per-org', quotas(q(61, 10, 1))],
      ['sentry-metrics.cardinality-limiter.orgs-rollout-rate', { type: 'double', value: 3 }],
      ['mindex.indexer.cache.ttl-seconds', { type: 'string', value: '10' }],
    ]);
    expect(v.cardinalityQuota('custom')).toEqual(q(3600, 600, 10000));
    expect(v.writesLimitQuotas('spans').perOrg).toEqual([]);
    expect(v.rolloutRate(UseCaseKey.PERFORMANCE)).toBe(1.0);
    expect(v.cacheTtlSeconds()).toBe(7200);
  });

  it.each([
    [UseCaseKey.RELEASE_HEALTH, 'sentry-metrics.indexer.release-health.schema-validation-rules'],
    [UseCaseKey.PERFORMANCE, 'sentry-metrics.indexer.generic-metrics.schema-validation-rules'],
  ])('reads schema-validation rates of %s from %s, 1.0 when unlisted', (key, name) => {
    const v = view([[name, { type: 'rate-map', value: { transactions: 0, sessions: 0.5 } }]]);
    expect(v.schemaValidationRate(key, 'transactions')).toBe(0);
    expect(v.schemaValidationRate(key, 'sessions')).toBe(0.5);
    expect(v.schemaValidationRate(key, 'spans')).toBe(1.0);
    expect(v.schemaValidationRate(key, 'toString')).toBe(1.0);
  });

  it('reads set values', () => {
    const v = view([
      ['sentry-metrics.indexer.disabled-namespaces', { type: 'string-list', value: ['escalating_issues'] }],
      ['sentry-metrics.10s-granularity', { type: 'bool', value: true }],
      ['sentry-metrics.drop-percentiles.per-use-case', { type: 'string-list', value: ['transactions'] }],
      ['sentry-metrics.cardinality-limiter-rh.orgs-rollout-rate', { type: 'double', value: 0.3 }],
      ['mindex.indexer.cache.ttl-seconds', { type: 'int', value: 60 }],
    ]);
    expect(v.disabledNamespaces()).toEqual(['escalating_issues']);
    expect(v.tenSecondGranularity()).toBe(true);
    expect(v.dropPercentilesUseCases()).toEqual(['transactions']);
    expect(v.rolloutRate(UseCaseKey.RELEASE_HEALTH)).toBe(0.3);
    expect(v.cacheTtlSeconds()).toBe(60);
  });

  it('get returns the effective value, undefined for unknown names', () => {
    const v = view([['sentry-metrics.10s-granularity', { type: 'bool', value: true }]]);
    expect(v.get('sentry-metrics.10s-granularity')).toEqual({ type: 'bool', value: true });
    expect(v.get('sentry-metrics.indexer.disabled-namespaces')).toEqual({ type: 'string-list', value: [] });
    expect(v.get('nope')).toBeUndefined();
  });

  it('uses the registry it is given for option names', () => {
    const registry = {
      writesLimitOptionNames: () => ({
        perOrg: 'sentry-metrics.writes-limiter.limits.custom.per-org',
        global: 'not.an.option',
      }),
      cardinalityLimitOptionName: () => 'not.an.option',
    };
    const v = createOptionsView(
      new Map([['sentry-metrics.writes-limiter.limits.custom.per-org', quotas(q(10, 10, 3))]]),
      registry,
    );
    expect(v.writesLimitQuotas('anything')).toEqual({ perOrg: [q(10, 10, 3)], global: [] });
    expect(v.cardinalityQuota('anything')).toEqual(q(3600, 600, 10000));
  });
});
