import { describe, expect, it } from 'vitest';
import {
  METRIC_PATH_MAPPING,
  REVERSE_METRIC_PATH_MAPPING,
  cardinalityLimitOptionName,
  extractUseCaseId,
  getMetricPathFromUseCase,
  getUseCaseIdApiAccess,
  isUseCaseId,
  referenceUseCaseRegistry,
  stringToUseCaseId,
  toUseCaseId,
  writesLimitOptionNames,
} from './reference-use-case-registry.js';
import { UseCaseApiAccess } from './use-case-api-access.js';
import { UseCaseId } from './use-case-id.js';
import { UseCaseKey } from './use-case-key.js';

describe('helpers over the reference registry', () => {
  it('has the exact UseCaseKey and UseCaseId values', () => {
    expect(UseCaseKey).toEqual({ RELEASE_HEALTH: 'release-health', PERFORMANCE: 'performance' });
    expect(UseCaseId).toEqual({
      SPANS: 'spans',
      TRANSACTIONS: 'transactions',
      SESSIONS: 'sessions',
      ESCALATING_ISSUES: 'escalating_issues',
      CUSTOM: 'custom',
      PROFILES: 'profiles',
      METRIC_STATS: 'metric_stats',
    });
    expect(UseCaseApiAccess).toEqual({ PUBLIC: 0, PRIVATE: 1 });
  });

  it('exposes METRIC_PATH_MAPPING both ways', () => {
    expect(METRIC_PATH_MAPPING).toEqual({
      spans: 'performance',
      transactions: 'performance',
      sessions: 'release-health',
      escalating_issues: 'performance',
      custom: 'performance',
      profiles: 'performance',
      metric_stats: 'performance',
    });
    expect(REVERSE_METRIC_PATH_MAPPING).toEqual({
      'release-health': 'sessions',
      performance: 'transactions',
    });
  });

  it('builds the reference registry once', () => {
    expect(referenceUseCaseRegistry()).toBe(referenceUseCaseRegistry());
  });

  it('delegates every helper to the reference registry', () => {
    expect(isUseCaseId('spans')).toBe(true);
    expect(isUseCaseId('release-health')).toBe(false);
    expect(toUseCaseId('release-health')).toBe('sessions');
    expect(stringToUseCaseId('performance')).toStrictEqual({ ok: true, useCaseId: 'transactions' });
    expect(stringToUseCaseId('foo').ok).toBe(false);
    expect(extractUseCaseId('d:spans/duration@millisecond')).toStrictEqual({ ok: true, useCaseId: 'spans' });
    expect(getMetricPathFromUseCase('sessions')).toBe('release-health');
    expect(getUseCaseIdApiAccess('profiles')).toBe(UseCaseApiAccess.PRIVATE);
    expect(writesLimitOptionNames('sessions').perOrg).toBe(
      'sentry-metrics.writes-limiter.limits.releasehealth.per-org',
    );
    expect(cardinalityLimitOptionName('spans')).toBe(
      'sentry-metrics.cardinality-limiter.limits.spans.per-org',
    );
  });
});
