import {
  METRICS_API_HIDDEN_OPERATIONS,
  METRICS_API_ORG_OPTION_DEFAULTS,
  MetricsApiOrgOption,
  NON_QUERYABLE_METRIC_OPERATIONS,
} from './hidden-operations.js';
import { createOperationsConfiguration, type OperationsConfiguration } from './operations-configuration.js';

/** An org's values of the metrics API options; a missing (or null) value means the default. */
export type MetricsApiOrgOptions = Readonly<Partial<Record<MetricsApiOrgOption, boolean | null>>>;

/**
 * `generate_operations_config` (spec §3.3): hides the ops of every org option that is false (after
 * defaults: percentiles on, last-for-gauges off) and always the non-queryable ops.
 */
export function generateOperationsConfig(orgOptions: MetricsApiOrgOptions = {}): OperationsConfiguration {
  const config = createOperationsConfiguration();
  for (const option of Object.values(MetricsApiOrgOption)) {
    const enabled = orgOptions[option] ?? METRICS_API_ORG_OPTION_DEFAULTS[option];
    if (!enabled) config.hideOperations(METRICS_API_HIDDEN_OPERATIONS[option]);
  }
  config.hideOperations(NON_QUERYABLE_METRIC_OPERATIONS);
  return config;
}
