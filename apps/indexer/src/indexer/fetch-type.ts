/**
 * How the indexer obtained an id (spec §4.2). The value is the one-letter code written in `mapping_meta`
 * and `mapping_sources`.
 */
export const FetchType = {
  CACHE_HIT: 'c',
  HARDCODED: 'h',
  DB_READ: 'd',
  FIRST_SEEN: 'f',
  RATE_LIMITED: 'r',
} as const;

export type FetchType = (typeof FetchType)[keyof typeof FetchType];
