import type { UseCaseId, UseCaseKey } from '@mindex/use-case-registry';

/**
 * Where a mapping lives (spec §4.6): release-health mappings are per organization only (Sentry's
 * `sentry_stringindexer`), generic ones per use case and organization (`sentry_perfstringindexer`).
 * `useCase` is '' on the release-health path.
 */
export interface MappingScope {
  readonly path: UseCaseKey;
  readonly useCase: UseCaseId;
}

/** A stored mapping as reads return it. */
export interface StoredMapping {
  readonly id: bigint;
  readonly string: string;
  /** Milliseconds since the epoch. */
  readonly lastSeenMs: number;
  /** When the mapping was created, milliseconds since the epoch. */
  readonly addedMs: number;
}

/** The strings of one scope and organization to read. */
export interface MappingQuery {
  readonly scope: MappingScope;
  readonly orgId: bigint;
  readonly strings: readonly string[];
}

/** A mapping to create. */
export interface NewMapping {
  readonly scope: MappingScope;
  readonly orgId: bigint;
  readonly string: string;
  readonly id: bigint;
  readonly retentionDays: number;
  /** Creation time (also the first last-seen), milliseconds since the epoch. */
  readonly addedMs: number;
}

/** How an insert went: rows whose key or id already existed are not errors. */
export interface InsertOutcome {
  readonly inserted: number;
  /** The positions (in the inserted array) of the rows not inserted because their key or id existed. */
  readonly duplicates: readonly number[];
}

/**
 * The mappings database. Uniqueness of (scope, org, string) and of ids is the store's job (unique indexes),
 * never a check-then-insert by its callers.
 */
export interface MappingStore {
  /** The stored mappings of each query's strings, keyed by string; `result[q]` answers `queries[q]`. */
  find(queries: readonly MappingQuery[]): Promise<Map<string, StoredMapping>[]>;
  /** Inserts mappings, ignoring those whose key or id already exists. */
  insert(mappings: readonly NewMapping[]): Promise<InsertOutcome>;
  /** The mappings with these ids in one scope and organization; others are not returned. */
  findByIds(scope: MappingScope, orgId: bigint, ids: readonly bigint[]): Promise<StoredMapping[]>;
  /** Sets last seen to `nowMs` on the given ids whose last seen is before `staleBeforeMs`; returns how many. */
  touch(ids: readonly bigint[], staleBeforeMs: number, nowMs: number): Promise<number>;
  /** Deletes mappings unused for longer than their retention; returns how many. */
  deleteExpired(nowMs: number): Promise<number>;
}

/** A range of fresh ids: `first` .. `first + count - 1`. */
export interface IdRange {
  readonly first: bigint;
  readonly count: number;
}

/** Hands out ranges of fresh ids; each id is handed out at most once across every process. */
export interface IdBlockSource {
  /** Claims ranges holding at least `minIds` ids in total; ids are ≥ 1 and below 2^63. */
  claim(minIds: number): Promise<IdRange[]>;
}
