import { createCompositeKeyMap } from '../metadata/composite-key-map.js';
import type { MetricType } from '../metadata/metadata-batch.js';
import { TAG_VALUES_PER_KEY_DAY, type MetadataStore, type MetaQuery } from './metadata-store.js';

interface MetricDayRow {
  orgId: bigint;
  projectId: bigint;
  useCase: string;
  type: MetricType;
  metricId: bigint;
  day: number;
  tagKeyIds: Set<bigint>;
  expiresAt: number;
}

interface TagValueDayRow {
  orgId: bigint;
  projectId: bigint;
  useCase: string;
  metricId: bigint;
  tagKeyId: bigint;
  day: number;
  rawValues: Set<string>;
  valueIds: Set<bigint>;
  expiresAt: number;
}

/** A MetadataStore in process memory, with the same semantics as the MongoDB one (tests, tools). */
export function createInMemoryMetadataStore(): MetadataStore {
  let metricDays = createCompositeKeyMap<
    [bigint, bigint, string, MetricType, bigint, number],
    MetricDayRow
  >();
  let tagValueDays = createCompositeKeyMap<
    [bigint, bigint, string, bigint, bigint, number],
    TagValueDayRow
  >();

  const matches = (
    row: { orgId: bigint; projectId: bigint; useCase: string; day: number; expiresAt: number },
    q: MetaQuery,
  ) =>
    row.orgId === q.orgId &&
    q.projectIds.includes(row.projectId) &&
    row.useCase === q.useCase &&
    row.day >= q.start.getTime() &&
    row.day < q.end.getTime() &&
    row.expiresAt > q.now.getTime();

  return {
    async record(batch) {
      for (const d of batch.metricDays) {
        const key = [d.orgId, d.projectId, d.useCase, d.type, d.metricId, d.day.getTime()] as [
          bigint,
          bigint,
          string,
          MetricType,
          bigint,
          number,
        ];
        const row = metricDays.get(key) ?? {
          orgId: d.orgId,
          projectId: d.projectId,
          useCase: d.useCase,
          type: d.type,
          metricId: d.metricId,
          day: d.day.getTime(),
          tagKeyIds: new Set<bigint>(),
          expiresAt: d.expiresAt.getTime(),
        };
        for (const id of d.tagKeyIds) row.tagKeyIds.add(id);
        row.expiresAt = Math.max(row.expiresAt, d.expiresAt.getTime());
        metricDays.set(key, row);
      }
      for (const d of batch.tagValueDays) {
        const key = [d.orgId, d.projectId, d.useCase, d.metricId, d.tagKeyId, d.day.getTime()] as [
          bigint,
          bigint,
          string,
          bigint,
          bigint,
          number,
        ];
        const row = tagValueDays.get(key) ?? {
          orgId: d.orgId,
          projectId: d.projectId,
          useCase: d.useCase,
          metricId: d.metricId,
          tagKeyId: d.tagKeyId,
          day: d.day.getTime(),
          rawValues: new Set<string>(),
          valueIds: new Set<bigint>(),
          expiresAt: d.expiresAt.getTime(),
        };
        row.expiresAt = Math.max(row.expiresAt, d.expiresAt.getTime());
        // Same cap rule as the MongoDB store: a full list ignores the write, else the write adds its values.
        if (row.rawValues.size < TAG_VALUES_PER_KEY_DAY) {
          for (const v of d.rawValues.slice(0, TAG_VALUES_PER_KEY_DAY)) row.rawValues.add(v);
        }
        if (row.valueIds.size < TAG_VALUES_PER_KEY_DAY) {
          for (const v of d.valueIds.slice(0, TAG_VALUES_PER_KEY_DAY)) row.valueIds.add(v);
        }
        tagValueDays.set(key, row);
      }
    },

    async listMetrics(query) {
      const seen = createCompositeKeyMap<[MetricType, bigint, bigint], true>();
      const rows: { type: MetricType; projectId: bigint; metricId: bigint }[] = [];
      for (const row of metricDays.values()) {
        if (!matches(row, query) || seen.get([row.type, row.projectId, row.metricId])) continue;
        seen.set([row.type, row.projectId, row.metricId], true);
        rows.push({ type: row.type, projectId: row.projectId, metricId: row.metricId });
      }
      return rows;
    },

    async listTagKeys(query) {
      const seen = createCompositeKeyMap<[MetricType, bigint, bigint], true>();
      const rows: { type: MetricType; projectId: bigint; tagKeyId: bigint }[] = [];
      for (const row of metricDays.values()) {
        if (!matches(row, query) || row.metricId !== query.metricId) continue;
        for (const tagKeyId of row.tagKeyIds) {
          if (seen.get([row.type, row.projectId, tagKeyId])) continue;
          seen.set([row.type, row.projectId, tagKeyId], true);
          rows.push({ type: row.type, projectId: row.projectId, tagKeyId });
        }
      }
      return rows;
    },

    async listTagValues(query) {
      const rawValues = new Set<string>();
      const valueIds = new Set<bigint>();
      for (const row of tagValueDays.values()) {
        if (!matches(row, query) || row.metricId !== query.metricId || row.tagKeyId !== query.tagKeyId)
          continue;
        for (const v of row.rawValues) rawValues.add(v);
        for (const v of row.valueIds) valueIds.add(v);
      }
      return { rawValues: [...rawValues], valueIds: [...valueIds] };
    },

    async deleteExpired(now) {
      const keptMetricDays = createCompositeKeyMap<
        [bigint, bigint, string, MetricType, bigint, number],
        MetricDayRow
      >();
      const keptTagValueDays = createCompositeKeyMap<
        [bigint, bigint, string, bigint, bigint, number],
        TagValueDayRow
      >();
      let deleted = 0;
      for (const r of metricDays.values()) {
        if (r.expiresAt <= now.getTime()) deleted++;
        else keptMetricDays.set([r.orgId, r.projectId, r.useCase, r.type, r.metricId, r.day], r);
      }
      for (const r of tagValueDays.values()) {
        if (r.expiresAt <= now.getTime()) deleted++;
        else keptTagValueDays.set([r.orgId, r.projectId, r.useCase, r.metricId, r.tagKeyId, r.day], r);
      }
      metricDays = keptMetricDays;
      tagValueDays = keptTagValueDays;
      return deleted;
    },
  };
}
