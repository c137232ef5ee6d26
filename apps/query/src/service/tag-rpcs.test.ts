import type { MessageInitShape } from '@bufbuild/protobuf';
import { Code, ConnectError } from '@connectrpc/connect';
import type { query } from '@mindex/proto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createServiceHarness, type ServiceHarness } from '../../test/support/service-harness.js';

describe('QueryService.GetTagKeys', () => {
  let h: ServiceHarness;
  beforeEach(() => {
    h = createServiceHarness();
  });
  const tagKeys = async (init: MessageInitShape<typeof query.GetTagKeysRequestSchema> = {}) =>
    (
      await h.client.getTagKeys({
        orgId: 1n,
        projectIds: [10n, 11n],
        useCases: ['custom'],
        mri: 'd:custom/latency@millisecond',
        ...init,
      })
    ).tagKeys;

  it('answers the sorted union of tag keys over projects and days', async () => {
    await h.ingest(
      { mri: 'd:custom/latency@millisecond', tags: { route: '/a', env: 'prod' } },
      { mri: 'd:custom/latency@millisecond', project: 11n, daysAgo: 5, tags: { Browser: 'x', env: 'dev' } },
      { mri: 'd:custom/latency@millisecond', project: 12n, tags: { notAsked: 'x' } },
      { mri: 'c:custom/other@none', tags: { otherMetric: 'x' } },
    );
    expect(await tagKeys()).toEqual(['Browser', 'env', 'route']);
  });

  it('answers the union over use cases', async () => {
    await h.ingest(
      { mri: 'd:custom/latency@millisecond', tags: { a: '1' } },
      { mri: 'd:custom/latency@millisecond', useCase: 'spans', tags: { b: '1' } },
    );
    expect(await tagKeys({ useCases: ['custom', 'spans'] })).toEqual(['a', 'b']);
  });

  it('sorts by code point, as Python does', async () => {
    await h.ingest({ mri: 'd:custom/latency@millisecond', tags: { '😀': '1', '\uffff': '1', z: '1' } });
    expect(await tagKeys()).toEqual(['z', '\uffff', '😀']);
  });

  it('answers [] for a known metric without tags', async () => {
    await h.ingest({ mri: 'd:custom/latency@millisecond' });
    expect(await tagKeys()).toEqual([]);
  });

  it('is NOT_FOUND "Unknown metric: <mri>" for a metric the indexer does not know (§3.6)', async () => {
    const error = await tagKeys({ mri: 'c:custom/nope@none' }).catch((e: unknown) => ConnectError.from(e));
    expect(error).toMatchObject({ code: Code.NotFound, rawMessage: 'Unknown metric: c:custom/nope@none' });
  });

  it('is NOT_FOUND when the metric is unknown in one of the use cases, as Sentry raises on the first', async () => {
    await h.ingest({ mri: 'd:custom/latency@millisecond', tags: { a: '1' } });
    const error = await tagKeys({ useCases: ['custom', 'spans'] }).catch((e: unknown) =>
      ConnectError.from(e),
    );
    expect(error).toMatchObject({
      code: Code.NotFound,
      rawMessage: 'Unknown metric: d:custom/latency@millisecond',
    });
  });

  it.each([
    ['', 'mri: must not be empty'],
    ['c:custom/' + 'x'.repeat(200) + '@none', 'mri: longer than 200 code points'],
  ])('rejects the MRI %j', async (mri, message) => {
    const error = await tagKeys({ mri }).catch((e: unknown) => ConnectError.from(e));
    expect(error).toMatchObject({ code: Code.InvalidArgument, rawMessage: message });
  });

  it('is UNAVAILABLE naming the indexer when it is down', async () => {
    h.indexer.down = true;
    const error = await tagKeys().catch((e: unknown) => ConnectError.from(e));
    expect(error).toMatchObject({ code: Code.Unavailable, rawMessage: 'indexer service unavailable' });
  });
});

describe('QueryService.GetTagValues', () => {
  let h: ServiceHarness;
  beforeEach(() => {
    h = createServiceHarness();
  });
  const tagValues = async (init: MessageInitShape<typeof query.GetTagValuesRequestSchema> = {}) =>
    (
      await h.client.getTagValues({
        orgId: 1n,
        projectIds: [10n, 11n],
        useCases: ['custom'],
        mri: 'c:custom/clicks@none',
        tagKey: 'browser',
        ...init,
      })
    ).tagValues;

  it('answers the distinct raw values over projects and days, sorted', async () => {
    await h.ingest(
      { mri: 'c:custom/clicks@none', tags: { browser: 'firefox', os: 'linux' } },
      { mri: 'c:custom/clicks@none', tags: { browser: 'chrome' }, daysAgo: 3 },
      { mri: 'c:custom/clicks@none', project: 11n, tags: { browser: 'firefox' } },
      { mri: 'c:custom/clicks@none', project: 12n, tags: { browser: 'not asked' } },
      { mri: 'c:custom/other@none', tags: { browser: 'other metric' } },
    );
    expect(await tagValues()).toEqual(['chrome', 'firefox']);
  });

  it('filters by prefix and cuts at the limit', async () => {
    await h.ingest(
      ...['chrome', 'chromium', 'edge', 'chrome-mobile', 'Chrome'].map((browser) => ({
        mri: 'c:custom/clicks@none',
        tags: { browser },
      })),
    );
    expect(await tagValues({ prefix: 'chrom' })).toEqual(['chrome', 'chrome-mobile', 'chromium']);
    expect(await tagValues({ prefix: 'chrom', limit: 2 })).toEqual(['chrome', 'chrome-mobile']);
  });

  it('answers 100 values when no limit is given', async () => {
    const specs = Array.from({ length: 150 }, (_, i) => ({
      mri: 'c:custom/clicks@none',
      tags: { browser: `b${String(i).padStart(3, '0')}` },
    }));
    await h.ingest(...specs);
    const values = await tagValues();
    expect([values.length, values[0], values[99]]).toEqual([100, 'b000', 'b099']);
  });

  it('reverse resolves the value ids of release-health metrics', async () => {
    await h.ingest(
      { mri: 'c:sessions/session@none', useCase: 'sessions', tags: { release: '1.0', environment: 'prod' } },
      { mri: 'c:sessions/session@none', useCase: 'sessions', tags: { release: '2.0' } },
    );
    expect(
      await tagValues({ useCases: ['sessions'], mri: 'c:sessions/session@none', tagKey: 'release' }),
    ).toEqual(['1.0', '2.0']);
  });

  it('answers [] for a tag key the indexer does not know', async () => {
    await h.ingest({ mri: 'c:custom/clicks@none', tags: { browser: 'x' } });
    expect(await tagValues({ tagKey: 'never-seen' })).toEqual([]);
  });

  it('is NOT_FOUND "Unknown metric: <mri>" for an unknown metric', async () => {
    const error = await tagValues({ mri: 'c:custom/nope@none' }).catch((e: unknown) => ConnectError.from(e));
    expect(error).toMatchObject({ code: Code.NotFound, rawMessage: 'Unknown metric: c:custom/nope@none' });
  });

  it.each([
    [{ limit: 1001 }, 'limit: at most 1000'],
    [{ tagKey: '' }, 'tag_key: must not be empty'],
    [{ prefix: 'x'.repeat(1001) }, 'prefix: longer than 1000 code points'],
  ])('rejects %o', async (init, message) => {
    const error = await tagValues(init).catch((e: unknown) => ConnectError.from(e));
    expect(error).toMatchObject({ code: Code.InvalidArgument, rawMessage: message });
  });
});
