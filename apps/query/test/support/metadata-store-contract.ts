import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MetadataBatch, MetricDay, TagValueDay } from '../../src/metadata/metadata-batch.js';
import {
  TAG_VALUES_PER_KEY_DAY,
  type MetadataStore,
  type MetaQuery,
} from '../../src/store/metadata-store.js';

export interface StoreFixture {
  store: MetadataStore;
  teardown(): Promise<void>;
}

const DAY_MS = 86_400_000;
const D0 = new Date(20_000 * DAY_MS);
const day = (n: number) => new Date(D0.getTime() + n * DAY_MS);
const STATIC_ID = 2n ** 63n + 5n;

function metricDay(init: Partial<MetricDay> = {}): MetricDay {
  return {
    orgId: 1n,
    projectId: 10n,
    useCase: 'custom',
    type: 'c',
    metricId: 100n,
    day: D0,
    tagKeyIds: [],
    expiresAt: day(90),
    ...init,
  };
}

function tagValueDay(init: Partial<TagValueDay> = {}): TagValueDay {
  return {
    orgId: 1n,
    projectId: 10n,
    useCase: 'custom',
    metricId: 100n,
    tagKeyId: 7n,
    day: D0,
    rawValues: [],
    valueIds: [],
    expiresAt: day(90),
    ...init,
  };
}

const batch = (metricDays: MetricDay[], tagValueDays: TagValueDay[] = []): MetadataBatch => ({
  metricDays,
  tagValueDays,
});

const query = (init: Partial<MetaQuery> = {}): MetaQuery => ({
  orgId: 1n,
  projectIds: [10n, 11n],
  useCase: 'custom',
  start: day(-30),
  end: day(30),
  now: day(1),
  ...init,
});

const byKey = <T extends { type: string; projectId: bigint }>(rows: T[], id: (r: T) => bigint) =>
  rows.map((r) => `${r.type}/${r.projectId}/${id(r)}`).sort();

