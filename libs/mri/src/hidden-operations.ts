/** Org option keys that can hide operations from the metrics API (spec §3.3). */
export const MetricsApiOrgOption = {
  ACTIVATE_PERCENTILES: 'sentry:metrics_activate_percentiles',
  ACTIVATE_LAST_FOR_GAUGES: 'sentry:metrics_activate_last_for_gauges',
} as const;

export type MetricsApiOrgOption = (typeof MetricsApiOrgOption)[keyof typeof MetricsApiOrgOption];

/** `METRICS_API_HIDDEN_OPERATIONS`: when an org option is falsy, its ops are hidden. */
export const METRICS_API_HIDDEN_OPERATIONS: Readonly<Record<MetricsApiOrgOption, readonly string[]>> = {
  [MetricsApiOrgOption.ACTIVATE_PERCENTILES]: ['p50', 'p75', 'p90', 'p95', 'p99'],
  [MetricsApiOrgOption.ACTIVATE_LAST_FOR_GAUGES]: ['last'],
};

/** The org options' values when an org has not set them (`METRICS_ACTIVATE_*_DEFAULT`). */
export const METRICS_API_ORG_OPTION_DEFAULTS: Readonly<Record<MetricsApiOrgOption, boolean>> = {
  [MetricsApiOrgOption.ACTIVATE_PERCENTILES]: true,
  [MetricsApiOrgOption.ACTIVATE_LAST_FOR_GAUGES]: false,
};

/** `NON_QUERYABLE_METRIC_OPERATIONS`: always hidden from the metrics metadata API. */
export const NON_QUERYABLE_METRIC_OPERATIONS = ['histogram', 'min_timestamp', 'max_timestamp'] as const;
