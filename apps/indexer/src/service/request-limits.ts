/** Caps on one request, so a single call cannot monopolize the service. */
export const REQUEST_LIMITS = {
  /** Strings per BulkRecord / BulkResolve, over all groups. */
  maxStrings: 10_000,
  /** Groups per BulkRecord / BulkResolve. */
  maxGroups: 10_000,
  /** Ids per BulkReverseResolve. */
  maxIds: 10_000,
  /** Buckets per IndexBatch. */
  maxBuckets: 5_000,
  /** Longest string the indexer stores, in code points (spec §4.6, §6.1). */
  maxStringCodePoints: 200,
  /** Violations listed in one error; the rest are counted. */
  maxViolations: 20,
} as const;

/** Organization ids are a signed 64-bit integer in storage (Sentry's bounded BIGINT). */
export const MAX_ORG_ID = (1n << 63n) - 1n;
