import type { MetadataBatch, MetricType } from '../metadata/metadata-batch.js';

/**
 * Most values kept per tag key, metric, project and day. Once a day's list holds this many, new values
 * of that day are ignored; one write adds at most this many, so a list never exceeds twice the cap.
 */
export const TAG_VALUES_PER_KEY_DAY = 1000;

/** Which stored days a query reads: `start <= day < end`, and only rows not yet expired at `now`. */
export interface MetaQuery {
  readonly orgId: bigint;
  readonly projectIds: readonly bigint[];
  readonly useCase: string;
  readonly start: Date;
  readonly end: Date;
  readonly now: Date;
}

export interface MetricRow {
  readonly type: MetricType;
  readonly projectId: bigint;
  readonly metricId: bigint;
}

export interface TagKeyRow {
  readonly type: MetricType;
  readonly projectId: bigint;
  readonly tagKeyId: bigint;
}

export interface StoredTagValues {
  /** Distinct raw values (generic use cases). */
  readonly rawValues: readonly string[];
  /** Distinct value ids (release health). */
  readonly valueIds: readonly bigint[];
}

/** The metrics metadata the query service keeps (its own database). Every write is idempotent. */
export interface MetadataStore {
  record(batch: MetadataBatch): Promise<void>;
  /** Distinct (type, project, metric) of the matching days, in no particular order. */
  listMetrics(query: MetaQuery): Promise<MetricRow[]>;
  /** Distinct (type, project, tag key) of one metric's matching days, in no particular order. */
  listTagKeys(query: MetaQuery & { readonly metricId: bigint }): Promise<TagKeyRow[]>;
  /** The values one tag key of one metric took on the matching days, over all queried projects. */
  listTagValues(
    query: MetaQuery & { readonly metricId: bigint; readonly tagKeyId: bigint },
  ): Promise<StoredTagValues>;
  /** Deletes rows expired at `now` (FerretDB has no TTL indexes); returns how many. */
  deleteExpired(now: Date): Promise<number>;
}
