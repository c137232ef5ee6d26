import { appendFileSync } from 'node:fs';

/** The p-th percentile (0..100) of `values`, nearest rank; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Counts of each distinct value, e.g. outcome codes. */
export function tally(values: Iterable<string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/**
 * Prints a figure the suite reports (cases run, latencies, recovery times, memory) and, when
 * CHAOS_FIGURES_FILE is set, appends it there as a JSON line for the report.
 */
export function reportFigure(test: string, figures: Record<string, unknown>): void {
  const line = JSON.stringify({ test, ...figures }, (_key, value: unknown) =>
    typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 10) / 10 : value,
  );
  console.log(`[chaos] ${line}`);
  const file = process.env['CHAOS_FIGURES_FILE'];
  if (file) appendFileSync(file, `${line}\n`);
}
