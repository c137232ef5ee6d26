import { FetchType } from './fetch-type.js';
import type { IndexerCache } from './indexer-cache.js';
import { answerLayered } from './layered-lookup.js';
import type { KeyGroup, StringIndexer, StringOutcome } from './string-indexer.js';

export interface CachingIndexerOptions {
  /** Share of resolve misses that do NOT replenish the cache (spec §4.5 replenish rollout); read per call. */
  replenishSkipRate: () => number;
  random: () => number;
}

/**
 * The cache layer (spec §4.5): cached ids come back as CACHE_HIT; the rest go to `inner`, whose ids (never
 * its misses or rate-limited strings) are cached. Resolve shares the entries and replenishes them.
 * Reverse resolving passes straight through.
 */
export function createCachingIndexer(
  cache: IndexerCache,
  inner: StringIndexer,
  options: CachingIndexerOptions,
): StringIndexer {
  const lookup = (group: KeyGroup) => {
    const org = cache.org(group.useCase, group.orgId);
    if (org === undefined) return undefined;
    const now = cache.nowSeconds();
    return (string: string): StringOutcome | undefined => {
      const id = org.get(string, now);
      return id === undefined ? undefined : { id, fetchType: FetchType.CACHE_HIT, globalQuota: false };
    };
  };

  const fill = (rest: readonly KeyGroup[], answers: readonly (readonly (StringOutcome | undefined)[])[]) => {
    for (let r = 0; r < rest.length; r++) {
      const group = rest[r]!;
      const outcomes = answers[r]!;
      for (let i = 0; i < outcomes.length; i++) {
        const id = outcomes[i]?.id;
        if (id !== undefined) cache.set(group.useCase, group.orgId, group.strings[i]!, id);
      }
    }
  };

  return {
    bulkRecord: (groups) => answerLayered(groups, lookup, (rest) => inner.bulkRecord(rest), fill),
    bulkResolve: (groups) =>
      answerLayered<StringOutcome | undefined>(
        groups,
        lookup,
        (rest) => inner.bulkResolve(rest),
        (rest, answers) => {
          if (options.random() >= options.replenishSkipRate()) fill(rest, answers);
        },
      ),
    reverseResolve: (useCase, orgId, id) => inner.reverseResolve(useCase, orgId, id),
    bulkReverseResolve: (useCase, orgId, ids) => inner.bulkReverseResolve(useCase, orgId, ids),
  };
}
