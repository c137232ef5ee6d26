import { compareCodePoints } from './compare-code-points.js';
import { fetchMetaStrings } from './fetch-meta-strings.js';
import { orderMetaRows } from './order-meta-rows.js';
import type { MetaScope, QueryDeps } from './query-deps.js';

export type TagKeysResult =
  | { readonly ok: true; readonly tagKeys: string[]; readonly unresolved: readonly bigint[] }
  | { readonly ok: false; readonly reason: 'unknown_metric'; readonly message: string };

/**
 * `get_tag_keys` (§3.6, §3.7): the sorted union of the metric's tag keys over projects and use cases.
 * The MRI is resolved in each use case first; where it is not indexed the answer is
 * "Unknown metric: <mri>", as Sentry's `MetricDoesNotExistException`.
 */
export async function getTagKeys(
  deps: Pick<QueryDeps, 'store' | 'indexer'>,
  scope: MetaScope,
  useCases: readonly string[],
  mri: string,
): Promise<TagKeysResult> {
  const metricIds = await Promise.all(
    useCases.map((useCase) => deps.indexer.resolve(useCase, scope.orgId, mri)),
  );
  if (metricIds.some((id) => id === undefined)) return unknownMetric(mri);

  const perUseCase = await Promise.all(
    useCases.map(async (useCase, index) => {
      const metricId = metricIds[index]!;
      const rows = (await deps.store.listTagKeys({ ...scope, useCase, metricId })).filter(
        (r) => r.tagKeyId !== 0n,
      );
      return fetchMetaStrings(
        deps.indexer,
        useCase,
        scope.orgId,
        orderMetaRows(rows, (r) => r.tagKeyId),
        (r) => r.tagKeyId,
      );
    }),
  );
  const tagKeys = new Set<string>();
  for (const { byProject } of perUseCase)
    for (const keys of byProject.values()) for (const key of keys) tagKeys.add(key);
  return {
    ok: true,
    tagKeys: [...tagKeys].sort(compareCodePoints),
    unresolved: perUseCase.flatMap((p) => p.unresolved),
  };
}

export function unknownMetric(mri: string): { ok: false; reason: 'unknown_metric'; message: string } {
  return { ok: false, reason: 'unknown_metric', message: `Unknown metric: ${mri}` };
}
