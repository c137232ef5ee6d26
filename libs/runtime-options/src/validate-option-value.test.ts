import { describe, expect, it } from 'vitest';
import type { OptionValue, Quota } from './option-value.js';
import { formatOptionValueError, validateOptionValue } from './validate-option-value.js';

const WRITES = 'sentry-metrics.writes-limiter.limits.spans.per-org';
const CARDINALITY = 'sentry-metrics.cardinality-limiter.limits.custom.per-org';
const quota = (windowSeconds: number, granularitySeconds: number, limit: number): Quota => ({
  windowSeconds,
  granularitySeconds,
  limit,
});
const quotas = (...value: Quota[]): OptionValue => ({ type: 'quota-list', value });

function problem(name: string, value: OptionValue): string {
  const result = validateOptionValue(name, value);
  if (result.ok) throw new Error('expected a refusal');
  return formatOptionValueError(result.error);
}

describe('validateOptionValue', () => {
  it('refuses an unknown option', () => {
    const result = validateOptionValue('nope', { type: 'bool', value: true });
    expect(result).toEqual({
      ok: false,
      error: { reason: 'unknown_option', field: '', message: 'unknown option "nope"' },
    });
  });

  it.each<[string, OptionValue]>([
    [WRITES, { type: 'bool', value: true }],
    ['sentry-metrics.10s-granularity', { type: 'int', value: 1 }],
    ['mindex.indexer.cache.ttl-seconds', { type: 'double', value: 1.5 }],
    ['sentry-metrics.indexer.disabled-namespaces', { type: 'rate-map', value: {} }],
  ])('refuses a value of the wrong type for %s', (name, value) => {
    const result = validateOptionValue(name, value);
    expect(result.ok ? undefined : result.error.reason).toBe('wrong_type');
  });

  describe('quotas', () => {
    it.each<[string, Quota[]]>([
      ['empty writes list (no limit)', []],
      ['one quota', [quota(10, 10, 0)]],
      ['window a multiple of granularity', [quota(3600, 600, 10000), quota(60, 1, 5)]],
    ])('accepts %s', (_label, list) => {
      const result = validateOptionValue(WRITES, quotas(...list));
      expect(result.ok && result.value).toEqual(quotas(...list));
    });

    it.each<[string, Quota, string]>([
      [
        'a window that is not a multiple of its granularity',
        quota(3601, 600, 1),
        'quotas[0].window_seconds: 3601 is not a multiple of granularity_seconds 600',
      ],
      ['a zero window', quota(0, 10, 1), 'quotas[0].window_seconds: must be a positive integer, got 0'],
      [
        'a negative window',
        quota(-60, 10, 1),
        'quotas[0].window_seconds: must be a positive integer, got -60',
      ],
      [
        'a fractional window',
        quota(60.5, 10, 1),
        'quotas[0].window_seconds: must be a positive integer, got 60.5',
      ],
      [
        'a zero granularity',
        quota(60, 0, 1),
        'quotas[0].granularity_seconds: must be a positive integer, got 0',
      ],
      [
        'a fractional granularity',
        quota(60, 1.5, 1),
        'quotas[0].granularity_seconds: must be a positive integer, got 1.5',
      ],
      ['a negative limit', quota(60, 10, -1), 'quotas[0].limit: must be an integer ≥ 0, got -1'],
      ['a fractional limit', quota(60, 10, 0.5), 'quotas[0].limit: must be an integer ≥ 0, got 0.5'],
      ['an unsafe limit', quota(60, 10, 2 ** 60), `quotas[0].limit: must be an integer ≥ 0, got ${2 ** 60}`],
    ])('refuses %s', (_label, bad, message) => {
      expect(problem(WRITES, quotas(bad))).toContain(message);
    });

    it('names the index of the bad quota', () => {
      expect(problem(WRITES, quotas(quota(60, 10, 1), quota(70, 20, 1)))).toMatch(
        /^quotas\[1\]\.window_seconds: /,
      );
    });

    it('refuses more than 100 quotas', () => {
      const many = Array.from({ length: 101 }, () => quota(10, 10, 1));
      expect(problem(WRITES, quotas(...many))).toBe('more than 100 quotas');
    });
  });

  describe('cardinality quotas', () => {
    it('accepts exactly one quota', () => {
      expect(validateOptionValue(CARDINALITY, quotas(quota(600, 60, 5))).ok).toBe(true);
    });

    it.each<[string, Quota[]]>([
      ['an empty list', []],
      ['two quotas', [quota(600, 60, 5), quota(3600, 600, 50)]],
    ])('refuses %s and says why', (_label, list) => {
      const message = problem(CARDINALITY, quotas(...list));
      expect(message).toContain(`must hold exactly 1 quota, got ${list.length}`);
      expect(message).toContain('quotas cannot be empty');
      expect(message).toContain('set the orgs rollout rate to 0');
    });

    it('still checks the one quota', () => {
      expect(problem(CARDINALITY, quotas(quota(700, 600, 1)))).toMatch(/^quotas\[0\]\.window_seconds: /);
    });
  });

  describe('rates', () => {
    it.each([0, 0.25, 1])('accepts rollout rate %s', (rate) => {
      const result = validateOptionValue('sentry-metrics.cardinality-limiter.orgs-rollout-rate', {
        type: 'double',
        value: rate,
      });
      expect(result.ok && result.value).toEqual({ type: 'double', value: rate });
    });

    it.each([-0.01, 1.01, Number.NaN, Number.POSITIVE_INFINITY])('refuses rollout rate %s', (rate) => {
      const result = validateOptionValue('sentry-metrics.cardinality-limiter-rh.orgs-rollout-rate', {
        type: 'double',
        value: rate,
      });
      expect(result.ok ? '' : result.error.message).toMatch(/must be (in \[0, 1\]|a finite number)/);
    });

    it.each([
      'sentry-metrics.indexer.disable-memcache-replenish-rollout',
      'mindex.indexer.debug-log-sample-rate',
    ])('%s is a rate in [0, 1]', (name) => {
      expect(problem(name, { type: 'double', value: 2 })).toBe('must be in [0, 1], got 2');
    });

    const RULES = 'sentry-metrics.indexer.generic-metrics.schema-validation-rules';

    it('accepts a rate map and sorts its keys', () => {
      const result = validateOptionValue(RULES, {
        type: 'rate-map',
        value: { transactions: 0, custom: 0.5 },
      });
      expect(result.ok && Object.keys(result.value.value as object)).toEqual(['custom', 'transactions']);
    });

    it.each<[Record<string, number>, string]>([
      [{ transactions: 1.5 }, 'rates["transactions"]: must be in [0, 1], got 1.5'],
      [{ transactions: -1 }, 'rates["transactions"]: must be in [0, 1], got -1'],
      [{ spans: Number.NaN }, 'rates["spans"]: must be a finite number'],
      [{ '': 0.5 }, `rates[""]: key must be 1 to 200 letters`],
      [{ 'a b': 0.5 }, `rates["a b"]: key must be 1 to 200 letters`],
      [JSON.parse('{"__proto__": 0.5}') as Record<string, number>, `rates["__proto__"]: key must be`],
    ])('refuses rate map %j', (value, message) => {
      expect(problem(RULES, { type: 'rate-map', value })).toContain(message);
    });
  });

  describe('ints', () => {
    it.each([
      ['mindex.indexer.cache.ttl-seconds', 0, 'must be positive, got 0'],
      ['mindex.indexer.cache.ttl-seconds', -5, 'must be positive, got -5'],
      ['mindex.indexer.cache.ttl-seconds', 1.5, 'must be an integer between -(2^53-1) and 2^53-1'],
      ['mindex.indexer.cache.max-entries', -1, 'must be ≥ 0, got -1'],
      ['mindex.indexer.cache.max-bytes', -1, 'must be ≥ 0, got -1'],
    ])('%s refuses %s', (name, value, message) => {
      expect(problem(name, { type: 'int', value })).toBe(message);
    });

    it.each([
      ['mindex.indexer.cache.ttl-seconds', 1],
      ['mindex.indexer.cache.max-entries', 0],
      ['mindex.indexer.cache.max-bytes', 1 << 30],
    ])('%s accepts %s', (name, value) => {
      expect(validateOptionValue(name, { type: 'int', value }).ok).toBe(true);
    });
  });

  describe('string lists', () => {
    const NAMESPACES = 'sentry-metrics.indexer.disabled-namespaces';

    it('accepts namespaces', () => {
      const value: OptionValue = { type: 'string-list', value: ['escalating_issues', 'custom'] };
      const result = validateOptionValue(NAMESPACES, value);
      expect(result.ok && result.value).toEqual(value);
    });

    it.each<[string[], string]>([
      [[''], 'values[0]: must be a non-empty string'],
      [['ok', 'x'.repeat(201)], 'values[1]: longer than 200 code points'],
      [Array.from({ length: 1001 }, (_, i) => `n${i}`), 'more than 1000 entries'],
    ])('refuses %#', (value, message) => {
      expect(problem(NAMESPACES, { type: 'string-list', value })).toBe(message);
    });

    it('counts code points, not UTF-16 units', () => {
      const emoji = '😀'.repeat(200);
      expect(validateOptionValue(NAMESPACES, { type: 'string-list', value: [emoji] }).ok).toBe(true);
    });
  });

  it('accepts booleans for bool options', () => {
    const result = validateOptionValue('sentry-metrics.10s-granularity', { type: 'bool', value: true });
    expect(result.ok && result.value).toEqual({ type: 'bool', value: true });
  });

  it('returns a frozen copy', () => {
    const list = [quota(60, 10, 1)];
    const result = validateOptionValue(WRITES, quotas(...list));
    expect(result.ok && Object.isFrozen(result.value.value)).toBe(true);
    list.push(quota(10, 10, 1));
    expect(result.ok && (result.value.value as Quota[]).length).toBe(1);
  });
});