/** The behaviour every MetadataStore must have; run against each implementation. */
export function describeMetadataStoreContract(name: string, setup: () => Promise<StoreFixture>): void {
  describe(`MetadataStore contract: ${name}`, () => {
    let fixture: StoreFixture;
    let store: MetadataStore;
    beforeEach(async () => {
      fixture = await setup();
      store = fixture.store;
    });
    afterEach(async () => fixture.teardown());

    it('lists each (type, project, metric) once, whatever the number of days', async () => {
      await store.record(
        batch([
          metricDay(),
          metricDay({ day: day(1) }),
          metricDay({ type: 'd' }),
          metricDay({ projectId: 11n, metricId: 101n }),
        ]),
      );
      expect(byKey(await store.listMetrics(query()), (r) => r.metricId)).toEqual([
        'c/10/100',
        'c/11/101',
        'd/10/100',
      ]);
    });

    it('keeps organizations, projects and use cases apart', async () => {
      await store.record(
        batch([
          metricDay({ orgId: 2n, metricId: 200n }),
          metricDay({ projectId: 12n, metricId: 300n }),
          metricDay({ useCase: 'spans', metricId: 400n }),
          metricDay(),
        ]),
      );
      expect(byKey(await store.listMetrics(query()), (r) => r.metricId)).toEqual(['c/10/100']);
      expect(byKey(await store.listMetrics(query({ orgId: 2n })), (r) => r.metricId)).toEqual(['c/10/200']);
      expect(byKey(await store.listMetrics(query({ useCase: 'spans' })), (r) => r.metricId)).toEqual([
        'c/10/400',
      ]);
      expect(await store.listMetrics(query({ projectIds: [] }))).toEqual([]);
    });

    it('reads only days in [start, end)', async () => {
      await store.record(
        batch([
          metricDay({ metricId: 1n, day: day(-1) }),
          metricDay({ metricId: 2n, day: day(0) }),
          metricDay({ metricId: 3n, day: day(1) }),
        ]),
      );
      const rows = await store.listMetrics(query({ start: day(0), end: day(1) }));
      expect(rows.map((r) => r.metricId)).toEqual([2n]);
    });

    it('ignores expired days, keeps the longest retention seen, and deletes expired rows', async () => {
      await store.record(
        batch(
          [
            metricDay({ metricId: 1n, expiresAt: day(5) }),
            metricDay({ metricId: 2n, expiresAt: day(5) }),
            metricDay({ metricId: 2n, expiresAt: day(50) }),
          ],
          [tagValueDay({ metricId: 1n, rawValues: ['a'], expiresAt: day(5) })],
        ),
      );
      const at = (n: number) => query({ now: day(n) });
      expect((await store.listMetrics(at(4))).map((r) => r.metricId).sort()).toEqual([1n, 2n]);
      expect((await store.listMetrics(at(5))).map((r) => r.metricId)).toEqual([2n]);
      expect(await store.listTagValues({ ...at(5), metricId: 1n, tagKeyId: 7n })).toEqual({
        rawValues: [],
        valueIds: [],
      });
      expect(await store.deleteExpired(day(5))).toBe(2);
      expect((await store.listMetrics(at(0))).map((r) => r.metricId)).toEqual([2n]);
      expect(await store.deleteExpired(day(5))).toBe(0);
    });

    it('lists the union of tag keys of one metric per type and project', async () => {
      await store.record(
        batch([
          metricDay({ tagKeyIds: [1n, 2n] }),
          metricDay({ day: day(1), tagKeyIds: [2n, 3n] }),
          metricDay({ type: 'd', tagKeyIds: [4n] }),
          metricDay({ projectId: 11n, tagKeyIds: [1n] }),
          metricDay({ metricId: 999n, tagKeyIds: [5n] }),
        ]),
      );
      expect(byKey(await store.listTagKeys({ ...query(), metricId: 100n }), (r) => r.tagKeyId)).toEqual([
        'c/10/1',
        'c/10/2',
        'c/10/3',
        'c/11/1',
        'd/10/4',
      ]);
    });

    it('lists the distinct raw values and value ids of a tag over days and projects', async () => {
      await store.record(
        batch(
          [],
          [
            tagValueDay({ rawValues: ['a', 'b'] }),
            tagValueDay({ day: day(1), rawValues: ['b', 'c'] }),
            tagValueDay({ projectId: 11n, rawValues: ['d'], valueIds: [5n, STATIC_ID] }),
            tagValueDay({ projectId: 12n, rawValues: ['not queried'] }),
            tagValueDay({ tagKeyId: 8n, rawValues: ['other key'] }),
          ],
        ),
      );
      const values = await store.listTagValues({ ...query(), metricId: 100n, tagKeyId: 7n });
      expect([...values.rawValues].sort()).toEqual(['a', 'b', 'c', 'd']);
      expect([...values.valueIds].sort()).toEqual([5n, STATIC_ID]);
    });

    it('round-trips ids of 2^63 and above (static ids)', async () => {
      await store.record(
        batch(
          [metricDay({ metricId: STATIC_ID, tagKeyIds: [STATIC_ID + 1n] })],
          [tagValueDay({ metricId: STATIC_ID, tagKeyId: STATIC_ID + 1n, valueIds: [STATIC_ID + 2n] })],
        ),
      );
      expect(await store.listMetrics(query())).toEqual([{ type: 'c', projectId: 10n, metricId: STATIC_ID }]);
      expect(await store.listTagKeys({ ...query(), metricId: STATIC_ID })).toEqual([
        { type: 'c', projectId: 10n, tagKeyId: STATIC_ID + 1n },
      ]);
      expect(
        await store.listTagValues({ ...query(), metricId: STATIC_ID, tagKeyId: STATIC_ID + 1n }),
      ).toEqual({
        rawValues: [],
        valueIds: [STATIC_ID + 2n],
      });
    });

    it('changes nothing when the same batch is recorded twice', async () => {
      const same = batch(
        [metricDay({ tagKeyIds: [1n, 2n] }), metricDay({ type: 's', day: day(1), tagKeyIds: [3n] })],
        [tagValueDay({ rawValues: ['x', 'y'] }), tagValueDay({ tagKeyId: 8n, valueIds: [9n] })],
      );
      const snapshot = async () => ({
        metrics: byKey(await store.listMetrics(query()), (r) => r.metricId),
        keys: byKey(await store.listTagKeys({ ...query(), metricId: 100n }), (r) => r.tagKeyId),
        values7: await store.listTagValues({ ...query(), metricId: 100n, tagKeyId: 7n }),
        values8: await store.listTagValues({ ...query(), metricId: 100n, tagKeyId: 8n }),
      });
      await store.record(same);
      const first = await snapshot();
      await store.record(same);
      expect(await snapshot()).toEqual(first);
      expect(await store.deleteExpired(day(1000))).toBe(4);
    });

    it(`stops adding values to a tag's day once it holds ${TAG_VALUES_PER_KEY_DAY}`, async () => {
      const values = (from: number, count: number) => Array.from({ length: count }, (_, i) => `v${from + i}`);
      await store.record(batch([], [tagValueDay({ rawValues: values(0, TAG_VALUES_PER_KEY_DAY - 10) })]));
      await store.record(batch([], [tagValueDay({ rawValues: values(TAG_VALUES_PER_KEY_DAY - 10, 20) })]));
      await store.record(batch([], [tagValueDay({ rawValues: values(5000, 5) })]));
      await store.record(
        batch([], [tagValueDay({ day: day(1), rawValues: values(6000, 3 * TAG_VALUES_PER_KEY_DAY) })]),
      );
      const day0 = await store.listTagValues({ ...query({ end: day(1) }), metricId: 100n, tagKeyId: 7n });
      expect(day0.rawValues.length).toBe(TAG_VALUES_PER_KEY_DAY + 10);
      expect(day0.rawValues).not.toContain('v5000');
      const day1 = await store.listTagValues({ ...query({ start: day(1) }), metricId: 100n, tagKeyId: 7n });
      expect(day1.rawValues.length).toBe(TAG_VALUES_PER_KEY_DAY);
    });
  });
}
