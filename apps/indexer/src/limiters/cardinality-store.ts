import type { UseCaseId } from '@mindex/use-case-registry';

/** The timeseries of one use case and organization. */
export interface CardinalityScope {
  readonly useCase: UseCaseId;
  readonly orgId: bigint;
}

/** Which of `hashes` were seen since `sinceSeconds`, and how many distinct series were. */
export interface CardinalityCheck {
  readonly scope: CardinalityScope;
  readonly hashes: readonly string[];
  readonly sinceSeconds: number;
}

export interface CardinalityCheckResult {
  readonly seen: ReadonlySet<string>;
  /** Only limits new series: a store may answer 0 when every hash was seen. */
  readonly count: number;
}

/** Series seen at `seenAtSeconds`; they may be forgotten after `expiresAtSeconds`. */
export interface CardinalityRecord {
  readonly scope: CardinalityScope;
  readonly hashes: readonly string[];
  readonly seenAtSeconds: number;
  readonly expiresAtSeconds: number;
}

/** Where the cardinality limiter's sliding windows live (Redis sets in Sentry; shared MongoDB here). */
export interface CardinalityStore {
  check(checks: readonly CardinalityCheck[]): Promise<CardinalityCheckResult[]>;
  record(records: readonly CardinalityRecord[]): Promise<void>;
}
