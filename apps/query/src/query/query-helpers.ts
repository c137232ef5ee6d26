import { UseCaseKey } from '@mindex/use-case-registry';
import type { IndexerPort } from '../dependencies/indexer-port.js';
import { pythonRepr } from './python-repr.js';

/** `STRING_NOT_FOUND`: the id a weak resolve answers for a string that is not indexed (§8). */
export const STRING_NOT_FOUND = -1n;
/** `TAG_NOT_SET`: the tag value id of a bucket that lacks the tag (§8). */
export const TAG_NOT_SET = 0n;

export type ResolveResult =
  | { readonly ok: true; readonly id: bigint }
  | { readonly ok: false; readonly reason: 'unknown_string'; readonly message: string };

export type ResolveTagKeyResult =
  | { readonly ok: true; readonly column: string }
  | { readonly ok: false; readonly reason: 'unknown_string'; readonly message: string };

/** A tag value as queried: raw for performance use cases, an id (or -1) for release health. */
export type ResolvedTagValue = { readonly raw: string } | { readonly id: bigint };

export type ReverseResolveResult =
  | { readonly ok: true; readonly string: string | undefined }
  | { readonly ok: false; readonly reason: 'id_not_positive' | 'unknown_id'; readonly message: string };

/** The query-time helpers of `sentry_metrics/utils.py` (§8), over the indexer. Use cases are ids. */
export interface QueryHelpers {
  resolve(useCase: string, orgId: bigint, string: string): Promise<ResolveResult>;
  resolveWeak(useCase: string, orgId: bigint, string: string): Promise<bigint>;
  resolveTagKey(useCase: string, orgId: bigint, tagKey: string): Promise<ResolveTagKeyResult>;
  resolveTagValue(useCase: string, orgId: bigint, tagValue: string): Promise<ResolvedTagValue>;
  reverseResolve(useCase: string, orgId: bigint, id: bigint, weak: boolean): Promise<ReverseResolveResult>;
}

export interface QueryHelpersDeps {
  readonly indexer: IndexerPort;
  /** `METRIC_PATH_MAPPING[use_case]`. */
  metricPath(useCase: string): UseCaseKey | undefined;
}

export function createQueryHelpers(deps: QueryHelpersDeps): QueryHelpers {
  const { indexer } = deps;
  const resolve = async (useCase: string, orgId: bigint, string: string): Promise<ResolveResult> => {
    const id = await indexer.resolve(useCase, orgId, string);
    return id === undefined
      ? { ok: false, reason: 'unknown_string', message: `Unknown string: ${pythonRepr(string)}` }
      : { ok: true, id };
  };
  const isPerformance = (useCase: string) => deps.metricPath(useCase) === UseCaseKey.PERFORMANCE;
  return {
    resolve,
    async resolveWeak(useCase, orgId, string) {
      return (await indexer.resolve(useCase, orgId, string)) ?? STRING_NOT_FOUND;
    },
    async resolveTagKey(useCase, orgId, tagKey) {
      const resolved = await resolve(useCase, orgId, tagKey);
      if (!resolved.ok) return resolved;
      return {
        ok: true,
        column: isPerformance(useCase) ? `tags_raw[${resolved.id}]` : `tags[${resolved.id}]`,
      };
    },
    async resolveTagValue(useCase, orgId, tagValue) {
      // Performance tag values are stored raw, never indexed.
      if (isPerformance(useCase)) return { raw: tagValue };
      return { id: (await indexer.resolve(useCase, orgId, tagValue)) ?? STRING_NOT_FOUND };
    },
    async reverseResolve(useCase, orgId, id, weak) {
      if (weak && id === TAG_NOT_SET) return { ok: true, string: undefined };
      if (id <= 0n) return { ok: false, reason: 'id_not_positive', message: 'must be positive' };
      const string = await indexer.reverseResolve(useCase, orgId, id);
      return string === undefined
        ? { ok: false, reason: 'unknown_id', message: `Unknown id: ${id}` }
        : { ok: true, string };
    },
  };
}
