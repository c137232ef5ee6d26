import { hash } from 'node:crypto';

/** Sentry's `hash_values` type tags: a string, a dict (followed by its size). */
const STR = '\u0007';
const DICT = '\u0005';
const END = '\u0000';

/**
 * The timeseries hash of the cardinality limiter (spec §5.2): md5 over Sentry's typed serialization of
 * `[name, tags]` (`hash_values`). Tags are taken sorted by key, so the hash does not depend on the order a
 * producer wrote them in; Sentry used insertion order, so hashes of multi-tag series differ from Sentry's.
 *
 * The serialization is built as one string and hashed in one call: the markers are ASCII, so its UTF-8 bytes
 * are exactly the concatenated pieces, and one native call per series instead of one per piece is what keeps
 * hashing cheap on the IndexBatch hot path.
 */
export function timeseriesHash(name: string, tags: Readonly<Record<string, string>>): string {
  const keys = Object.keys(tags).sort();
  let serialized = `${STR}${name}${END}${DICT}${keys.length}`;
  for (const key of keys) serialized += `${STR}${key}${END}${STR}${tags[key]!}${END}`;
  return hash('md5', serialized, 'hex');
}
