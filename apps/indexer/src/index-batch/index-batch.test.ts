import { describe, expect, it } from 'vitest';
import { bucket, sessionBuckets } from '../../test/support/buckets.js';
import { createMemoryHarness } from '../../test/support/indexer-harness.js';
import type { BatchOutcome } from './index-batch.js';
import type { MetricsBlocking, ProjectBlocking } from './metrics-blocking.js';

const ENVIRONMENT = 9223372036854776010n;
const PRODUCTION = 9223372036854776015n;
const SESSION_STATUS = 9223372036854776017n;
const INIT = 9223372036854776014n;
const CUSTOM_PER_ORG = 'sentry-metrics.writes-limiter.limits.custom.per-org';
const CUSTOM_CARDINALITY = 'sentry-metrics.cardinality-limiter.limits.custom.per-org';

const kinds = (outcomes: BatchOutcome[]) =>
  outcomes.map((o) => (o.kind === 'indexed' || o.kind === 'dropped' ? o.kind : `${o.kind}:${o.reason}`));

describe('createBatchIndexer', () => {
  it('indexes the session buckets end to end with the shared ids', async () => {
    const h = createMemoryHarness();
    const outcomes = await h.core.batchIndexer.indexBatch(sessionBuckets());
    expect(kinds(outcomes)).toEqual(['indexed', 'indexed', 'indexed']);
    const first = outcomes[0]!;
    if (first.kind !== 'indexed') throw new Error('not indexed');
    expect(first.bucket.metricId).toBe(9223372036854775809n);
    expect(first.bucket.indexedTags).toEqual({
      [String(ENVIRONMENT)]: PRODUCTION,
      [String(SESSION_STATUS)]: INIT,
    });
    expect(first.bucket.mappingSources).toBe('h');
    expect(first.bucket.useCaseId).toBe('sessions');
    expect(first.bucket.sentryReceivedTimestamp).toBe(h.clock.now() / 1000);
  });

  it('filters disabled namespaces, reports invalid buckets, and indexes the rest', async () => {
    const h = createMemoryHarness({ 'sentry-metrics.indexer.disabled-namespaces': ['escalating_issues'] });
    const outcomes = await h.core.batchIndexer.indexBatch([
      bucket({ name: 'c:spans/a@none', namespace: 'spans' }),
      bucket({
        name: 'd:escalating_issues/b@none',
        namespace: 'escalating_issues',
        type: 'd',
        value: { kind: { case: 'distribution', value: { values: [1] } } },
      }),
      bucket({ name: 'invalid_MRI', namespace: '' }),
      bucket({ name: 'c:custom/x@none', type: 'x' }),
      bucket({ name: 'c:custom/y@none', namespace: '' }),
    ]);
    expect(kinds(outcomes)).toEqual([
      'indexed',
      'filtered:namespace_disabled',
      'invalid:invalid_mri',
      'invalid:invalid_metric_type',
      'indexed',
    ]);
    expect(outcomes[2]).toEqual({
      kind: 'invalid',
      reason: 'invalid_mri',
      message: 'The MRI invalid_MRI is not valid',
    });
  });

  it('gives generic buckets raw tag values, version 2 and new ids (FIRST_SEEN)', async () => {
    const h = createMemoryHarness();
    const [outcome] = await h.core.batchIndexer.indexBatch([
      bucket({ name: 'c:custom/clicks@none', tags: { button: 'buy', environment: 'prod' } }),
    ]);
    if (outcome?.kind !== 'indexed') throw new Error('not indexed');
    const b = outcome.bucket;
    expect(b.version).toBe(2);
    expect(Object.values(b.rawTags).sort()).toEqual(['buy', 'prod']);
    expect(b.rawTags[String(ENVIRONMENT)]).toBe('prod');
    expect(b.mappingSources).toBe('fh');
    expect(Object.values(b.mappingMeta['f']!.strings).sort()).toEqual(['button', 'c:custom/clicks@none']);
  });

  it('drops buckets whose strings were rate limited, with the reason', async () => {
    const h = createMemoryHarness({
      [CUSTOM_PER_ORG]: [{ window_seconds: 60, granularity_seconds: 60, limit: 1 }],
    });
    const outcomes = await h.core.batchIndexer.indexBatch([
      bucket({ name: 'c:custom/one@none', tags: { brand_new_key: 'v' } }),
      bucket({ name: 'c:custom/one@none', orgId: 2n }),
    ]);
    expect(outcomes).toEqual([
      { kind: 'dropped', reason: 'writes_limit', stringType: 'tags', globalQuota: false },
      expect.objectContaining({ kind: 'indexed' }),
    ]);
    const [later] = await h.core.batchIndexer.indexBatch([bucket({ name: 'c:custom/other@none' })]);
    expect(later).toEqual({
      kind: 'dropped',
      reason: 'missing_numeric_metric_id',
      stringType: 'metric_id',
      globalQuota: false,
    });
  });

  it('filters series over the cardinality limit (not invalid) and admits known ones', async () => {
    const h = createMemoryHarness({
      [CUSTOM_CARDINALITY]: [{ window_seconds: 3600, granularity_seconds: 600, limit: 2 }],
    });
    const series = (n: number) => bucket({ name: 'c:custom/c@none', tags: { n: String(n) } });
    expect(kinds(await h.core.batchIndexer.indexBatch([series(1), series(2), series(3), series(1)]))).toEqual(
      ['indexed', 'indexed', 'filtered:cardinality_limit', 'indexed'],
    );
    expect(kinds(await h.core.batchIndexer.indexBatch([series(4), series(2)]))).toEqual([
      'filtered:cardinality_limit',
      'indexed',
    ]);
  });

  it('does not limit cardinality for release health by default (rollout 0)', async () => {
    const h = createMemoryHarness({
      'sentry-metrics.cardinality-limiter.limits.sessions.per-org': [
        { window_seconds: 3600, granularity_seconds: 600, limit: 1 },
      ],
    });
    expect(kinds(await h.core.batchIndexer.indexBatch(sessionBuckets()))).toEqual([
      'indexed',
      'indexed',
      'indexed',
    ]);
  });

  it('indexes release-health and generic buckets of several orgs in one batch', async () => {
    const h = createMemoryHarness();
    const outcomes = await h.core.batchIndexer.indexBatch([
      ...sessionBuckets(5n),
      bucket({ name: 'c:spans/x@none', orgId: 5n, tags: { shared_key: 'v' } }),
      bucket({ name: 'c:custom/x@none', orgId: 6n, tags: { shared_key: 'v' } }),
    ]);
    expect(kinds(outcomes)).toEqual(['indexed', 'indexed', 'indexed', 'indexed', 'indexed']);
    const ids = outcomes
      .slice(3)
      .map((o) => (o.kind === 'indexed' ? Object.keys(o.bucket.rawTags)[0] : undefined));
    expect(ids[0]).not.toBe(ids[1]);
  });

  describe('metrics blocking', () => {
    const project1: ProjectBlocking = new Map([
      ['c:custom/blocked@none', { isBlocked: true, blockedTags: new Set<string>() }],
      ['c:custom/tagged@none', { isBlocked: false, blockedTags: new Set(['secret', 'absent']) }],
    ]);
    const blocking: MetricsBlocking = {
      projectsOf: async (orgId, projectIds) =>
        new Map(projectIds.filter((p) => orgId === 1n && p === 1n).map((p) => [p, project1])),
    };

    it.each([
      ['a blocked metric', { name: 'c:custom/blocked@none' }, 'filtered:metric_blocked', undefined],
      [
        'the same metric in another project',
        { name: 'c:custom/blocked@none', projectId: 2n },
        'indexed',
        undefined,
      ],
      ['the same metric in another org', { name: 'c:custom/blocked@none', orgId: 2n }, 'indexed', undefined],
      [
        'a metric with a blocked tag',
        { name: 'c:custom/tagged@none', tags: { secret: 's', env: 'p' } },
        'indexed',
        ['secret'],
      ],
      [
        'a metric without its blocked tags',
        { name: 'c:custom/tagged@none', tags: { env: 'p' } },
        'indexed',
        undefined,
      ],
    ])('%s → %s', async (_name, init, kind, removed) => {
      const h = createMemoryHarness({}, blocking);
      const [first] = await h.core.batchIndexer.indexBatch([bucket({ orgId: 1n, projectId: 1n, ...init })]);
      const outcome = first!;
      expect(kinds([outcome])).toEqual([kind]);
      if (outcome.kind === 'indexed') {
        expect(outcome.removedTags).toEqual(removed);
        const { rawTags, indexedTags } = outcome.bucket;
        const tagCount = Object.keys(rawTags).length + Object.keys(indexedTags).length;
        expect(tagCount).toBe(Object.keys('tags' in init ? init.tags : {}).length - (removed?.length ?? 0));
      }
    });
  });
});
