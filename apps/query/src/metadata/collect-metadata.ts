import { codePointLength } from '@mindex/mri';
import type { commonBuckets } from '@mindex/proto';
import { MAX_INT64, MAX_UINT64 } from '../ids/uint64.js';
import { createCompositeKeyMap } from './composite-key-map.js';
import { isMetricType, type MetadataBatch, type MetricDay, type MetricType } from './metadata-batch.js';

/** Retention when a bucket carries none (0 is proto3's "unset"), as Sentry's default. */
export const DEFAULT_RETENTION_DAYS = 90;
/** Largest retention a bucket may carry (the ingest schema's uint16). */
export const MAX_RETENTION_DAYS = 65_535;
/** Latest accepted bucket time: 9999-12-31T23:59:59Z, so every day fits a Date. */
export const MAX_TIMESTAMP_SECONDS = 253_402_300_799n;
/** Longest raw tag value, in code points (the generic ingest limit). */
export const MAX_TAG_VALUE_LENGTH = 1000;

const DAY_MS = 86_400_000;
const MAX_VIOLATIONS = 20;
const DECIMAL_ID = /^[1-9][0-9]{0,19}$/u;

export interface Violation {
  readonly field: string;
  readonly description: string;
}

export type CollectMetadataResult =
  | { readonly ok: true; readonly batch: MetadataBatch }
  | { readonly ok: false; readonly violations: readonly Violation[] };

export interface CollectMetadataOptions {
  isUseCaseId(value: string): boolean;
}

interface MutableMetricDay {
  key: Omit<MetricDay, 'tagKeyIds' | 'expiresAt'>;
  tagKeyIds: Set<bigint>;
  expiresAt: number;
}

interface MutableTagValueDay {
  key: { orgId: bigint; projectId: bigint; useCase: string; metricId: bigint; tagKeyId: bigint; day: Date };
  rawValues: Set<string>;
  valueIds: Set<bigint>;
  expiresAt: number;
}

/**
 * Validates indexed buckets and merges what the meta tables keep: per (org, project, use case, type,
 * metric, day) the tag keys and expiry, and per tag key and day the values seen. Tag keys of both maps
 * count (`raw_tags` for generic buckets, `indexed_tags` for release health).
 */
export function collectMetadata(
  buckets: readonly commonBuckets.IndexedBucket[],
  options: CollectMetadataOptions,
): CollectMetadataResult {
  const violations: Violation[] = [];
  const metricDays = createCompositeKeyMap<
    [bigint, bigint, string, MetricType, bigint, number],
    MutableMetricDay
  >();
  const tagValueDays = createCompositeKeyMap<
    [bigint, bigint, string, bigint, bigint, number],
    MutableTagValueDay
  >();

  buckets.forEach((bucket, index) => {
    const problems = validateBucket(bucket, options);
    for (const problem of problems) {
      violations.push({ field: `buckets[${index}].${problem.field}`, description: problem.description });
    }
    if (problems.length > 0 || !isMetricType(bucket.type)) return;

    const { orgId, projectId, useCaseId: useCase, metricId, type } = bucket;
    const dayMs = Math.floor(Number(bucket.timestamp) / 86_400) * DAY_MS;
    const retention = bucket.retentionDays === 0 ? DEFAULT_RETENTION_DAYS : bucket.retentionDays;
    const expiresAt = dayMs + retention * DAY_MS;

    const metricKey = [orgId, projectId, useCase, type, metricId, dayMs] as [
      bigint,
      bigint,
      string,
      MetricType,
      bigint,
      number,
    ];
    let metricDay = metricDays.get(metricKey);
    if (metricDay === undefined) {
      const key = { orgId, projectId, useCase, type, metricId, day: new Date(dayMs) };
      metricDay = { key, tagKeyIds: new Set(), expiresAt };
      metricDays.set(metricKey, metricDay);
    }
    metricDay.expiresAt = Math.max(metricDay.expiresAt, expiresAt);

    const tagValueDay = (tagKeyId: bigint): MutableTagValueDay => {
      const tagKey = [orgId, projectId, useCase, metricId, tagKeyId, dayMs] as [
        bigint,
        bigint,
        string,
        bigint,
        bigint,
        number,
      ];
      let entry = tagValueDays.get(tagKey);
      if (entry === undefined) {
        const key = { orgId, projectId, useCase, metricId, tagKeyId, day: new Date(dayMs) };
        entry = { key, rawValues: new Set(), valueIds: new Set(), expiresAt };
        tagValueDays.set(tagKey, entry);
      }
      entry.expiresAt = Math.max(entry.expiresAt, expiresAt);
      return entry;
    };
    for (const [key, value] of Object.entries(bucket.rawTags)) {
      const tagKeyId = BigInt(key);
      metricDay.tagKeyIds.add(tagKeyId);
      tagValueDay(tagKeyId).rawValues.add(value);
    }
    for (const [key, valueId] of Object.entries(bucket.indexedTags)) {
      const tagKeyId = BigInt(key);
      metricDay.tagKeyIds.add(tagKeyId);
      // 0 is TAG_NOT_SET (spec §8): no value to keep.
      const entry = tagValueDay(tagKeyId);
      if (valueId > 0n) entry.valueIds.add(valueId);
    }
  });

  if (violations.length > 0) return { ok: false, violations: violations.slice(0, MAX_VIOLATIONS) };
  return {
    ok: true,
    batch: {
      metricDays: metricDays.values().map((entry) => ({
        ...entry.key,
        tagKeyIds: [...entry.tagKeyIds],
        expiresAt: new Date(entry.expiresAt),
      })),
      tagValueDays: tagValueDays.values().map((entry) => ({
        ...entry.key,
        rawValues: [...entry.rawValues],
        valueIds: [...entry.valueIds],
        expiresAt: new Date(entry.expiresAt),
      })),
    },
  };
}

