import { timeseriesHash } from '../limiters/timeseries-hash.js';

/** Timeseries hashes of series seen recently (the same series come back batch after batch). */
export interface TimeseriesHashCache {
  /** `timeseriesHash(name, tags)`, where `tags` are the series' (distinct-key) tags as [key, value] pairs. */
  hash(name: string, tags: readonly (readonly [string, string])[]): string;
}

export const DEFAULT_TIMESERIES_HASH_SLOTS = 16_384;

interface Slot {
  /** The name, then each tag's key and value, in the order they were given. */
  readonly pieces: readonly string[];
  readonly hash: string;
}

/**
 * A direct-mapped cache of timeseries hashes (md5 over a serialization of the series, spec §5.2): a hit costs
 * one cheap non-cryptographic hash over the series' characters and a comparison with the cached series, far
 * less than serializing, sorting and md5. The slot is chosen by a hash that does not depend on tag order; a
 * series only hits when its name and tags (in the same order) equal the cached ones. At most `slots` series
 * are kept; a colliding series replaces the cached one.
 */
export function createTimeseriesHashCache(slots = DEFAULT_TIMESERIES_HASH_SLOTS): TimeseriesHashCache {
  const mask = slotMask(slots);
  const cache: (Slot | undefined)[] = new Array<Slot | undefined>(mask + 1).fill(undefined);
  return {
    hash(name, tags) {
      let combined = stringHash(name, 0x811c9dc5);
      for (let i = 0; i < tags.length; i++) {
        const [key, value] = tags[i]!;
        // Summed per tag: the slot does not depend on the order the producer wrote the tags in.
        combined = (combined + mix(stringHash(value, stringHash(key, 0x01000193)))) | 0;
      }
      const index = (combined ^ (combined >>> 16)) & mask;
      const slot = cache[index];
      if (slot !== undefined && sameSeries(slot.pieces, name, tags)) return slot.hash;
      const pieces: string[] = [name];
      const record: Record<string, string> = {};
      for (const [key, value] of tags) {
        pieces.push(key, value);
        record[key] = value;
      }
      const hash = timeseriesHash(name, record);
      cache[index] = { pieces, hash };
      return hash;
    },
  };
}

/** The largest power of two minus one that is at most `slots - 1` (at least 0). */
function slotMask(slots: number): number {
  let size = 1;
  while (size * 2 <= slots) size *= 2;
  return size - 1;
}

function sameSeries(
  pieces: readonly string[],
  name: string,
  tags: readonly (readonly [string, string])[],
): boolean {
  if (pieces.length !== 1 + tags.length * 2 || pieces[0] !== name) return false;
  for (let i = 0; i < tags.length; i++) {
    const [key, value] = tags[i]!;
    if (pieces[1 + i * 2] !== key || pieces[2 + i * 2] !== value) return false;
  }
  return true;
}

/** FNV-1a over UTF-16 code units, continuing from `seed`. */
function stringHash(value: string, seed: number): number {
  let hash = seed;
  for (let i = 0; i < value.length; i++) hash = Math.imul(hash ^ value.charCodeAt(i), 0x01000193);
  // Ends the string: "ab" + "" and "a" + "b" hash apart.
  return Math.imul(hash ^ 0xff, 0x01000193);
}

function mix(hash: number): number {
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  return hash ^ (hash >>> 13);
}
