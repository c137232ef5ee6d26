import { SnubaEntity, type GenericSnubaEntity, type NonGenericSnubaEntity } from './snuba-entity.js';

const COUNTER_OPS = ['max_timestamp', 'min_timestamp', 'sum'] as const;
const DISTRIBUTION_OPS = [
  'avg',
  'count',
  'histogram',
  'max',
  'max_timestamp',
  'min',
  'min_timestamp',
  'p50',
  'p75',
  'p90',
  'p95',
  'p99',
  'sum',
] as const;
const SET_OPS = ['count_unique', 'max_timestamp', 'min_timestamp'] as const;
const GAUGE_OPS = ['avg', 'count', 'last', 'max', 'min', 'sum'] as const;

/** `AVAILABLE_OPERATIONS`: each release-health entity's ops, sorted ascending (spec §3.1). */
export const AVAILABLE_OPERATIONS: Readonly<Record<NonGenericSnubaEntity, readonly string[]>> = {
  [SnubaEntity.METRICS_COUNTERS]: COUNTER_OPS,
  [SnubaEntity.METRICS_DISTRIBUTIONS]: DISTRIBUTION_OPS,
  [SnubaEntity.METRICS_SETS]: SET_OPS,
};

/** `AVAILABLE_GENERIC_OPERATIONS`: each generic entity's ops, sorted ascending (spec §3.1). */
export const AVAILABLE_GENERIC_OPERATIONS: Readonly<Record<GenericSnubaEntity, readonly string[]>> = {
  [SnubaEntity.GENERIC_METRICS_COUNTERS]: COUNTER_OPS,
  [SnubaEntity.GENERIC_METRICS_DISTRIBUTIONS]: DISTRIBUTION_OPS,
  [SnubaEntity.GENERIC_METRICS_SETS]: SET_OPS,
  [SnubaEntity.GENERIC_METRICS_GAUGES]: GAUGE_OPS,
};

/**
 * `OPERATIONS_TO_ENTITY`: op → release-health entity, built from AVAILABLE_OPERATIONS in the order
 * counters, distributions, sets, later entities overwriting earlier ones for shared ops.
 */
export const OPERATIONS_TO_ENTITY: Readonly<Record<string, NonGenericSnubaEntity>> = {
  max_timestamp: SnubaEntity.METRICS_SETS,
  min_timestamp: SnubaEntity.METRICS_SETS,
  sum: SnubaEntity.METRICS_DISTRIBUTIONS,
  avg: SnubaEntity.METRICS_DISTRIBUTIONS,
  count: SnubaEntity.METRICS_DISTRIBUTIONS,
  histogram: SnubaEntity.METRICS_DISTRIBUTIONS,
  max: SnubaEntity.METRICS_DISTRIBUTIONS,
  min: SnubaEntity.METRICS_DISTRIBUTIONS,
  p50: SnubaEntity.METRICS_DISTRIBUTIONS,
  p75: SnubaEntity.METRICS_DISTRIBUTIONS,
  p90: SnubaEntity.METRICS_DISTRIBUTIONS,
  p95: SnubaEntity.METRICS_DISTRIBUTIONS,
  p99: SnubaEntity.METRICS_DISTRIBUTIONS,
  count_unique: SnubaEntity.METRICS_SETS,
};
