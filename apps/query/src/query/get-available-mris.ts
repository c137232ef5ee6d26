import { convertToMrisToProjectIdsMapping } from '@mindex/mri';
import { fetchMetaStrings } from './fetch-meta-strings.js';
import { orderMetaRows } from './order-meta-rows.js';
import type { MetaScope, QueryDeps } from './query-deps.js';

export interface AvailableMris {
  /** MRI → the projects that have it, in first-seen order (`get_available_mris`, §3.6). */
  readonly mris: Map<string, bigint[]>;
  readonly unresolved: readonly bigint[];
}

/** `get_available_mris(org, projects, use_case)`: the stored metrics of one use case, reverse resolved. */
export async function getAvailableMris(
  deps: Pick<QueryDeps, 'store' | 'indexer'>,
  scope: MetaScope,
  useCase: string,
): Promise<AvailableMris> {
  const rows = orderMetaRows(await deps.store.listMetrics({ ...scope, useCase }), (row) => row.metricId);
  const { byProject, unresolved } = await fetchMetaStrings(
    deps.indexer,
    useCase,
    scope.orgId,
    rows,
    (r) => r.metricId,
  );
  return { mris: convertToMrisToProjectIdsMapping(byProject), unresolved };
}
