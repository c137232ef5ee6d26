/** Bucket metric types; also the meta "entities" (Sentry keeps one meta table per type). */
export type MetricType = 'c' | 'd' | 's' | 'g';

/** The order in which Sentry queries the generic meta tables: counters, sets, gauges, distributions (§3.6). */
export const META_TYPE_ORDER: readonly MetricType[] = ['c', 's', 'g', 'd'];

export function isMetricType(value: string): value is MetricType {
  return value === 'c' || value === 'd' || value === 's' || value === 'g';
}

/** What one (org, project, use case, type, metric) used on one UTC day: Sentry's meta-table row. */
export interface MetricDay {
  readonly orgId: bigint;
  readonly projectId: bigint;
  readonly useCase: string;
  readonly type: MetricType;
  readonly metricId: bigint;
  /** Midnight UTC of the buckets' day. */
  readonly day: Date;
  /** Tag key ids seen that day (never 0). */
  readonly tagKeyIds: readonly bigint[];
  /** When the row stops counting: the day plus the longest retention seen. */
  readonly expiresAt: Date;
}

/** The values one tag key of one metric took on one UTC day. */
export interface TagValueDay {
  readonly orgId: bigint;
  readonly projectId: bigint;
  readonly useCase: string;
  readonly metricId: bigint;
  readonly tagKeyId: bigint;
  readonly day: Date;
  /** Raw values (generic use cases: tag values are not indexed). */
  readonly rawValues: readonly string[];
  /** Value ids (release health: tag values are indexed). */
  readonly valueIds: readonly bigint[];
  readonly expiresAt: Date;
}

/** The metadata of a batch of buckets, merged per key. */
export interface MetadataBatch {
  readonly metricDays: readonly MetricDay[];
  readonly tagValueDays: readonly TagValueDay[];
}
