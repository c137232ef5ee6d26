import { describe, expect, it } from 'vitest';
import { REFERENCE_USE_CASES } from './reference-use-cases.js';
import { UseCaseApiAccess } from './use-case-api-access.js';
import { InvalidUseCaseRegistryError, UnknownUseCaseError } from './use-case-error.js';
import { createUseCaseRegistry } from './use-case-registry.js';

const { PUBLIC, PRIVATE } = UseCaseApiAccess;

describe('the reference registry (spec §1.2)', () => {
  const registry = createUseCaseRegistry();

  it('holds the 7 reference use cases in order', () => {
    expect(registry.useCaseIds()).toEqual([
      'spans',
      'transactions',
      'sessions',
      'escalating_issues',
      'custom',
      'profiles',
      'metric_stats',
    ]);
  });

  it.each([
    ['spans', 'performance', PUBLIC],
    ['transactions', 'performance', PUBLIC],
    ['sessions', 'release-health', PUBLIC],
    ['escalating_issues', 'performance', PRIVATE],
    ['custom', 'performance', PUBLIC],
    ['profiles', 'performance', PRIVATE],
    ['metric_stats', 'performance', PRIVATE],
  ])('maps %s to path %s with API access %i', (id, path, access) => {
    expect(registry.isUseCaseId(id)).toBe(true);
    expect(registry.metricPath(id)).toBe(path);
    expect(registry.apiAccess(id)).toBe(access);
  });

  it.each(['bundle_analysis', 'foo', 'performance', ''])(
    'treats unknown %j as PRIVATE and unregistered',
    (id) => {
      expect(registry.apiAccess(id)).toBe(PRIVATE);
      expect(registry.isUseCaseId(id)).toBe(false);
      expect(registry.metricPath(id)).toBeUndefined();
    },
  );

  it.each([
    ['release-health', 'sessions'],
    ['performance', 'transactions'],
  ] as const)('reverse-maps %s to %s', (key, id) => {
    expect(registry.reverseMetricPath(key)).toBe(id);
  });

  it('lists the use cases of each path', () => {
    expect(registry.useCaseIdsOfKey('release-health')).toEqual(['sessions']);
    expect(registry.useCaseIdsOfKey('performance')).toEqual([
      'spans',
      'transactions',
      'escalating_issues',
      'custom',
      'profiles',
      'metric_stats',
    ]);
  });
});

describe('toUseCaseId (spec §1.4)', () => {
  const registry = createUseCaseRegistry();

  it.each([
    ['release-health', 'sessions'],
    ['performance', 'transactions'],
    ['spans', 'spans'],
    ['sessions', 'sessions'],
    ['metric_stats', 'metric_stats'],
  ])('converts %s to %s', (value, expected) => {
    expect(registry.toUseCaseId(value)).toBe(expected);
  });

  it('throws for a key without a canonical use case, as Sentry raises KeyError', () => {
    const latest = createUseCaseRegistry(
      REFERENCE_USE_CASES.filter((entry) => ['spans', 'transactions', 'sessions'].includes(entry.id)),
      { 'release-health': 'sessions' },
    );
    expect(() => latest.toUseCaseId('performance')).toThrow(
      new UnknownUseCaseError('unmapped_use_case_key', 'performance'),
    );
  });

  it('throws for an unknown use case', () => {
    expect(() => registry.toUseCaseId('foo')).toThrow(UnknownUseCaseError);
  });
});

describe('stringToUseCaseId (spec §1.5)', () => {
  const registry = createUseCaseRegistry();

  it.each([
    ['spans', 'spans'],
    ['release-health', 'sessions'],
    ['performance', 'transactions'],
    ['custom', 'custom'],
  ])('resolves %s to %s', (value, useCaseId) => {
    expect(registry.stringToUseCaseId(value)).toStrictEqual({ ok: true, useCaseId });
  });

  it.each(['foo', 'Spans', ' spans', 'spans_light', ''])('rejects %j', (value) => {
    expect(registry.stringToUseCaseId(value)).toStrictEqual({
      ok: false,
      error: { reason: 'unknown_use_case', message: `The use case ${value} does not exist` },
    });
  });

  it('rejects a key without a canonical use case', () => {
    const registry = createUseCaseRegistry(REFERENCE_USE_CASES, { 'release-health': 'sessions' });
    expect(registry.stringToUseCaseId('performance')).toStrictEqual({
      ok: false,
      error: {
        reason: 'unmapped_use_case_key',
        message: 'The use case key performance has no canonical use case',
      },
    });
  });
});

