import { createUseCaseRegistry } from '@mindex/use-case-registry';
import { describe, expect, it } from 'vitest';
import { typedOptions } from '../../test/support/indexer-harness.js';
import { createIndexerOptions } from './indexer-options.js';

const registry = createUseCaseRegistry();
const TTL = 'mindex.indexer.cache.ttl-seconds';
const DISABLED = 'sentry-metrics.indexer.disabled-namespaces';

describe('createIndexerOptions', () => {
  it('reads defaults when nothing is set', () => {
    const options = createIndexerOptions(new Map(), registry);
    expect(options.current().cacheTtlSeconds()).toBe(7200);
    expect(options.current().writesLimitQuotas('spans')).toEqual({ perOrg: [], global: [] });
    expect(options.version).toBe(0n);
  });

  it('layers defaults < environment < values set in the configuration service', () => {
    const options = createIndexerOptions(typedOptions({ [TTL]: 60, [DISABLED]: ['custom'] }), registry);
    expect(options.current().cacheTtlSeconds()).toBe(60);
    options.applySnapshot(typedOptions({ [TTL]: 30 }), 4n);
    expect(options.current().cacheTtlSeconds()).toBe(30);
    expect(options.current().disabledNamespaces()).toEqual(['custom']);
    expect(options.version).toBe(4n);
  });

  it('applies changes one by one; a reset falls back to the environment value', () => {
    const options = createIndexerOptions(typedOptions({ [TTL]: 60 }), registry);
    options.applySnapshot(new Map(), 1n);
    options.applyChange(TTL, typedOptions({ [TTL]: 10 }).get(TTL), 2n);
    expect(options.current().cacheTtlSeconds()).toBe(10);
    options.applyChange(TTL, undefined, 3n);
    expect(options.current().cacheTtlSeconds()).toBe(60);
    expect(options.version).toBe(3n);
  });

  it('reads per-use-case writes limits through the registry names with fallback', () => {
    const quota = [{ window_seconds: 10, granularity_seconds: 10, limit: 3 }];
    const options = createIndexerOptions(
      typedOptions({
        'sentry-metrics.writes-limiter.limits.generic-metrics.per-org': quota,
        'sentry-metrics.writes-limiter.limits.releasehealth.global': quota,
      }),
      registry,
    );
    expect(options.current().writesLimitQuotas('profiles').perOrg).toEqual([
      { windowSeconds: 10, granularitySeconds: 10, limit: 3 },
    ]);
    expect(options.current().writesLimitQuotas('sessions').global).toHaveLength(1);
    expect(options.current().writesLimitQuotas('spans')).toEqual({ perOrg: [], global: [] });
  });
});
