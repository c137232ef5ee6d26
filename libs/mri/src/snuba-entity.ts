/** Snuba entity keys of the metrics datasets (spec §2.4, §3.1). */
export const SnubaEntity = {
  METRICS_COUNTERS: 'metrics_counters',
  METRICS_DISTRIBUTIONS: 'metrics_distributions',
  METRICS_SETS: 'metrics_sets',
  GENERIC_METRICS_COUNTERS: 'generic_metrics_counters',
  GENERIC_METRICS_DISTRIBUTIONS: 'generic_metrics_distributions',
  GENERIC_METRICS_SETS: 'generic_metrics_sets',
  GENERIC_METRICS_GAUGES: 'generic_metrics_gauges',
} as const;

export type SnubaEntity = (typeof SnubaEntity)[keyof typeof SnubaEntity];

export type NonGenericSnubaEntity =
  | typeof SnubaEntity.METRICS_COUNTERS
  | typeof SnubaEntity.METRICS_DISTRIBUTIONS
  | typeof SnubaEntity.METRICS_SETS;

export type GenericSnubaEntity = Exclude<SnubaEntity, NonGenericSnubaEntity>;

/** Entity letter → generic Snuba entity (`_ENTITY_KEY_MAPPING_GENERIC`). */
export const ENTITY_KEY_MAPPING_GENERIC: Readonly<Record<string, GenericSnubaEntity>> = {
  c: SnubaEntity.GENERIC_METRICS_COUNTERS,
  s: SnubaEntity.GENERIC_METRICS_SETS,
  d: SnubaEntity.GENERIC_METRICS_DISTRIBUTIONS,
  g: SnubaEntity.GENERIC_METRICS_GAUGES,
};

/** Entity letter → release-health Snuba entity (`_ENTITY_KEY_MAPPING_NON_GENERIC`); there is no gauge. */
export const ENTITY_KEY_MAPPING_NON_GENERIC: Readonly<Record<string, NonGenericSnubaEntity>> = {
  c: SnubaEntity.METRICS_COUNTERS,
  s: SnubaEntity.METRICS_SETS,
  d: SnubaEntity.METRICS_DISTRIBUTIONS,
};

/** Own-property lookup, so letters like `constructor` or `__proto__` never hit Object.prototype. */
export function lookupEntity<T>(mapping: Readonly<Record<string, T>>, letter: string): T | undefined {
  return Object.hasOwn(mapping, letter) ? mapping[letter] : undefined;
}

/** Snuba entity → the MRI entity letter of the metrics it stores (both mappings inverted). */
export const SNUBA_ENTITY_TO_ENTITY_LETTER: Readonly<Record<SnubaEntity, 'c' | 's' | 'd' | 'g'>> = {
  [SnubaEntity.METRICS_COUNTERS]: 'c',
  [SnubaEntity.METRICS_SETS]: 's',
  [SnubaEntity.METRICS_DISTRIBUTIONS]: 'd',
  [SnubaEntity.GENERIC_METRICS_COUNTERS]: 'c',
  [SnubaEntity.GENERIC_METRICS_SETS]: 's',
  [SnubaEntity.GENERIC_METRICS_DISTRIBUTIONS]: 'd',
  [SnubaEntity.GENERIC_METRICS_GAUGES]: 'g',
};