describe('extractUseCaseId (spec §2.6)', () => {
  const registry = createUseCaseRegistry();

  it.each([
    ['c:sessions/session@none', 'sessions'],
    ['d:spans/duration@millisecond', 'spans'],
    ['c:escalating_issues/event_ingested@none', 'escalating_issues'],
    ['g:custom/mem@byte', 'custom'],
    ['c:sessions/session@none\n', 'sessions'],
  ])('finds the use case of %j: %s', (mri, useCaseId) => {
    expect(registry.extractUseCaseId(mri)).toStrictEqual({ ok: true, useCaseId });
  });

  it.each([
    ['c:foo/x@none', 'unknown_use_case', 'The use case of the MRI foo does not exist'],
    ['c:performance/x@none', 'unknown_use_case', 'The use case of the MRI performance does not exist'],
    ['invalid_MRI', 'invalid_mri', 'The MRI invalid_MRI is not valid'],
    ['c:custom/x@', 'invalid_mri', 'The MRI c:custom/x@ is not valid'],
  ])('rejects %j (%s)', (mri, reason, message) => {
    expect(registry.extractUseCaseId(mri)).toStrictEqual({ ok: false, error: { reason, message } });
  });
});

describe('option names per use case (spec §1.3)', () => {
  const registry = createUseCaseRegistry();

  it.each([
    ['spans', 'sentry-metrics.writes-limiter.limits.spans'],
    ['transactions', 'sentry-metrics.writes-limiter.limits.performance'],
    ['sessions', 'sentry-metrics.writes-limiter.limits.releasehealth'],
    ['custom', 'sentry-metrics.writes-limiter.limits.custom'],
    ['escalating_issues', 'sentry-metrics.writes-limiter.limits.generic-metrics'],
    ['profiles', 'sentry-metrics.writes-limiter.limits.generic-metrics'],
    ['metric_stats', 'sentry-metrics.writes-limiter.limits.generic-metrics'],
    ['unregistered', 'sentry-metrics.writes-limiter.limits.generic-metrics'],
  ])('gives %s the writes-limit prefix %s', (id, prefix) => {
    expect(registry.writesLimitOptionNames(id)).toStrictEqual({
      perOrg: `${prefix}.per-org`,
      global: `${prefix}.global`,
    });
  });

  it.each([
    ['transactions', 'sentry-metrics.cardinality-limiter.limits.transactions.per-org'],
    ['sessions', 'sentry-metrics.cardinality-limiter.limits.sessions.per-org'],
    ['spans', 'sentry-metrics.cardinality-limiter.limits.spans.per-org'],
    ['custom', 'sentry-metrics.cardinality-limiter.limits.custom.per-org'],
    ['profiles', 'sentry-metrics.cardinality-limiter.limits.profiles.per-org'],
    ['escalating_issues', 'sentry-metrics.cardinality-limiter.limits.generic-metrics.per-org'],
    ['metric_stats', 'sentry-metrics.cardinality-limiter.limits.generic-metrics.per-org'],
    ['unregistered', 'sentry-metrics.cardinality-limiter.limits.generic-metrics.per-org'],
  ])('gives %s the cardinality option %s', (id, option) => {
    expect(registry.cardinalityLimitOptionName(id)).toBe(option);
  });
});

describe('a registry built from data', () => {
  it('takes a new use case without code changes', () => {
    const registry = createUseCaseRegistry([
      ...REFERENCE_USE_CASES,
      { id: 'bundle_analysis', metricPath: 'performance', writesLimitOptionPrefix: 'x.bundle' },
    ]);
    expect(registry.extractUseCaseId('d:bundle_analysis/size@byte')).toStrictEqual({
      ok: true,
      useCaseId: 'bundle_analysis',
    });
    expect(registry.apiAccess('bundle_analysis')).toBe(PRIVATE);
    expect(registry.writesLimitOptionNames('bundle_analysis').global).toBe('x.bundle.global');
  });

  it('copies and freezes its rows', () => {
    const rows = [{ id: 'spans', metricPath: 'performance' as const }];
    const registry = createUseCaseRegistry(rows, {});
    rows.push({ id: 'later', metricPath: 'performance' });
    expect(registry.useCaseIds()).toEqual(['spans']);
    expect(Object.isFrozen(registry.entries)).toBe(true);
    expect(Object.isFrozen(registry.entries[0])).toBe(true);
  });

  it('refuses inconsistent rows, listing every problem', () => {
    const build = () =>
      createUseCaseRegistry(
        [
          { id: 'spans', metricPath: 'performance' },
          { id: 'spans', metricPath: 'performance' },
          { id: 'a/b', metricPath: 'performance' },
        ],
        { 'release-health': 'sessions' },
      );
    expect(build).toThrow(InvalidUseCaseRegistryError);
    expect(build).toThrow(/registered twice.*must match.*unregistered use case sessions/);
  });
});
