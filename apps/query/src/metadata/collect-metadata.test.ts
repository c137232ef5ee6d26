import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { commonBuckets } from '@mindex/proto';
import { describe, expect, it } from 'vitest';
import { collectMetadata } from './collect-metadata.js';

const isUseCaseId = (value: string) => ['sessions', 'spans', 'custom', 'transactions'].includes(value);
const DAY = 86_400;
const T = 20_000n * BigInt(DAY); // 2024-10-04T00:00:00Z

function bucket(
  init: MessageInitShape<typeof commonBuckets.IndexedBucketSchema> = {},
): commonBuckets.IndexedBucket {
  return create(commonBuckets.IndexedBucketSchema, {
    orgId: 1n,
    projectId: 2n,
    useCaseId: 'custom',
    metricId: 10n,
    type: 'c',
    timestamp: T + 3600n,
    retentionDays: 90,
    version: 2,
    ...init,
  });
}

const date = (seconds: bigint | number) => new Date(Number(seconds) * 1000);

describe('collectMetadata', () => {
  it('keeps one metric day per (org, project, use case, type, metric, UTC day) with the union of tag keys', () => {
    const result = collectMetadata(
      [
        bucket({ rawTags: { '5': 'a', '6': 'b' } }),
        bucket({ timestamp: T + 7200n, rawTags: { '6': 'c', '7': 'd' } }),
        bucket({ timestamp: T + BigInt(DAY), rawTags: { '5': 'a' } }),
      ],
      { isUseCaseId },
    );
    expect(result).toEqual({
      ok: true,
      batch: {
        metricDays: [
          {
            orgId: 1n,
            projectId: 2n,
            useCase: 'custom',
            type: 'c',
            metricId: 10n,
            day: date(T),
            tagKeyIds: [5n, 6n, 7n],
            expiresAt: date(T + 90n * BigInt(DAY)),
          },
          {
            orgId: 1n,
            projectId: 2n,
            useCase: 'custom',
            type: 'c',
            metricId: 10n,
            day: date(T + BigInt(DAY)),
            tagKeyIds: [5n],
            expiresAt: date(T + 91n * BigInt(DAY)),
          },
        ],
        tagValueDays: expect.any(Array),
      },
    });
  });

  it('keeps raw values of generic buckets and value ids of release-health buckets per tag key and day', () => {
    const result = collectMetadata(
      [
        bucket({ rawTags: { '5': 'a', '6': 'b' } }),
        bucket({ rawTags: { '5': 'z' } }),
        bucket({ useCaseId: 'sessions', version: 1, indexedTags: { '8': 100n, '9': 0n } }),
      ],
      { isUseCaseId },
    );
    if (!result.ok) throw new Error('expected ok');
    expect(
      result.batch.tagValueDays.map((d) => [d.useCase, d.tagKeyId, d.rawValues, d.valueIds, d.day]),
    ).toEqual([
      ['custom', 5n, ['a', 'z'], [], date(T)],
      ['custom', 6n, ['b'], [], date(T)],
      ['sessions', 8n, [], [100n], date(T)],
      ['sessions', 9n, [], [], date(T)],
    ]);
  });

  it.each([
    [0, 90],
    [30, 30],
    [400, 400],
  ])('a bucket with retention_days %i expires %i days after its day', (retentionDays, days) => {
    const result = collectMetadata([bucket({ retentionDays })], { isUseCaseId });
    if (!result.ok) throw new Error('expected ok');
    expect(result.batch.metricDays[0]?.expiresAt).toEqual(date(T + BigInt(days * DAY)));
  });

  it('keeps the longest retention of a day', () => {
    const result = collectMetadata([bucket({ retentionDays: 30 }), bucket({ retentionDays: 60 })], {
      isUseCaseId,
    });
    if (!result.ok) throw new Error('expected ok');
    expect(result.batch.metricDays.map((d) => d.expiresAt)).toEqual([date(T + BigInt(60 * DAY))]);
  });

  it('separates metric types and use cases of the same metric id', () => {
    const result = collectMetadata([bucket(), bucket({ type: 'd' }), bucket({ useCaseId: 'spans' })], {
      isUseCaseId,
    });
    if (!result.ok) throw new Error('expected ok');
    expect(result.batch.metricDays.map((d) => [d.useCase, d.type])).toEqual([
      ['custom', 'c'],
      ['custom', 'd'],
      ['spans', 'c'],
    ]);
  });

  it('accepts static ids above 2^63', () => {
    const metricId = 2n ** 63n + 1n;
    const result = collectMetadata([bucket({ metricId, rawTags: { '9223372036854776016': 'x' } })], {
      isUseCaseId,
    });
    if (!result.ok) throw new Error('expected ok');
    expect(result.batch.metricDays[0]).toMatchObject({ metricId, tagKeyIds: [9223372036854776016n] });
  });

  it.each([
    [{ orgId: 2n ** 63n }, 'buckets[0].org_id: must be at most 9223372036854775807'],
    [{ projectId: 2n ** 64n - 1n }, 'buckets[0].project_id: must be at most 9223372036854775807'],
    [{ useCaseId: 'nope' }, 'buckets[0].use_case_id: unknown use case "nope"'],
    [{ metricId: 0n }, 'buckets[0].metric_id: must be positive'],
    [{ type: 'x' }, 'buckets[0].type: must be one of c, d, s, g, not "x"'],
    [{ timestamp: 253_402_300_800n }, 'buckets[0].timestamp: must be at most 253402300799'],
    [{ retentionDays: 65_536 }, 'buckets[0].retention_days: must be at most 65535'],
    [{ rawTags: { abc: 'x' } }, 'buckets[0].raw_tags: key "abc" is not an id'],
    [{ rawTags: { '0': 'x' } }, 'buckets[0].raw_tags: key "0" is not an id'],
    [{ rawTags: { '05': 'x' } }, 'buckets[0].raw_tags: key "05" is not an id'],
    [
      { rawTags: { '18446744073709551616': 'x' } },
      'buckets[0].raw_tags: key "18446744073709551616" is not an id',
    ],
    [{ rawTags: { '5': 'x'.repeat(1001) } }, 'buckets[0].raw_tags[5]: longer than 1000 code points'],
    [{ indexedTags: { '-1': 3n } }, 'buckets[0].indexed_tags: key "-1" is not an id'],
  ] as const)('rejects %o with "%s"', (init, message) => {
    const result = collectMetadata([bucket(init)], { isUseCaseId });
    expect(result.ok ? [] : result.violations.map((v) => `${v.field}: ${v.description}`)).toEqual([message]);
  });

  it('accepts a raw value of exactly 1000 code points, counting code points rather than UTF-16 units', () => {
    const result = collectMetadata([bucket({ rawTags: { '5': '😀'.repeat(1000) } })], { isUseCaseId });
    expect(result.ok).toBe(true);
  });

  it('names the index of every bad bucket', () => {
    const result = collectMetadata([bucket(), bucket({ metricId: 0n }), bucket({ type: 'x' })], {
      isUseCaseId,
    });
    expect(result.ok ? [] : result.violations.map((v) => v.field)).toEqual([
      'buckets[1].metric_id',
      'buckets[2].type',
    ]);
  });
});
