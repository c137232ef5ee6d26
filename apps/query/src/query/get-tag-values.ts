import { compareCodePoints } from './compare-code-points.js';
import { unknownMetric } from './get-tag-keys.js';
import type { MetaScope, QueryDeps } from './query-deps.js';

export interface TagValuesQuery {
  readonly mri: string;
  readonly tagKey: string;
  /** Keep values starting with it ("" keeps all). */
  readonly prefix: string;
  readonly limit: number;
}

export type TagValuesResult =
  | { readonly ok: true; readonly tagValues: string[] }
  | { readonly ok: false; readonly reason: 'unknown_metric'; readonly message: string };

/**
 * The distinct values a tag of a metric took over projects and use cases, sorted, filtered by prefix and
 * cut at the limit. Sentry dropped this query; here generic use cases answer from the raw values kept
 * at ingest and release health from the value ids, reverse resolved. An unknown metric is
 * "Unknown metric: <mri>" as for tag keys; a tag key the indexer does not know has no values.
 */
export async function getTagValues(
  deps: Pick<QueryDeps, 'store' | 'indexer'>,
  scope: MetaScope,
  useCases: readonly string[],
  query: TagValuesQuery,
): Promise<TagValuesResult> {
  const { orgId } = scope;
  const ids = await Promise.all(
    useCases.map(async (useCase) => ({
      metricId: await deps.indexer.resolve(useCase, orgId, query.mri),
      tagKeyId: await deps.indexer.resolve(useCase, orgId, query.tagKey),
    })),
  );
  if (ids.some(({ metricId }) => metricId === undefined)) return unknownMetric(query.mri);

  const values = new Set<string>();
  await Promise.all(
    useCases.map(async (useCase, index) => {
      const { metricId, tagKeyId } = ids[index]!;
      if (metricId === undefined || tagKeyId === undefined || scope.projectIds.length === 0) return;
      const stored = await deps.store.listTagValues({ ...scope, useCase, metricId, tagKeyId });
      for (const value of stored.rawValues) values.add(value);
      if (stored.valueIds.length === 0) return;
      const strings = await deps.indexer.bulkReverseResolve(useCase, orgId, stored.valueIds);
      for (const value of strings.values()) values.add(value);
    }),
  );
  const tagValues = [...values]
    .filter((value) => value.startsWith(query.prefix))
    .sort(compareCodePoints)
    .slice(0, query.limit);
  return { ok: true, tagValues };
}
