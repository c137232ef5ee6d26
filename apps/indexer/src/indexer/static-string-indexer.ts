import { FetchType } from './fetch-type.js';
import { answerLayered } from './layered-lookup.js';
import type { SharedStrings } from './shared-strings.js';
import type { IdOutcome, StringIndexer, StringOutcome } from './string-indexer.js';

/**
 * The outermost layer (spec §4.4): static shared strings get their fixed id, fetch type HARDCODED, in every
 * organization and use case, overriding per-org ids; everything else goes to `inner`.
 */
export function createStaticStringIndexer(shared: SharedStrings, inner: StringIndexer): StringIndexer {
  const outcomes = new Map<string, StringOutcome>();
  const hardcoded = (string: string): StringOutcome | undefined => {
    let outcome = outcomes.get(string);
    if (outcome === undefined) {
      const id = shared.idOf(string);
      if (id === undefined) return undefined;
      // At most 163 outcomes: shared, immutable, so the warm path allocates nothing for them.
      outcome = Object.freeze({ id, fetchType: FetchType.HARDCODED, globalQuota: false });
      outcomes.set(string, outcome);
    }
    return outcome;
  };

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
