import { createHash } from 'node:crypto';

const STR = Buffer.from([0x07]);
const DICT = Buffer.from([0x05]);
const END = Buffer.from([0x00]);

/**
 * The timeseries hash of the cardinality limiter (spec §5.2): md5 over Sentry's typed serialization of
 * `[name, tags]` (`hash_values`). Tags are taken sorted by key, so the hash does not depend on the order a
 * producer wrote them in; Sentry used insertion order, so hashes of multi-tag series differ from Sentry's.
 */
export function timeseriesHash(name: string, tags: Readonly<Record<string, string>>): string {
  const hash = createHash('md5');
  const str = (value: string) => {
    hash.update(STR);
    hash.update(value, 'utf8');
    hash.update(END);
  };
  str(name);
  const keys = Object.keys(tags).sort();
  hash.update(DICT);
  hash.update(String(keys.length), 'ascii');
  for (const key of keys) {
    str(key);
    str(tags[key]!);
  }
  return hash.digest('hex');
}
