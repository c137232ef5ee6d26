import { create, toJson } from '@bufbuild/protobuf';
import { commonBuckets } from '@mindex/proto';
import { createUseCaseRegistry } from '@mindex/use-case-registry';
import { describe, expect, it } from 'vitest';
import { sessionBuckets } from '../../test/support/buckets.js';
import { FetchType } from '../indexer/fetch-type.js';
import type { StringOutcome } from '../indexer/string-indexer.js';
import { ingestProfileOf } from './ingest-profile.js';
import { reconstructBucket, type ReconstructedBucket } from './reconstruct-bucket.js';
import { validateBucket, type ValidBucket } from './validate-bucket.js';

const registry = createUseCaseRegistry();
const [COUNTER, DISTRIBUTION, SET] = [
  'c:sessions/session@none',
  'd:sessions/duration@second',
  's:sessions/error@none',
];

function validSessions(retentionDays?: number): ValidBucket[] {
  return sessionBuckets(1n, retentionDays).map((b) => {
    const result = validateBucket(b, registry);
    if (!result.ok) throw new Error(result.message);
    return result.bucket;
  });
}

/** Sentry's test_all_resolved mapping and meta (spec §7.5). */
function mapping(overrides: Record<string, StringOutcome> = {}): Map<string, StringOutcome> {
  const ids: [string, bigint, FetchType][] = [
    [COUNTER, 1n, 'c'],
    [DISTRIBUTION, 2n, 'c'],
    ['environment', 3n, 'c'],
    ['errored', 4n, 'd'],
    ['healthy', 5n, 'h'],
    ['init', 6n, 'h'],
    ['production', 7n, 'c'],
    [SET, 8n, 'c'],
    ['session.status', 9n, 'c'],
  ];
  const map = new Map<string, StringOutcome>(
    ids.map(([s, id, fetchType]) => [s, { id, fetchType, globalQuota: false }]),
  );
  for (const [s, outcome] of Object.entries(overrides)) map.set(s, outcome);
  return map;
}

const limited = (globalQuota = false): StringOutcome => ({
  id: undefined,
  fetchType: FetchType.RATE_LIMITED,
  globalQuota,
});

function reconstructAll(buckets: ValidBucket[], strings: Map<string, StringOutcome>): ReconstructedBucket[] {
  return buckets.map((b) =>
    reconstructBucket(b, {
      lookup: (s) => strings.get(s),
      receivedAtSeconds: 1700000000.5,
      aggregationOption: undefined,
    }),
  );
}

/** The output as JSON (bigints as strings), for exact comparison. */
function json(result: ReconstructedBucket) {
  if (result.kind !== 'indexed') return result;
  return toJson(commonBuckets.IndexedBucketSchema, result.bucket);
}

describe('reconstructBucket: the worked example (spec §7.5 test_all_resolved)', () => {
  it('rebuilds the release-health buckets with ids, mapping meta and sources', () => {
    const [counter, distribution, set] = reconstructAll(validSessions(), mapping()).map(json);
    expect(counter).toEqual({
      orgId: '1',
      projectId: '3',
      useCaseId: 'sessions',
      metricId: '1',
      type: 'c',
      timestamp: '1619000000',
      indexedTags: { '3': '7', '9': '6' },
      value: { counter: 1 },
      retentionDays: 90,
      mappingMeta: {
        c: { strings: { '1': COUNTER, '3': 'environment', '7': 'production', '9': 'session.status' } },
        h: { strings: { '6': 'init' } },
      },
      mappingSources: 'ch',
      version: 1,
      sentryReceivedTimestamp: 1700000000.5,
    });
    expect(distribution).toMatchObject({
      metricId: '2',
      indexedTags: { '3': '7', '9': '5' },
      mappingMeta: {
        c: { strings: { '2': DISTRIBUTION, '3': 'environment', '7': 'production', '9': 'session.status' } },
        h: { strings: { '5': 'healthy' } },
      },
      mappingSources: 'ch',
      value: { distribution: { values: [4, 5, 6] } },
    });
    expect(set).toMatchObject({
      metricId: '8',
      indexedTags: { '3': '7', '9': '4' },
      mappingMeta: {
        c: { strings: { '8': SET, '3': 'environment', '7': 'production', '9': 'session.status' } },
        d: { strings: { '4': 'errored' } },
      },
      mappingSources: 'cd',
      value: { set: { values: [3] } },
    });
  });

  it('keeps tag values raw for generic pipelines (version 2), listing only indexed strings', () => {
    const generic = validSessions().map((b) => ({ ...b, profile: ingestProfileOf('performance') }));
    const strings = new Map<string, StringOutcome>([
      [COUNTER, { id: 1n, fetchType: 'c', globalQuota: false }],
      [DISTRIBUTION, { id: 2n, fetchType: 'c', globalQuota: false }],
      [SET, { id: 4n, fetchType: 'c', globalQuota: false }],
      ['environment', { id: 3n, fetchType: 'c', globalQuota: false }],
      ['session.status', { id: 5n, fetchType: 'c', globalQuota: false }],
    ]);
    const [counter, distribution, set] = reconstructAll(generic, strings).map(json);
    expect(counter).toMatchObject({
      version: 2,
      rawTags: { '3': 'production', '5': 'init' },
      mappingMeta: { c: { strings: { '1': COUNTER, '3': 'environment', '5': 'session.status' } } },
      mappingSources: 'c',
    });
    expect(counter).not.toHaveProperty('indexedTags');
    expect(distribution).toMatchObject({ rawTags: { '3': 'production', '5': 'healthy' } });
    expect(set).toMatchObject({ metricId: '4', rawTags: { '3': 'production', '5': 'errored' } });
  });

  it.each([
    ['spread-out small ids', [1300n, 7n, 250n, 1299n]],
    ['ids beyond array indexes', [1n << 40n, 3n, 1n << 33n, 9n]],
    ['ids beyond 2^53', [(1n << 63n) - 1n, 2000n, 1n << 60n, 5n]],
  ])('lists meta ids as an object built in first-use order would (%s)', (_, ids) => {
    const [counter] = validSessions();
    const used = [COUNTER, ...counter!.tags.flat()];
    const strings = new Map<string, StringOutcome>(
      used.map((s, i) => [s, { id: ids[i % ids.length]! + BigInt(i), fetchType: 'c', globalQuota: false }]),
    );
    const result = reconstructBucket(counter!, {
      lookup: (s) => strings.get(s),
      receivedAtSeconds: 0,
      aggregationOption: undefined,
    });
    if (result.kind !== 'indexed') throw new Error(result.reason);
    const expected: Record<string, string> = {};
    for (const s of used) expected[strings.get(s)!.id!.toString()] = s;
    const meta = result.bucket.mappingMeta.c!.strings;
    expect(Object.keys(meta)).toEqual(Object.keys(expected));
    expect(meta).toEqual(expected);
  });

  it.each([
    ['small', 3n],
    ['beyond 32 bits', 1n << 40n],
    ['beyond 2^53', (1n << 63n) - 1n],
  ])('keys tags and meta by the exact decimal id (%s)', (_, big) => {
    const [counter] = validSessions();
    const strings = mapping({ environment: { id: big, fetchType: 'c', globalQuota: false } });
    const result = reconstructBucket(counter!, {
      lookup: (s) => strings.get(s),
      receivedAtSeconds: 0,
      aggregationOption: undefined,
    });
    if (result.kind !== 'indexed') throw new Error(result.reason);
    expect(Object.keys(result.bucket.indexedTags).sort()).toEqual([big.toString(), '9'].sort());
    expect(result.bucket.indexedTags[big.toString()]).toBe(7n);
    expect(result.bucket.mappingMeta.c!.strings[big.toString()]).toBe('environment');
  });

  it('sets the aggregation option on generic buckets only', () => {
    const [rh] = validSessions();
    const generic = { ...rh!, profile: ingestProfileOf('performance') };
    const strings = mapping();
    const context = {
      lookup: (s: string) => strings.get(s),
      receivedAtSeconds: 0,
      aggregationOption: 'hist' as const,
    };
    const outGeneric = reconstructBucket(generic, context);
    const outRh = reconstructBucket(rh!, context);
    expect(outGeneric.kind === 'indexed' && outGeneric.bucket.aggregationOption).toBe('hist');
    expect(outRh.kind === 'indexed' && outRh.bucket.aggregationOption).toBeUndefined();
  });
});

