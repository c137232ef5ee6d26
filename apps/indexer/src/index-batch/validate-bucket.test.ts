import { createUseCaseRegistry } from '@mindex/use-case-registry';
import { describe, expect, it } from 'vitest';
import { bucket } from '../../test/support/buckets.js';
import { validateBucket } from './validate-bucket.js';

const registry = createUseCaseRegistry();
const x = (n: number) => 'x'.repeat(n);
const emoji = (n: number) => '😀'.repeat(n);
const reasonOf = (init: Parameters<typeof bucket>[0]) => {
  const result = validateBucket(bucket({ name: 'c:custom/foo@none', ...init }), registry);
  return result.ok ? 'ok' : result.reason;
};

describe('validateBucket (spec §7.3)', () => {
  it.each([
    ['c:custom/foo@none', 'ok'],
    ['invalid_MRI', 'invalid_mri'],
    ['', 'invalid_mri'],
    ['c:unknown_namespace/foo@none', 'unknown_use_case'],
    [`c:custom/${x(200 - 'c:custom/@none'.length)}@none`, 'ok'],
    [`c:custom/${x(201 - 'c:custom/@none'.length)}@none`, 'invalid_metric_name'],
    [`c:custom/${emoji(200 - 'c:custom/@none'.length)}@none`, 'ok'],
  ])('name %j → %s', (name, reason) => {
    expect(reasonOf({ name })).toBe(reason);
  });

  it.each([
    ['c', 'ok'],
    ['g', 'invalid_value'],
    ['x', 'invalid_metric_type'],
    ['', 'invalid_metric_type'],
  ])('type %j with a counter value → %s', (type, reason) => {
    expect(reasonOf({ type })).toBe(reason);
  });

  it('accepts gauges', () => {
    const value = { kind: { case: 'gauge' as const, value: { min: 1, max: 2, sum: 3, count: 2n, last: 2 } } };
    expect(reasonOf({ name: 'g:custom/foo@none', type: 'g', value })).toBe('ok');
  });

  it.each([
    ['generic key of 200', 'c:custom/foo@none', { [x(200)]: 'v' }, 'ok'],
    ['generic key of 201', 'c:custom/foo@none', { [x(201)]: 'v' }, 'invalid_tags'],
    ['generic value of 1000', 'c:custom/foo@none', { k: x(1000) }, 'ok'],
    ['generic value of 1001', 'c:custom/foo@none', { k: x(1001) }, 'invalid_tags'],
    ['release-health value of 200', 'c:sessions/session@none', { k: x(200) }, 'ok'],
    ['release-health value of 201', 'c:sessions/session@none', { k: x(201) }, 'invalid_tags'],
    ['emoji value of 200 code points', 'c:sessions/session@none', { k: emoji(200) }, 'ok'],
    ['empty key and value', 'c:custom/foo@none', { '': '' }, 'ok'],
  ])('tags: %s → %s', (_, name, tags, reason) => {
    expect(reasonOf({ name, tags })).toBe(reason);
  });

  it.each([
    ['no value', 'c', { kind: { case: undefined } }, 'invalid_value'],
    ['a set for a counter', 'c', { kind: { case: 'set', value: { values: [1] } } }, 'invalid_value'],
    ['a non-finite counter', 'c', { kind: { case: 'counter', value: Infinity } }, 'invalid_value'],
    [
      'an encoded distribution',
      'd',
      { kind: { case: 'encoded', value: { format: 'zstd', data: 'AA' } } },
      'ok',
    ],
    [
      'an unknown encoding',
      's',
      { kind: { case: 'encoded', value: { format: 'lz4', data: 'AA' } } },
      'invalid_value',
    ],
  ] as const)('value: %s → %s', (_, type, value, reason) => {
    expect(reasonOf({ name: `${type}:custom/foo@none`, type, value: value as never })).toBe(reason);
  });

  it.each([
    [undefined, 'ok', 90],
    [30, 'ok', 30],
    [65535, 'ok', 65535],
    [65536, 'invalid_retention_days', undefined],
  ])('retention %s → %s', (retentionDays, reason, effective) => {
    const result = validateBucket(bucket({ name: 'c:custom/foo@none', retentionDays }), registry);
    expect(result.ok ? 'ok' : result.reason).toBe(reason);
    if (result.ok) expect(result.bucket.retentionDays).toBe(effective);
  });

  it.each([
    [(1n << 63n) - 1n, 'ok'],
    [1n << 63n, 'invalid_org_id'],
  ])('org id %s → %s', (orgId, reason) => {
    expect(reasonOf({ orgId })).toBe(reason);
  });

  // What the query service refuses must be invalid here, or one bad bucket fails the forwarded batch.
  it.each([
    [(1n << 63n) - 1n, 'ok'],
    [1n << 63n, 'invalid_project_id'],
    [(1n << 64n) - 1n, 'invalid_project_id'],
  ])('project id %s → %s', (projectId, reason) => {
    expect(reasonOf({ projectId })).toBe(reason);
  });

  it.each([
    [253_402_300_799n, 'ok'],
    [253_402_300_800n, 'invalid_timestamp'],
    [(1n << 64n) - 1n, 'invalid_timestamp'],
  ])('timestamp %s → %s', (timestamp, reason) => {
    expect(reasonOf({ timestamp })).toBe(reason);
  });

  it('rejects a sampling weight below 1', () => {
    expect(reasonOf({ samplingWeight: 0.5 })).toBe('invalid_value');
    expect(reasonOf({ samplingWeight: 1 })).toBe('ok');
  });

  it('explains failures with Sentry-like messages, shortened for huge input', () => {
    const result = validateBucket(bucket({ name: `c:custom/${x(5000)}@none` }), registry);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message.startsWith('Invalid metric name: c:custom/xxx')).toBe(true);
    expect(result.message.length).toBeLessThan(200);
    const type = validateBucket(bucket({ name: 'c:custom/foo@none', type: 'x' }), registry);
    expect(type).toEqual({ ok: false, reason: 'invalid_metric_type', message: 'Invalid metric type: x' });
    const mri = validateBucket(bucket({ name: 'invalid_MRI' }), registry);
    expect(mri).toEqual({ ok: false, reason: 'invalid_mri', message: 'The MRI invalid_MRI is not valid' });
  });

  it('reports the use case and profile of a valid bucket', () => {
    const result = validateBucket(
      bucket({ name: 'c:sessions/session@none', tags: { b: '1', a: '2' } }),
      registry,
    );
    expect(
      result.ok && [result.bucket.useCase, result.bucket.path, result.bucket.profile.shouldIndexTagValues],
    ).toEqual(['sessions', 'release-health', true]);
    expect(result.ok && result.bucket.tags).toEqual([
      ['b', '1'],
      ['a', '2'],
    ]);
  });
});
