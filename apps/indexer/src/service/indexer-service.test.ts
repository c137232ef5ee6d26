import { Code, ConnectError, createClient, createRouterTransport } from '@connectrpc/connect';
import { commonBuckets, commonStrings, indexer as indexerProto } from '@mindex/proto';
import { createUseCaseRegistry } from '@mindex/use-case-registry';
import { describe, expect, it } from 'vitest';
import { bucket, sessionBuckets } from '../../test/support/buckets.js';
import { createMemoryHarness, type JsonOptions } from '../../test/support/indexer-harness.js';
import { createIndexerService, type BucketForwarder } from './indexer-service.js';

const { FetchType } = commonStrings;
const RELEASE = 9223372036854776016n;

function setup(options: JsonOptions = {}, forward?: BucketForwarder) {
  const h = createMemoryHarness(options);
  const impl = createIndexerService({
    indexer: h.core.indexer,
    shared: h.core.shared,
    batchIndexer: h.core.batchIndexer,
    registry: createUseCaseRegistry(),
    forward,
  });
  const transport = createRouterTransport(({ service }) => service(indexerProto.IndexerService, impl));
  return { h, client: createClient(indexerProto.IndexerService, transport) };
}

async function errorOf(call: Promise<unknown>): Promise<ConnectError> {
  try {
    await call;
  } catch (error) {
    return ConnectError.from(error);
  }
  throw new Error('the call succeeded');
}