function validateBucket(bucket: commonBuckets.IndexedBucket, options: CollectMetadataOptions): Violation[] {
  const problems: Violation[] = [];
  if (bucket.orgId > MAX_INT64)
    problems.push({ field: 'org_id', description: `must be at most ${MAX_INT64}` });
  if (bucket.projectId > MAX_INT64) {
    problems.push({ field: 'project_id', description: `must be at most ${MAX_INT64}` });
  }
  if (!options.isUseCaseId(bucket.useCaseId)) {
    problems.push({
      field: 'use_case_id',
      description: `unknown use case ${JSON.stringify(bucket.useCaseId)}`,
    });
  }
  if (bucket.metricId === 0n) problems.push({ field: 'metric_id', description: 'must be positive' });
  if (!isMetricType(bucket.type)) {
    problems.push({
      field: 'type',
      description: `must be one of c, d, s, g, not ${JSON.stringify(bucket.type)}`,
    });
  }
  if (bucket.timestamp > MAX_TIMESTAMP_SECONDS) {
    problems.push({ field: 'timestamp', description: `must be at most ${MAX_TIMESTAMP_SECONDS}` });
  }
  if (bucket.retentionDays > MAX_RETENTION_DAYS) {
    problems.push({ field: 'retention_days', description: `must be at most ${MAX_RETENTION_DAYS}` });
  }
  for (const [key, value] of Object.entries(bucket.rawTags)) {
    if (!isTagKeyId(key))
      problems.push({ field: 'raw_tags', description: `key ${JSON.stringify(key)} is not an id` });
    else if (codePointLength(value) > MAX_TAG_VALUE_LENGTH) {
      problems.push({
        field: `raw_tags[${key}]`,
        description: `longer than ${MAX_TAG_VALUE_LENGTH} code points`,
      });
    }
  }
  for (const key of Object.keys(bucket.indexedTags)) {
    if (!isTagKeyId(key)) {
      problems.push({ field: 'indexed_tags', description: `key ${JSON.stringify(key)} is not an id` });
    }
  }
  return problems;
}

// A tag key id: a positive decimal uint64 without leading zeros.
function isTagKeyId(key: string): boolean {
  return DECIMAL_ID.test(key) && BigInt(key) <= MAX_UINT64;
}
