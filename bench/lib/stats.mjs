/** Small statistics helpers for the benchmark; inputs are plain number arrays. */

/** The q-quantile (0..1) by the nearest-rank method; NaN for no samples. */
export function quantile(values, q) {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** The median; the mean of the two middle values for an even count; NaN for no samples. */
export function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Latency summary in milliseconds from a list of per-call latencies in milliseconds. */
export function latencySummary(latenciesMs) {
  return { p50Ms: quantile(latenciesMs, 0.5), p99Ms: quantile(latenciesMs, 0.99) };
}