describe('IndexerService', () => {
  it('BulkRecord answers every string of every group, in request order', async () => {
    const { client } = setup();
    const response = await client.bulkRecord({
      groups: [
        { useCase: 'transactions', orgId: 1n, strings: ['release', 'new', 'new'] },
        { useCase: 'sessions', orgId: 2n, strings: ['x'] },
      ],
    });
    expect(
      response.groups.map((g) => [g.useCase, g.orgId, g.results.map((r) => [r.string, r.fetchType])]),
    ).toEqual([
      [
        'transactions',
        1n,
        [
          ['release', FetchType.HARDCODED],
          ['new', FetchType.FIRST_SEEN],
          ['new', FetchType.FIRST_SEEN],
        ],
      ],
      ['sessions', 2n, [['x', FetchType.FIRST_SEEN]]],
    ]);
    expect(response.groups[0]!.results[0]!.id).toBe(RELEASE);
    expect(response.groups[0]!.results[1]!.id).toBe(response.groups[0]!.results[2]!.id);
  });

  it('Record, Resolve (accepting a use-case key) and ReverseResolve round-trip', async () => {
    const { client } = setup();
    const recorded = await client.record({ useCase: 'sessions', orgId: 7n, string: 'v1.0' });
    expect(recorded.result?.fetchType).toBe(FetchType.FIRST_SEEN);
    const resolved = await client.resolve({ useCase: 'release-health', orgId: 7n, string: 'v1.0' });
    expect(resolved.result?.id).toBe(recorded.result?.id);
    expect([resolved.result?.fetchType]).toEqual([FetchType.CACHE_HIT]);
    const reversed = await client.reverseResolve({
      useCase: 'sessions',
      orgId: 7n,
      id: recorded.result!.id!,
    });
    expect(reversed.result).toMatchObject({
      id: recorded.result!.id,
      string: 'v1.0',
      fetchType: FetchType.DB_READ,
    });
  });

  it('Resolve of an unknown string has no id and no fetch type', async () => {
    const { client } = setup();
    const resolved = await client.resolve({ useCase: 'spans', orgId: 1n, string: 'nope' });
    expect(resolved.result).toMatchObject({ string: 'nope', fetchType: FetchType.UNSPECIFIED });
    expect(resolved.result?.id).toBeUndefined();
  });

  it('ReverseResolve of an id of another organization is NOT_FOUND and does not reveal the string', async () => {
    const { client } = setup();
    const { result } = await client.record({ useCase: 'spans', orgId: 1n, string: 'top-secret' });
    const error = await errorOf(client.reverseResolve({ useCase: 'spans', orgId: 2n, id: result!.id! }));
    expect(error.code).toBe(Code.NotFound);
    expect(error.message).not.toContain('top-secret');
    expect((await errorOf(client.reverseResolve({ useCase: 'spans', orgId: 1n, id: 0n }))).code).toBe(
      Code.NotFound,
    );
  });

  it('BulkReverseResolve returns found ids once each, in request order, omitting unknown ones', async () => {
    const { client } = setup();
    const { groups } = await client.bulkRecord({
      groups: [{ useCase: 'spans', orgId: 1n, strings: ['a', 'b'] }],
    });
    const [a, b] = groups[0]!.results.map((r) => r.id!);
    const response = await client.bulkReverseResolve({
      useCase: 'spans',
      orgId: 1n,
      ids: [b!, 999_999n, RELEASE, a!, b!],
    });
    expect(response.results.map((r) => [r.id, r.string, r.fetchType])).toEqual([
      [b, 'b', FetchType.DB_READ],
      [RELEASE, 'release', FetchType.HARDCODED],
      [a, 'a', FetchType.DB_READ],
    ]);
    const other = await client.bulkReverseResolve({ useCase: 'spans', orgId: 2n, ids: [a!, b!] });
    expect(other.results).toEqual([]);
  });

  it('ResolveShared and ReverseResolveShared use the static table', async () => {
    const { client } = setup();
    expect((await client.resolveShared({ string: 'release' })).id).toBe(RELEASE);
    expect((await client.resolveShared({ string: 'not-shared' })).id).toBeUndefined();
    expect((await client.reverseResolveShared({ id: 9223372036854775809n })).string).toBe(
      'c:sessions/session@none',
    );
    expect((await client.reverseResolveShared({ id: 1n })).string).toBeUndefined();
  });

  it('IndexBatch answers one outcome per bucket and forwards the indexed ones', async () => {
    const forwarded: commonBuckets.IndexedBucket[][] = [];
    const { client } = setup({}, async (buckets) => void forwarded.push([...buckets]));
    const response = await client.indexBatch({
      buckets: [...sessionBuckets(), bucket({ name: 'invalid_MRI' })],
    });
    expect(response.outcomes.map((o) => o.outcome.case)).toEqual([
      'indexed',
      'indexed',
      'indexed',
      'invalid',
    ]);
    expect(response.outcomes[3]!.outcome.value).toMatchObject({
      reason: 'invalid_mri',
      message: 'The MRI invalid_MRI is not valid',
    });
    expect(forwarded).toHaveLength(1);
    expect(forwarded[0]!.map((b) => b.metricId)).toEqual([
      9223372036854775809n,
      9223372036854775812n,
      9223372036854775810n,
    ]);
  });

  it('IndexBatch answers UNAVAILABLE naming the query service when forwarding fails', async () => {
    const { client } = setup({}, async () => {
      throw new ConnectError('connect ECONNREFUSED', Code.Unavailable);
    });
    const error = await errorOf(client.indexBatch({ buckets: sessionBuckets() }));
    expect([error.code, error.rawMessage]).toEqual([Code.Unavailable, 'query service unavailable']);
  });

  it('IndexBatch answers INTERNAL, not UNAVAILABLE, when the query service refuses the buckets', async () => {
    const { client } = setup({}, async () => {
      throw new ConnectError('buckets[0].timestamp: must be at most 253402300799', Code.InvalidArgument);
    });
    const error = await errorOf(client.indexBatch({ buckets: sessionBuckets() }));
    expect([error.code, error.rawMessage]).toEqual([
      Code.Internal,
      'query service rejected the indexed buckets: buckets[0].timestamp: must be at most 253402300799',
    ]);
  });

  it.each([
    ['timestamp', { timestamp: (1n << 64n) - 1n }, 'invalid_timestamp'],
    ['project id', { projectId: (1n << 64n) - 1n }, 'invalid_project_id'],
  ])(
    'IndexBatch answers a bucket with a huge %s as invalid and forwards the good one',
    async (_n, bad, reason) => {
      const forwarded: commonBuckets.IndexedBucket[][] = [];
      const { client } = setup({}, async (buckets) => void forwarded.push([...buckets]));
      const response = await client.indexBatch({
        buckets: [bucket({ name: 'c:custom/foo@none', ...bad }), bucket({ name: 'c:custom/foo@none' })],
      });
      expect(response.outcomes.map((o) => o.outcome.case)).toEqual(['invalid', 'indexed']);
      expect(response.outcomes[0]!.outcome.value).toMatchObject({ reason });
      expect(forwarded.map((f) => f.length)).toEqual([1]);
    },
  );

  it('IndexBatch reports filtered and dropped buckets with their reasons', async () => {
    const { client } = setup({
      'sentry-metrics.indexer.disabled-namespaces': ['spans'],
      'sentry-metrics.writes-limiter.limits.custom.global': [
        { window_seconds: 60, granularity_seconds: 60, limit: 0 },
      ],
    });
    const response = await client.indexBatch({
      buckets: [
        bucket({ name: 'c:spans/x@none', namespace: 'spans' }),
        bucket({ name: 'c:custom/new@none' }),
      ],
    });
    expect(response.outcomes.map((o) => o.outcome)).toEqual([
      { case: 'filtered', value: expect.objectContaining({ reason: 'namespace_disabled' }) },
      {
        case: 'dropped',
        value: expect.objectContaining({
          reason: 'missing_numeric_metric_id',
          stringType: 'metric_id',
          globalQuota: true,
        }),
      },
    ]);
  });
});

