import { FetchType } from './fetch-type.js';
import { answerLayered } from './layered-lookup.js';
import type { SharedStrings } from './shared-strings.js';
import type { IdOutcome, StringIndexer, StringOutcome } from './string-indexer.js';

/**
 * The outermost layer (spec §4.4): static shared strings get their fixed id, fetch type HARDCODED, in every
 * organization and use case, overriding per-org ids; everything else goes to `inner`.
 */
export function createStaticStringIndexer(shared: SharedStrings, inner: StringIndexer): StringIndexer {
  // Every shared string's outcome up front: one Map lookup per string (nearly all miss) on the warm path, and
  // shared, immutable outcomes, so a hit allocates nothing.
  const outcomes = new Map<string, StringOutcome>();
  for (const [string, id] of shared.entries()) {
    outcomes.set(string, Object.freeze({ id, fetchType: FetchType.HARDCODED, globalQuota: false }));
  }
  const hardcoded = (string: string): StringOutcome | undefined => outcomes.get(string);

  return {
    bulkRecord: (groups) =>
      answerLayered(
        groups,
        () => hardcoded,
        (rest) => inner.bulkRecord(rest),
      ),
    bulkResolve: (groups) =>
      answerLayered<StringOutcome | undefined>(
        groups,
        () => hardcoded,
        (rest) => inner.bulkResolve(rest),
      ),
    async reverseResolve(useCase, orgId, id) {
      const string = shared.stringOf(id);
      if (string !== undefined) return { string, fetchType: FetchType.HARDCODED };
      return inner.reverseResolve(useCase, orgId, id);
    },
    async bulkReverseResolve(useCase, orgId, ids) {
      const found = new Map<bigint, IdOutcome>();
      const rest: bigint[] = [];
      for (const id of ids) {
        const string = shared.stringOf(id);
        if (string !== undefined) found.set(id, { string, fetchType: FetchType.HARDCODED });
        else rest.push(id);
      }
      if (rest.length === 0) return found;
      const inner_ = await inner.bulkReverseResolve(useCase, orgId, rest);
      // `{**inner, **shared}`: shared ids win (they never reach the database anyway).
      for (const [id, outcome] of inner_) if (!found.has(id)) found.set(id, outcome);
      return found;
    },
  };
}
