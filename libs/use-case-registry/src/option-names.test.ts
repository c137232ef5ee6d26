import { describe, expect, it } from 'vitest';
import {
  CARDINALITY_LIMIT_FALLBACK_OPTION,
  CARDINALITY_LIMIT_OPTION_NAMES,
  WRITES_LIMIT_FALLBACK_PREFIX,
  WRITES_LIMIT_OPTION_NAMES,
  cardinalityRolloutOptionName,
} from './option-names.js';
import {
  cardinalityQuotaPrefix,
  useCaseIdOfCardinalityQuotaPrefix,
  writesLimitGlobalQuotaPrefix,
  writesLimitOrgQuotaPrefix,
} from './quota-prefixes.js';
import { REFERENCE_USE_CASES } from './reference-use-cases.js';

describe('limiter option names (spec §5.1, §5.2)', () => {
  it('has the fallbacks', () => {
    expect(WRITES_LIMIT_FALLBACK_PREFIX).toBe('sentry-metrics.writes-limiter.limits.generic-metrics');
    expect(CARDINALITY_LIMIT_FALLBACK_OPTION).toBe(
      'sentry-metrics.cardinality-limiter.limits.generic-metrics.per-org',
    );
  });

  it('lists the 14 writes-limit options', () => {
    expect(WRITES_LIMIT_OPTION_NAMES).toHaveLength(14);
    expect(WRITES_LIMIT_OPTION_NAMES).toContain('sentry-metrics.writes-limiter.limits.transactions.per-org');
    expect(WRITES_LIMIT_OPTION_NAMES).toContain(
      'sentry-metrics.writes-limiter.limits.generic-metrics.global',
    );
  });

  it('lists the 6 cardinality-limit options', () => {
    expect(CARDINALITY_LIMIT_OPTION_NAMES).toEqual([
      'sentry-metrics.cardinality-limiter.limits.transactions.per-org',
      'sentry-metrics.cardinality-limiter.limits.sessions.per-org',
      'sentry-metrics.cardinality-limiter.limits.spans.per-org',
      'sentry-metrics.cardinality-limiter.limits.custom.per-org',
      'sentry-metrics.cardinality-limiter.limits.profiles.per-org',
      'sentry-metrics.cardinality-limiter.limits.generic-metrics.per-org',
    ]);
  });

  it('declares every option the reference table names', () => {
    for (const entry of REFERENCE_USE_CASES) {
      if (entry.writesLimitOptionPrefix !== undefined) {
        expect(WRITES_LIMIT_OPTION_NAMES).toContain(`${entry.writesLimitOptionPrefix}.per-org`);
        expect(WRITES_LIMIT_OPTION_NAMES).toContain(`${entry.writesLimitOptionPrefix}.global`);
      }
      if (entry.cardinalityLimitOption !== undefined) {
        expect(CARDINALITY_LIMIT_OPTION_NAMES).toContain(entry.cardinalityLimitOption);
      }
    }
  });

  it.each([
    ['performance', 'sentry-metrics.cardinality-limiter.orgs-rollout-rate'],
    ['release-health', 'sentry-metrics.cardinality-limiter-rh.orgs-rollout-rate'],
  ] as const)('reads the %s rollout rate from %s', (key, option) => {
    expect(cardinalityRolloutOptionName(key)).toBe(option);
  });
});

describe('quota prefixes', () => {
  it.each([
    [writesLimitOrgQuotaPrefix('transactions', 3), 'metrics-indexer-transactions-org-3'],
    [
      writesLimitOrgQuotaPrefix('spans', 9223372036854775807n),
      'metrics-indexer-spans-org-9223372036854775807',
    ],
    [writesLimitGlobalQuotaPrefix('sessions'), 'metrics-indexer-sessions-global'],
    [cardinalityQuotaPrefix('escalating_issues', 1), 'metrics-indexer-cardinality-escalating_issues-org-1'],
  ])('builds %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('reads the use case back from a cardinality prefix', () => {
    expect(useCaseIdOfCardinalityQuotaPrefix(cardinalityQuotaPrefix('metric_stats', 42))).toBe(
      'metric_stats',
    );
  });
});