describe('IndexerService with bad input', () => {
  const long = 'x'.repeat(201);
  const max = (1n << 63n) - 1n;
  const group = (init: Partial<{ useCase: string; orgId: bigint; strings: string[] }> = {}) => ({
    useCase: 'spans',
    orgId: 1n,
    strings: ['ok'],
    ...init,
  });

  it.each([
    ['no groups', { groups: [] }, 'groups: at least one group is required'],
    [
      'an unknown use case',
      { groups: [group({ useCase: 'nope' })] },
      'groups[0].use_case: unknown use case "nope"',
    ],
    [
      'a use-case key',
      { groups: [group({ useCase: 'performance' })] },
      'groups[0].use_case: unknown use case "performance"',
    ],
    [
      'an org id beyond int64',
      { groups: [group({ orgId: max + 1n })] },
      `groups[0].org_id: must be at most ${max} (a signed 64-bit integer)`,
    ],
    [
      'a string over 200 code points',
      { groups: [group({ strings: ['a', 'b', 'c', long] })] },
      'groups[0].strings[3]: longer than 200 code points',
    ],
    [
      'an empty group',
      { groups: [group({ strings: [] })] },
      'groups[0].strings: at least one string is required',
    ],
    [
      'more than 10,000 strings',
      { groups: [group({ strings: Array.from({ length: 10_001 }, (_, i) => `s${i}`) })] },
      'groups: 10001 strings, at most 10000 per request',
    ],
    [
      'several problems',
      { groups: [group({ useCase: 'nope', strings: [long] }), group({ orgId: max + 1n })] },
      `groups[0].use_case: unknown use case "nope"; groups[0].strings[0]: longer than 200 code points; groups[1].org_id: must be at most ${max} (a signed 64-bit integer)`,
    ],
  ])('BulkRecord with %s is INVALID_ARGUMENT and stores nothing', async (_, request, message) => {
    const { client, h } = setup();
    const error = await errorOf(client.bulkRecord(request));
    expect([error.code, error.rawMessage]).toEqual([Code.InvalidArgument, message]);
    expect((await errorOf(client.bulkResolve(request))).rawMessage).toBe(message);
    expect(await h.raw.bulkResolve([{ useCase: 'spans', orgId: 1n, strings: ['ok', 'a'] }])).toEqual([
      [undefined, undefined],
    ]);
  });

  it('leaves no partial mapping behind after a rejected request', async () => {
    const { client, h } = setup();
    await errorOf(
      client.bulkRecord({ groups: [group({ strings: ['fine-1', 'fine-2'] }), group({ strings: [long] })] }),
    );
    const stored = await h.raw.bulkResolve([{ useCase: 'spans', orgId: 1n, strings: ['fine-1', 'fine-2'] }]);
    expect(stored).toEqual([[undefined, undefined]]);
  });

  it.each([
    [
      'Record',
      (c: Client) => c.record({ useCase: 'nope', orgId: 1n, string: 'a' }),
      'use_case: unknown use case "nope"',
    ],
    [
      'Record',
      (c: Client) => c.record({ useCase: 'spans', orgId: 1n, string: '😀'.repeat(201) }),
      'string: longer than 200 code points',
    ],
    [
      'Resolve',
      (c: Client) => c.resolve({ useCase: 'spans', orgId: max + 1n, string: 'a' }),
      `org_id: must be at most ${max} (a signed 64-bit integer)`,
    ],
    [
      'ReverseResolve',
      (c: Client) => c.reverseResolve({ useCase: '', orgId: 1n, id: 1n }),
      'use_case: unknown use case ""',
    ],
    [
      'BulkReverseResolve',
      (c: Client) => c.bulkReverseResolve({ useCase: 'spans', orgId: 1n, ids: [] }),
      'ids: at least one id is required',
    ],
    [
      'BulkReverseResolve',
      (c: Client) =>
        c.bulkReverseResolve({
          useCase: 'spans',
          orgId: 1n,
          ids: Array.from({ length: 10_001 }, (_, i) => BigInt(i)),
        }),
      'ids: 10001 ids, at most 10000 per request',
    ],
    [
      'ResolveShared',
      (c: Client) => c.resolveShared({ string: long }),
      'string: longer than 200 code points',
    ],
    ['IndexBatch', (c: Client) => c.indexBatch({ buckets: [] }), 'buckets: at least one bucket is required'],
    [
      'IndexBatch',
      (c: Client) =>
        c.indexBatch({ buckets: Array.from({ length: 5001 }, () => bucket({ name: 'c:custom/a@none' })) }),
      'buckets: 5001 buckets, at most 5000 per request',
    ],
  ])('%s with bad input is INVALID_ARGUMENT: %s', async (_, call, message) => {
    const { client } = setup();
    const error = await errorOf(call(client));
    expect([error.code, error.rawMessage]).toEqual([Code.InvalidArgument, message]);
  });

  it('IndexBatch reports malformed buckets per item and indexes the good ones', async () => {
    const { client } = setup();
    const response = await client.indexBatch({
      buckets: [
        bucket({ name: 'c:custom/ok@none' }),
        bucket({ name: 'c:custom/ok@none', orgId: 1n << 63n }),
        bucket({ name: 'c:custom/ok@none', type: 'd' }),
        bucket({ name: 'c:custom/ok@none', tags: { k: 'v'.repeat(1001) } }),
        bucket({ name: 'c:nope/ok@none' }),
        bucket({ name: 'c:custom/ok@none', retentionDays: 70000 }),
      ],
    });
    expect(
      response.outcomes.map((o) => (o.outcome.case === 'invalid' ? o.outcome.value.reason : o.outcome.case)),
    ).toEqual([
      'indexed',
      'invalid_org_id',
      'invalid_value',
      'invalid_tags',
      'unknown_use_case',
      'invalid_retention_days',
    ]);
  });
});

type Client = ReturnType<typeof setup>['client'];
