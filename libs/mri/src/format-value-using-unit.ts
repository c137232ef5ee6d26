import { isFractionUnit } from './metric-unit.js';
import { UnitFamily, getUnitFamilyAndUnit } from './unit-family.js';

/** Largest first: a value is shown in the first unit it reaches at least once. */
const DURATION_LADDER: readonly (readonly [name: string, seconds: number])[] = [
  ['week', 604800],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
  ['millisecond', 1e-3],
  ['microsecond', 1e-6],
  ['nanosecond', 1e-9],
];

const DECIMAL_BYTES: readonly (readonly [symbol: string, bytes: number])[] = [
  ['EB', 1000 ** 6],
  ['PB', 1000 ** 5],
  ['TB', 1000 ** 4],
  ['GB', 1000 ** 3],
  ['MB', 1000 ** 2],
  ['KB', 1000],
  ['B', 1],
];

const BINARY_BYTES: readonly (readonly [symbol: string, bytes: number])[] = [
  ['EiB', 1024 ** 6],
  ['PiB', 1024 ** 5],
  ['TiB', 1024 ** 4],
  ['GiB', 1024 ** 3],
  ['MiB', 1024 ** 2],
  ['KiB', 1024],
  ['B', 1],
];

/** At most `decimals` decimals, trailing zeros dropped, never `-0`. */
export function formatNumber(value: number, decimals = 2): string {
  const rounded = Number(value.toFixed(decimals));
  return String(rounded === 0 ? 0 : rounded);
}

function pick<T extends readonly [string, number]>(ladder: readonly T[], magnitude: number): T {
  const found = ladder.find(([, size]) => magnitude >= size);
  // Below the smallest step (including 0): use the smallest unit.
  return found ?? (ladder[ladder.length - 1] as T);
}

/** `1 minute`, `-1 minute`, but `1.5 minutes` and `0 minutes`. */
function withUnitName(amount: string, name: string): string {
  return `${amount} ${amount === '1' || amount === '-1' ? name : `${name}s`}`;
}

function formatDuration(seconds: number): string {
  const [name, size] = pick(DURATION_LADDER, Math.abs(seconds));
  return withUnitName(formatNumber(seconds / size), name);
}

function formatInformation(bits: number, binary: boolean): string {
  if (Math.abs(bits) < 8 && bits !== 0) return withUnitName(formatNumber(bits), 'bit');
  const bytes = bits / 8;
  const [symbol, size] = pick(binary ? BINARY_BYTES : DECIMAL_BYTES, Math.abs(bytes));
  return `${formatNumber(bytes / size)} ${symbol}`;
}

/**
 * A human-readable rendering of a value in an MRI unit: durations scale to the largest fitting unit
 * (60 seconds → "1 minute"), information sizes to B/KB/MB… (or KiB/MiB… for binary units), fractions to
 * percentages, `none` to the bare number, and any other unit is appended verbatim.
 */
export function formatValueUsingUnit(value: number, unit: string): string {
  if (!Number.isFinite(value)) return String(value);
  const family = getUnitFamilyAndUnit(unit);
  if (family?.family === UnitFamily.DURATION) {
    // Zero has no natural scale: keep the metric's own unit ("0 seconds", not "0 nanoseconds").
    if (value === 0) return withUnitName('0', unit);
    return formatDuration((value * family.unit.scalingFactor) / 1e9);
  }
  if (family?.family === UnitFamily.INFORMATION) {
    return formatInformation(value * family.unit.scalingFactor, unit.endsWith('bibyte'));
  }
  if (isFractionUnit(unit)) return `${formatNumber(unit === 'ratio' ? value * 100 : value)}%`;
  if (unit === 'none' || unit === '') return formatNumber(value);
  return `${formatNumber(value)} ${unit}`;
}

/** Counts (`count`, `count_unique`) are unit-less whatever the metric's unit; other ops use the unit. */
export function formatValueUsingUnitAndOp(
  value: number,
  unit: string,
  op: string | null | undefined,
): string {
  if (op === 'count' || op === 'count_unique') {
    return Number.isFinite(value) ? formatNumber(value) : String(value);
  }
  return formatValueUsingUnit(value, unit);
}
