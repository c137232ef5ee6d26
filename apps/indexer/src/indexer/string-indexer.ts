import type { UseCaseId } from '@mindex/use-case-registry';
import type { FetchType } from './fetch-type.js';

/** Strings of one use case and one organization. Strings may repeat; each occurrence gets an answer. */
export interface KeyGroup {
  readonly useCase: UseCaseId;
  readonly orgId: bigint;
  readonly strings: readonly string[];
}

/** The outcome for one string: its id (none when rate limited) and how it was obtained (spec §4.2). */
export interface StringOutcome {
  readonly id: bigint | undefined;
  readonly fetchType: FetchType;
  /** True when the string was rate limited and a global quota was among the reached quotas. */
  readonly globalQuota: boolean;
}

/** The outcome of reverse resolving one id. */
export interface IdOutcome {
  readonly string: string;
  readonly fetchType: FetchType;
}

/**
 * The string indexer (spec §4.3): every layer (static strings, cache, database) implements it and wraps
 * the next. Results are aligned with the request: `result[g][i]` answers `groups[g].strings[i]`.
 */
export interface StringIndexer {
  /** Gets or creates the ids of every string; a rate-limited string has no id. */
  bulkRecord(groups: readonly KeyGroup[]): Promise<StringOutcome[][]>;
  /** Looks up ids without creating them; undefined for an unknown string. */
  bulkResolve(groups: readonly KeyGroup[]): Promise<(StringOutcome | undefined)[][]>;
  /** The string of an id of one use case and organization; undefined when unknown or of another org. */
  reverseResolve(useCase: UseCaseId, orgId: bigint, id: bigint): Promise<IdOutcome | undefined>;
  /** The strings of the ids that were found; unknown ids and ids of other organizations are omitted. */
  bulkReverseResolve(
    useCase: UseCaseId,
    orgId: bigint,
    ids: readonly bigint[],
  ): Promise<Map<bigint, IdOutcome>>;
}
