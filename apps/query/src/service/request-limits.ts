/** Most buckets per RecordBuckets call (the indexer forwards at most 5,000 per IndexBatch). */
export const MAX_RECORD_BUCKETS = 10_000;
/** Most projects per metadata query. */
export const MAX_PROJECTS = 1000;
/** Most use cases per metadata query. */
export const MAX_USE_CASES = 32;
/** Longest MRI, tag key or string, in code points (the indexer's limit). */
export const MAX_STRING_LENGTH = 200;
/** Longest tag value prefix, in code points (the generic tag value limit). */
export const MAX_PREFIX_LENGTH = 1000;
/** Longest performance tag value, in code points: kept raw, never indexed (spec §6, generic validator). */
export const MAX_RAW_TAG_VALUE_LENGTH = 1000;
/** Tag values answered when the request gives no limit. */
export const DEFAULT_TAG_VALUES_LIMIT = 100;
/** Most tag values one request may ask for. */
export const MAX_TAG_VALUES_LIMIT = 1000;
