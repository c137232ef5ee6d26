import { compareBigInt } from '../ids/uint64.js';
import { META_TYPE_ORDER, type MetricType } from '../metadata/metadata-batch.js';

/** Sentry's `limit 1000` on each meta-table query (§3.6 step 3). */
export const META_QUERY_LIMIT = 1000;

/**
 * The rows Sentry's four meta-table queries return, concatenated (§3.6): counters, sets, gauges, then
 * distributions, each ordered by (project_id, id) ascending and cut at the limit.
 */
export function orderMetaRows<T extends { readonly type: MetricType; readonly projectId: bigint }>(
  rows: readonly T[],
  idOf: (row: T) => bigint,
  limit = META_QUERY_LIMIT,
): T[] {
  return META_TYPE_ORDER.flatMap((type) =>
    rows
      .filter((row) => row.type === type)
      .sort((a, b) => compareBigInt(a.projectId, b.projectId) || compareBigInt(idOf(a), idOf(b)))
      .slice(0, limit),
  );
}
