/** The unit literals Sentry knew by name (historical `MetricUnit`, spec §2.9). MRIs may carry any unit. */
export const KNOWN_METRIC_UNITS = [
  'nanosecond',
  'microsecond',
  'millisecond',
  'second',
  'minute',
  'hour',
  'day',
  'week',
  'bit',
  'byte',
  'kibibyte',
  'mebibyte',
  'gibibyte',
  'tebibyte',
  'pebibyte',
  'exbibyte',
  'kilobyte',
  'megabyte',
  'gigabyte',
  'terabyte',
  'petabyte',
  'exabyte',
] as const;

export type KnownMetricUnit = (typeof KNOWN_METRIC_UNITS)[number];

/** Fraction units: values are not coercible to another unit (spec §2.9). */
export const FRACTION_UNITS = ['ratio', 'percent'] as const;

export type FractionUnit = (typeof FRACTION_UNITS)[number];

export function isFractionUnit(unit: string): unit is FractionUnit {
  return (FRACTION_UNITS as readonly string[]).includes(unit);
}