describe('reconstructBucket: the message', () => {
  it.each([
    ['release health, no optional fields', 'release-health', {}],
    ['generic, every optional field', 'performance', { samplingWeight: 2.5, receivedAt: 1_700_000_000n }],
  ] as const)('is the message create(IndexedBucketSchema) builds (%s)', (_, path, extra) => {
    const [counter] = validSessions();
    const valid = { ...counter!, source: { ...counter!.source, ...extra }, profile: ingestProfileOf(path) };
    const strings = mapping({ healthy: { id: 5n, fetchType: 'c', globalQuota: false } });
    const result = reconstructBucket(valid, {
      lookup: (s) => strings.get(s),
      receivedAtSeconds: 1700000000.5,
      aggregationOption: 'ten_second',
    });
    if (result.kind !== 'indexed') throw new Error(result.reason);
    const { $typeName: _typeName, ...init } = result.bucket;
    expect(result.bucket).toStrictEqual(create(commonBuckets.IndexedBucketSchema, init));
  });
});

describe('reconstructBucket: drop scenarios (spec §7.5)', () => {
  it('drops buckets whose metric name was rate limited', () => {
    const out = reconstructAll(validSessions(), mapping({ [COUNTER]: limited(), [DISTRIBUTION]: limited() }));
    expect(out.map((o) => o.kind)).toEqual(['dropped', 'dropped', 'indexed']);
    expect(out[0]).toEqual({
      kind: 'dropped',
      reason: 'missing_numeric_metric_id',
      stringType: 'metric_id',
      globalQuota: false,
    });
  });

  it('drops every bucket using a rate-limited tag key', () => {
    const out = reconstructAll(validSessions(), mapping({ environment: limited() }));
    expect(out).toEqual(
      Array(3).fill({ kind: 'dropped', reason: 'writes_limit', stringType: 'tags', globalQuota: false }),
    );
  });

  it('drops only the bucket using a rate-limited tag value', () => {
    const out = reconstructAll(validSessions(), mapping({ errored: limited(true) }));
    expect(out.map((o) => o.kind)).toEqual(['indexed', 'indexed', 'dropped']);
    expect(out[2]).toEqual({
      kind: 'dropped',
      reason: 'writes_limit',
      stringType: 'tags',
      globalQuota: true,
    });
  });

  it('reports a tag miss before a metric-name miss', () => {
    const out = reconstructAll(
      validSessions(),
      mapping({ [COUNTER]: limited(true), environment: limited() }),
    );
    expect(out[0]).toEqual({
      kind: 'dropped',
      reason: 'writes_limit',
      stringType: 'tags',
      globalQuota: false,
    });
  });

  it('honours the input retention and defaults to 90', () => {
    const [thirty] = reconstructAll(validSessions(30), mapping());
    const [ninety] = reconstructAll(validSessions(), mapping());
    expect(thirty?.kind === 'indexed' && thirty.bucket.retentionDays).toBe(30);
    expect(ninety?.kind === 'indexed' && ninety.bucket.retentionDays).toBe(90);
  });
});
