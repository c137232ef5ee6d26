/** Query-side unit families (spec §2.9, `querying/units.py`). */
export const UnitFamily = { DURATION: 'duration', INFORMATION: 'information' } as const;
export type UnitFamily = (typeof UnitFamily)[keyof typeof UnitFamily];

/** A unit and the factor that converts one of it into the family's reference unit. */
export interface ScaledUnit {
  readonly name: string;
  readonly scalingFactor: number;
}

export interface UnitFamilySpec {
  readonly family: UnitFamily;
  readonly referenceUnit: string;
  readonly units: readonly ScaledUnit[];
}

/** Durations, in nanoseconds. */
export const DURATION_UNIT_FAMILY: UnitFamilySpec = {
  family: UnitFamily.DURATION,
  referenceUnit: 'nanosecond',
  units: [
    { name: 'nanosecond', scalingFactor: 1 },
    { name: 'microsecond', scalingFactor: 1e3 },
    { name: 'millisecond', scalingFactor: 1e6 },
    { name: 'second', scalingFactor: 1e9 },
    { name: 'minute', scalingFactor: 60e9 },
    { name: 'hour', scalingFactor: 3600e9 },
    { name: 'day', scalingFactor: 86400e9 },
    { name: 'week', scalingFactor: 604800e9 },
  ],
};

/** Information sizes, in bits: decimal multiples are 8·10^(3k), binary ones 8·1024^k. */
export const INFORMATION_UNIT_FAMILY: UnitFamilySpec = {
  family: UnitFamily.INFORMATION,
  referenceUnit: 'bit',
  units: [
    { name: 'bit', scalingFactor: 1 },
    { name: 'byte', scalingFactor: 8 },
    { name: 'kilobyte', scalingFactor: 8 * 1000 },
    { name: 'megabyte', scalingFactor: 8 * 1000 ** 2 },
    { name: 'gigabyte', scalingFactor: 8 * 1000 ** 3 },
    { name: 'terabyte', scalingFactor: 8 * 1000 ** 4 },
    { name: 'petabyte', scalingFactor: 8 * 1000 ** 5 },
    { name: 'exabyte', scalingFactor: 8 * 1000 ** 6 },
    { name: 'kibibyte', scalingFactor: 8 * 1024 },
    { name: 'mebibyte', scalingFactor: 8 * 1024 ** 2 },
    { name: 'gibibyte', scalingFactor: 8 * 1024 ** 3 },
    { name: 'tebibyte', scalingFactor: 8 * 1024 ** 4 },
    { name: 'pebibyte', scalingFactor: 8 * 1024 ** 5 },
    { name: 'exbibyte', scalingFactor: 8 * 1024 ** 6 },
  ],
};

export const UNIT_FAMILIES: readonly UnitFamilySpec[] = [DURATION_UNIT_FAMILY, INFORMATION_UNIT_FAMILY];

export interface UnitFamilyAndUnit {
  readonly family: UnitFamily;
  readonly referenceUnit: string;
  readonly unit: ScaledUnit;
}

/** Finds the family of a unit name (`get_unit_family_and_unit`); null for fraction and unknown units. */
export function getUnitFamilyAndUnit(unit: string): UnitFamilyAndUnit | null {
  for (const spec of UNIT_FAMILIES) {
    const found = spec.units.find((u) => u.name === unit);
    if (found !== undefined) return { family: spec.family, referenceUnit: spec.referenceUnit, unit: found };
  }
  return null;
}

/** Converts a value between two units of one family; null when the units are unknown or of different families. */
export function convertUnit(value: number, from: string, to: string): number | null {
  const source = getUnitFamilyAndUnit(from);
  const target = getUnitFamilyAndUnit(to);
  if (source === null || target === null || source.family !== target.family) return null;
  if (source.unit.name === target.unit.name) return value;
  return (value * source.unit.scalingFactor) / target.unit.scalingFactor;
}
