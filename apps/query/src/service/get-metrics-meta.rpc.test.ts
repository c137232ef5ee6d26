import type { MessageInitShape } from '@bufbuild/protobuf';
import { Code, ConnectError } from '@connectrpc/connect';
import type { query } from '@mindex/proto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createServiceHarness, type ServiceHarness } from '../../test/support/service-harness.js';

// Plain objects of the answer, so assertions read as the JSON a client sees.
const plain = (metrics: query.MetricMeta[]) =>
  metrics.map((m) => ({
    type: m.type,
    name: m.name,
    unit: m.unit,
    mri: m.mri,
    operations: m.operations,
    projectIds: m.projectIds,
    blockingStatus: m.blockingStatus.map((b) => ({
      isBlocked: b.isBlocked,
      blockedTags: b.blockedTags,
      projectId: b.projectId,
    })),
  }));

const DIST_OPS = ['avg', 'count', 'max', 'min', 'p50', 'p75', 'p90', 'p95', 'p99', 'sum'];

describe('QueryService.GetMetricsMeta', () => {
  let h: ServiceHarness;
  beforeEach(() => {
    h = createServiceHarness();
  });

  const meta = async (init: MessageInitShape<typeof query.GetMetricsMetaRequestSchema> = {}) =>
    plain(
      (await h.client.getMetricsMeta({ orgId: 1n, projectIds: [10n, 11n], useCases: ['custom'], ...init }))
        .metrics,
    );

  it('answers [] for no projects without asking any dependency (§3.4 step 1)', async () => {
    await h.ingest({ mri: 'c:custom/clicks@none' });
    expect(await meta({ projectIds: [] })).toEqual([]);
    expect([h.indexer.calls, h.configuration.calls]).toEqual([[], []]);
  });

  it('builds a meta per stored metric: entity letter, name, unit, MRI, visible operations, projects', async () => {
    await h.ingest(
      { mri: 'd:custom/latency@millisecond', project: 11n },
      { mri: 'd:custom/latency@millisecond', project: 10n },
    );
    expect(await meta()).toEqual([
      {
        type: 'd',
        name: 'latency',
        unit: 'millisecond',
        mri: 'd:custom/latency@millisecond',
        operations: DIST_OPS,
        projectIds: [10n, 11n],
        blockingStatus: [],
      },
    ]);
  });

  it('lists counters, sets, gauges then distributions, each by (project, metric id), per use case in request order', async () => {
    // Ids are given in ingest order: the later MRI of a type has the larger id.
    await h.ingest(
      { mri: 'd:custom/a@none' },
      { mri: 'g:custom/b@none' },
      { mri: 's:custom/c@none' },
      { mri: 'c:custom/d@none', project: 11n },
      { mri: 'c:custom/e@none' },
      { mri: 'c:spans/f@none', useCase: 'spans' },
    );
    const answer = await meta({ useCases: ['spans', 'custom'] });
    expect(answer.map((m) => [m.mri, m.projectIds])).toEqual([
      ['c:spans/f@none', [10n]],
      ['c:custom/e@none', [10n]],
      ['s:custom/c@none', [10n]],
      ['g:custom/b@none', [10n]],
      ['d:custom/a@none', [10n]],
      ['c:custom/d@none', [11n]],
    ]);
  });

  it('removes the operations the organization hides, keeping sorted order', async () => {
    h.configuration.hidden.set(1n, [
      'p50',
      'p75',
      'p90',
      'p95',
      'p99',
      'histogram',
      'min_timestamp',
      'max_timestamp',
    ]);
    await h.ingest(
      { mri: 'd:custom/x@none' },
      { mri: 'g:custom/y@none' },
      { mri: 'c:custom/z@none' },
      { mri: 's:custom/w@none' },
    );
    expect((await meta()).map((m) => [m.type, m.operations])).toEqual([
      ['c', ['sum']],
      ['s', ['count_unique']],
      ['g', ['avg', 'count', 'last', 'max', 'min', 'sum']],
      ['d', ['avg', 'count', 'max', 'min', 'sum']],
    ]);
  });

  it('attaches blocking per project for custom metrics and appends blocked metrics never stored', async () => {
    h.configuration.blocking.set(10n, [
      { mri: 'c:custom/clicks@none', isBlocked: false, blockedTags: ['browser'] },
      { mri: 'd:custom/ghost@second', isBlocked: true, blockedTags: [] },
    ]);
    h.configuration.blocking.set(11n, [{ mri: 'c:custom/clicks@none', isBlocked: true, blockedTags: [] }]);
    await h.ingest({ mri: 'c:custom/clicks@none' });
    expect(await meta()).toEqual([
      {
        type: 'c',
        name: 'clicks',
        unit: 'none',
        mri: 'c:custom/clicks@none',
        operations: ['sum'],
        projectIds: [10n],
        blockingStatus: [
          { isBlocked: false, blockedTags: ['browser'], projectId: 10n },
          { isBlocked: true, blockedTags: [], projectId: 11n },
        ],
      },
      {
        type: 'd',
        name: 'ghost',
        unit: 'second',
        mri: 'd:custom/ghost@second',
        operations: DIST_OPS,
        projectIds: [],
        blockingStatus: [{ isBlocked: true, blockedTags: [], projectId: 10n }],
      },
    ]);
  });

  it('reads blocking only for the custom use case (§3.4 step 3.2)', async () => {
    h.configuration.blocking.set(10n, [
      { mri: 'd:spans/duration@millisecond', isBlocked: true, blockedTags: [] },
    ]);
    await h.ingest({ mri: 'd:spans/duration@millisecond', useCase: 'spans' });
    expect((await meta({ useCases: ['spans'] })).map((m) => m.blockingStatus)).toEqual([[]]);
    expect(h.configuration.calls).toEqual(['hiddenOperations']);
  });

  it('skips stored strings that are not MRIs, and MRIs whose entity has no operations, saying so in the log', async () => {
    await h.ingest(
      { mri: 'not-an-mri', type: 'c', useCase: 'sessions' },
      { mri: 'g:sessions/odd@none', useCase: 'sessions' },
      { mri: 'c:sessions/session@none', useCase: 'sessions' },
    );
    expect((await meta({ useCases: ['sessions'] })).map((m) => m.mri)).toEqual(['c:sessions/session@none']);
    expect(
      h.logs
        .filter((l) => l['msg'] === 'metric left out of the metadata')
        .map((l) => [l['mri'], l['reason']]),
    ).toEqual([
      ['not-an-mri', 'invalid_mri'],
      ['g:sessions/odd@none', 'unknown_entity'],
    ]);
  });

  it('keeps derived (e) metrics with no operations', async () => {
    await h.ingest({ mri: 'e:custom/derived@ratio', type: 'c' });
    expect((await meta()).map((m) => [m.type, m.operations])).toEqual([['e', []]]);
  });

  it('does not mix organizations, and ignores projects not asked for', async () => {
    await h.ingest(
      { mri: 'c:custom/mine@none' },
      { mri: 'c:custom/theirs@none', org: 2n },
      { mri: 'c:custom/other@none', project: 99n },
    );
    expect((await meta()).map((m) => m.mri)).toEqual(['c:custom/mine@none']);
  });

  it('reads the last 90 days by default and the given time range otherwise', async () => {
    await h.ingest(
      { mri: 'c:custom/recent@none', daysAgo: 3 },
      { mri: 'c:custom/old@none', daysAgo: 100, retentionDays: 400 },
    );
    expect((await meta()).map((m) => m.mri)).toEqual(['c:custom/recent@none']);
    const start = { seconds: BigInt(Math.floor(Date.parse('2026-08-01T00:00:00Z') / 1000)), nanos: 0 };
    const end = { seconds: BigInt(Math.floor(Date.parse('2026-08-20T00:00:00Z') / 1000)), nanos: 0 };
    expect((await meta({ timeRange: { start, end } })).map((m) => m.mri)).toEqual(['c:custom/old@none']);
  });

  it('ignores days past their retention', async () => {
    await h.ingest(
      { mri: 'c:custom/short@none', daysAgo: 10, retentionDays: 5 },
      { mri: 'c:custom/long@none', daysAgo: 10 },
    );
    expect((await meta()).map((m) => m.mri)).toEqual(['c:custom/long@none']);
  });

  it('answers every public use case when none is asked for', async () => {
    await h.ingest(
      { mri: 'c:custom/a@none' },
      { mri: 'c:transactions/b@none', useCase: 'transactions' },
      { mri: 'c:escalating_issues/c@none', useCase: 'escalating_issues' },
    );
    expect((await meta({ useCases: [] })).map((m) => m.mri)).toEqual([
      'c:transactions/b@none',
      'c:custom/a@none',
    ]);
  });

  it('leaves out ids the indexer no longer knows and logs them', async () => {
    const bucket = h.bucket({ mri: 'c:custom/known@none' });
    await h.client.recordBuckets({ buckets: [bucket, { ...bucket, metricId: 424242n }] });
    expect((await meta()).map((m) => m.mri)).toEqual(['c:custom/known@none']);
    expect(h.logs.some((l) => String(l['msg']).startsWith('stored ids the indexer does not know'))).toBe(
      true,
    );
  });

  it.each([
    ['an org id of 2^63', { orgId: 2n ** 63n }, 'org_id: must be at most 9223372036854775807'],
    [
      'a project id of 2^63',
      { projectIds: [1n, 2n ** 63n] },
      'project_ids[1]: must be at most 9223372036854775807',
    ],
    [
      'an unknown use case',
      { useCases: ['custom', 'nope'] },
      'use_cases[1]: The use case nope does not exist',
    ],
    [
      '1001 projects',
      { projectIds: Array.from({ length: 1001 }, (_, i) => BigInt(i)) },
      'project_ids: at most 1000 projects',
    ],
  ])('rejects %s as INVALID_ARGUMENT "%s"', async (_label, init, message) => {
    const error = await meta(init as MessageInitShape<typeof query.GetMetricsMetaRequestSchema>).catch(
      (e: unknown) => ConnectError.from(e),
    );
    expect(error).toMatchObject({ code: Code.InvalidArgument, rawMessage: message });
  });

  it('rejects a time range whose start is not before its end', async () => {
    const at = { seconds: 1_700_000_000n, nanos: 0 };
    const error = await meta({ timeRange: { start: at, end: at } }).catch((e: unknown) =>
      ConnectError.from(e),
    );
    expect(error).toMatchObject({
      code: Code.InvalidArgument,
      rawMessage: 'time_range: start must be before end',
    });
  });

  it('is UNAVAILABLE naming the indexer when the indexer is down', async () => {
    await h.ingest({ mri: 'c:custom/a@none' });
    h.indexer.down = true;
    const error = await meta().catch((e: unknown) => ConnectError.from(e));
    expect(error).toMatchObject({ code: Code.Unavailable, rawMessage: 'indexer service unavailable' });
  });

  it('is UNAVAILABLE naming the configuration service when it is down', async () => {
    await h.ingest({ mri: 'c:custom/a@none' });
    h.configuration.down = true;
    const error = await meta().catch((e: unknown) => ConnectError.from(e));
    expect(error).toMatchObject({ code: Code.Unavailable, rawMessage: 'configuration service unavailable' });
  });
});
