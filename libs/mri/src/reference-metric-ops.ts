import { MetricOpClass, type MetricOp } from './metric-op.js';
import { SnubaEntity } from './snuba-entity.js';

const { GENERAL, TIMESTAMP, PERCENTILE } = MetricOpClass;
const COUNTERS = SnubaEntity.GENERIC_METRICS_COUNTERS;
const DISTRIBUTIONS = SnubaEntity.GENERIC_METRICS_DISTRIBUTIONS;
const SETS = SnubaEntity.GENERIC_METRICS_SETS;
const GAUGES = SnubaEntity.GENERIC_METRICS_GAUGES;

function op(
  entityKey: SnubaEntity,
  name: string,
  snubaFn: string,
  operationClass: string,
  defaultAggregate: number | null = null,
): MetricOp {
  return { entityKey, name, snubaFn, operationClass, defaultAggregate };
}

/** The operations registered in the reference (`available_operations.py`), in its order. */
export const REFERENCE_METRIC_OPS: readonly MetricOp[] = [
  op(COUNTERS, 'sum', 'sumIf', GENERAL, 0),
  op(COUNTERS, 'min_timestamp', 'minIf', TIMESTAMP),
  op(COUNTERS, 'max_timestamp', 'maxIf', TIMESTAMP),
  op(DISTRIBUTIONS, 'avg', 'avgIf', GENERAL),
  op(DISTRIBUTIONS, 'count', 'countIf', GENERAL),
  op(DISTRIBUTIONS, 'max', 'maxIf', GENERAL),
  op(DISTRIBUTIONS, 'min', 'minIf', GENERAL),
  op(DISTRIBUTIONS, 'histogram', 'histogramIf(250)', GENERAL),
  op(DISTRIBUTIONS, 'sum', 'sumIf', GENERAL),
  op(DISTRIBUTIONS, 'min_timestamp', 'minIf', TIMESTAMP),
  op(DISTRIBUTIONS, 'max_timestamp', 'maxIf', TIMESTAMP),
  op(SETS, 'count_unique', 'uniqIf', GENERAL),
  op(SETS, 'min_timestamp', 'minIf', TIMESTAMP),
  op(SETS, 'max_timestamp', 'maxIf', TIMESTAMP),
  op(GAUGES, 'min', 'minIf', GENERAL),
  op(GAUGES, 'max', 'maxIf', GENERAL),
  op(GAUGES, 'sum', 'sumIf', GENERAL),
  op(GAUGES, 'count', 'countIf', GENERAL),
  op(GAUGES, 'last', 'lastIf', GENERAL),
  op(GAUGES, 'avg', 'avg', GENERAL),
  op(DISTRIBUTIONS, 'p50', 'quantilesIf(0.50)', PERCENTILE),
  op(DISTRIBUTIONS, 'p75', 'quantilesIf(0.75)', PERCENTILE),
  op(DISTRIBUTIONS, 'p90', 'quantilesIf(0.90)', PERCENTILE),
  op(DISTRIBUTIONS, 'p95', 'quantilesIf(0.95)', PERCENTILE),
  op(DISTRIBUTIONS, 'p99', 'quantilesIf(0.99)', PERCENTILE),
  // Written literally like this in the reference.
  op(DISTRIBUTIONS, 'p100', 'quantilesIf(01.100)', PERCENTILE),
];
