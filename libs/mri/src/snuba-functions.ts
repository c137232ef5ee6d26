import { SnubaEntity, type GenericSnubaEntity, type NonGenericSnubaEntity } from './snuba-entity.js';

export type OpToSnubaFunction = Readonly<Record<string, string>>;

const COUNTERS: OpToSnubaFunction = { sum: 'sumIf', min_timestamp: 'minIf', max_timestamp: 'maxIf' };

const DISTRIBUTIONS: OpToSnubaFunction = {
  avg: 'avgIf',
  count: 'countIf',
  max: 'maxIf',
  min: 'minIf',
  p50: 'quantilesIf(0.50)',
  p75: 'quantilesIf(0.75)',
  p90: 'quantilesIf(0.90)',
  p95: 'quantilesIf(0.95)',
  p99: 'quantilesIf(0.99)',
  histogram: 'histogramIf(250)',
  sum: 'sumIf',
  min_timestamp: 'minIf',
  max_timestamp: 'maxIf',
};

const SETS: OpToSnubaFunction = { count_unique: 'uniqIf', min_timestamp: 'minIf', max_timestamp: 'maxIf' };

// Gauges are generic-only; note the plain `avg` (spec §3.1).
const GAUGES: OpToSnubaFunction = {
  min: 'minIf',
  max: 'maxIf',
  sum: 'sumIf',
  count: 'countIf',
  last: 'lastIf',
  avg: 'avg',
};

/** `OP_TO_SNUBA_FUNCTION`: release-health entity → op → Snuba aggregate (spec §3.1). */
export const OP_TO_SNUBA_FUNCTION: Readonly<Record<NonGenericSnubaEntity, OpToSnubaFunction>> = {
  [SnubaEntity.METRICS_COUNTERS]: COUNTERS,
  [SnubaEntity.METRICS_DISTRIBUTIONS]: DISTRIBUTIONS,
  [SnubaEntity.METRICS_SETS]: SETS,
};

/** `GENERIC_OP_TO_SNUBA_FUNCTION`: generic entity → op → Snuba aggregate (spec §3.1). */
export const GENERIC_OP_TO_SNUBA_FUNCTION: Readonly<Record<GenericSnubaEntity, OpToSnubaFunction>> = {
  [SnubaEntity.GENERIC_METRICS_COUNTERS]: COUNTERS,
  [SnubaEntity.GENERIC_METRICS_DISTRIBUTIONS]: DISTRIBUTIONS,
  [SnubaEntity.GENERIC_METRICS_SETS]: SETS,
  [SnubaEntity.GENERIC_METRICS_GAUGES]: GAUGES,
};
