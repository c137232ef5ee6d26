import type { UseCaseId } from '@mindex/use-case-registry';

/** Aggregation options of generic buckets (spec §7.7). */
export const AggregationOption = { HIST: 'hist', TEN_SECOND: 'ten_second' } as const;
export type AggregationOption = (typeof AggregationOption)[keyof typeof AggregationOption];

/** `METRIC_ID_AGG_OPTION`: metrics that always get an option. */
export const METRIC_ID_AGG_OPTION: ReadonlyMap<string, AggregationOption> = new Map([
  ['d:transactions/measurements.fcp@millisecond', AggregationOption.HIST],
  ['d:transactions/measurements.lcp@millisecond', AggregationOption.HIST],
]);

/**
 * The reference `get_aggregation_option(mri)`: the per-metric option, else `ten_second` for custom metrics
 * when `sentry-metrics.10s-granularity` is on, else none.
 */
export function getAggregationOption(
  mri: string,
  useCase: UseCaseId,
  tenSecondGranularity: boolean,
): AggregationOption | undefined {
  const byMetric = METRIC_ID_AGG_OPTION.get(mri);
  if (byMetric !== undefined) return byMetric;
  if (tenSecondGranularity && useCase === 'custom') return AggregationOption.TEN_SECOND;
  return undefined;
}
