import { Code, ConnectError } from '@connectrpc/connect';
import { describe, expect, it } from 'vitest';
import { createServiceHarness } from '../../test/support/service-harness.js';

describe('QueryService.RecordBuckets', () => {
  it('answers how many buckets it recorded', async () => {
    const h = createServiceHarness();
    expect(await h.ingest({ mri: 'c:custom/a@none' }, { mri: 'c:custom/b@none' })).toBe(2);
  });

  it('changes nothing when the same buckets are recorded twice', async () => {
    const h = createServiceHarness();
    const buckets = [
      h.bucket({ mri: 'c:custom/a@none', tags: { k: 'v1' } }),
      h.bucket({ mri: 'c:custom/a@none', tags: { k: 'v2' }, project: 11n }),
    ];
    const read = async () => ({
      meta: (await h.client.getMetricsMeta({ orgId: 1n, projectIds: [10n, 11n], useCases: ['custom'] }))
        .metrics,
      values: (
        await h.client.getTagValues({
          orgId: 1n,
          projectIds: [10n, 11n],
          useCases: ['custom'],
          mri: 'c:custom/a@none',
          tagKey: 'k',
        })
      ).tagValues,
    });
    await h.client.recordBuckets({ buckets });
    const first = await read();
    await h.client.recordBuckets({ buckets });
    expect(await read()).toEqual(first);
    expect(first.values).toEqual(['v1', 'v2']);
  });

  it('rejects the whole request, naming every bad bucket, and records nothing', async () => {
    const h = createServiceHarness();
    const good = h.bucket({ mri: 'c:custom/a@none' });
    const error = await h.client
      .recordBuckets({ buckets: [good, { ...good, useCaseId: 'nope' }, { ...good, type: 'x' }] })
      .catch((e: unknown) => ConnectError.from(e));
    expect(error).toMatchObject({
      code: Code.InvalidArgument,
      rawMessage:
        'buckets[1].use_case_id: unknown use case "nope"; buckets[2].type: must be one of c, d, s, g, not "x"',
    });
    expect(
      await h.store.listMetrics({
        orgId: 1n,
        projectIds: [10n],
        useCase: 'custom',
        start: new Date(0),
        end: new Date(8.64e15),
        now: new Date(0),
      }),
    ).toEqual([]);
  });

  it('rejects more than 10,000 buckets', async () => {
    const h = createServiceHarness();
    const bucket = h.bucket({ mri: 'c:custom/a@none' });
    const error = await h.client
      .recordBuckets({ buckets: Array.from({ length: 10_001 }, () => bucket) })
      .catch((e: unknown) => ConnectError.from(e));
    expect(error).toMatchObject({ code: Code.InvalidArgument, rawMessage: 'buckets: at most 10000 buckets' });
  });
});
