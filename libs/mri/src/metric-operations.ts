/** The on-demand ops (spec §3.1, `MetricOperationType`). */
const ON_DEMAND_OPERATIONS = [
  'on_demand_apdex',
  'on_demand_epm',
  'on_demand_eps',
  'on_demand_failure_count',
  'on_demand_failure_rate',
  'on_demand_count_unique',
  'on_demand_count_web_vitals',
  'on_demand_user_misery',
] as const;

/** `OPERATIONS_PERCENTILES` (p100 was added in 2024; it is not in OP_REGEX). */
export const OPERATIONS_PERCENTILES = ['p50', 'p75', 'p90', 'p95', 'p99', 'p100'] as const;

/** `DERIVED_OPERATIONS`: computed by the query layer rather than mapped to one Snuba aggregate. */
export const DERIVED_OPERATIONS = [
  'histogram',
  'rate',
  'count_web_vitals',
  'count_transaction_name',
  'team_key_transaction',
  'transform_null_to_unparameterized',
  'sum_if_column',
  'uniq_if_column',
  'min_timestamp',
  'max_timestamp',
  ...ON_DEMAND_OPERATIONS,
] as const;

/** `OPERATIONS`: the plain ops, then the percentiles, then the derived ops. */
export const OPERATIONS = [
  'avg',
  'count_unique',
  'count',
  'max',
  'min',
  'sum',
  'last',
  ...OPERATIONS_PERCENTILES,
  ...DERIVED_OPERATIONS,
] as const;

/** `MetricOperationType` (2025). */
export const METRIC_OPERATION_TYPES = [
  'avg',
  'count',
  'count_unique',
  'sum',
  'max',
  'min',
  'p50',
  'p75',
  'p90',
  'p95',
  'p99',
  'p100',
  'percentage',
  'histogram',
  'rate',
  'count_web_vitals',
  'count_transaction_name',
  'team_key_transaction',
  'sum_if_column',
  'uniq_if_column',
  'min_timestamp',
  'max_timestamp',
  'last',
  ...ON_DEMAND_OPERATIONS,
] as const;

export type MetricOperationType = (typeof METRIC_OPERATION_TYPES)[number];

/** `DEFAULT_AGGREGATES`: the value of an aggregate over no data (0 for counts and sums, else null). */
export const DEFAULT_AGGREGATES: Readonly<Record<string, number | null>> = {
  count_unique: 0,
  count: 0,
  sum: 0,
  avg: null,
  min: null,
  max: null,
  p50: null,
  p75: null,
  p90: null,
  p95: null,
  p99: null,
  percentage: null,
  last: null,
};
