import type { UseCaseId } from '@mindex/use-case-registry';
import { hashCodeUnits } from './string-hash.js';

/** The cache's limits, read on every write so that option changes apply live. */
export interface IndexerCacheSettings {
  /** Base TTL T in seconds; each entry lives T plus a random 0-25% of T (spec §4.5). */
  readonly ttlSeconds: number;
  /** Largest number of entries; 0 disables the cache. */
  readonly maxEntries: number;
  /** Largest estimated size in bytes; 0 disables the cache. */
  readonly maxBytes: number;
}

export interface IndexerCacheDeps {
  settings: () => IndexerCacheSettings;
  /** Milliseconds since the epoch. */
  now: () => number;
  /** Uniform in [0, 1). */
  random: () => number;
}

/** The cached ids of one use case and organization. */
export interface OrgCache {
  /** The cached id of a string, or undefined on a miss or an expired entry. */
  get(string: string, nowSeconds: number): bigint | undefined;
  /**
   * The cached id of a string as a number (no bigint made); -1 on a miss, an expired entry (left for `get` to
   * release) or an id of 2^53 or more.
   */
  getNumber(string: string, nowSeconds: number): number;
  /** `getNumber` of the string whose UTF-8 is the ASCII bytes `[start, end)` of `view`, given their `asciiHash` (no string made). */
  getNumberAscii(hash: number, view: DataView, start: number, end: number, nowSeconds: number): number;
}

/**
 * An in-process cache of string ids per (use case, org) (spec §4.5): it holds ids only, never misses.
 * Bounded by entries and estimated bytes; eviction is CLOCK (a second chance for entries hit since the hand
 * last passed), expiry is checked on read. Entries are slots in typed arrays, found through an open-addressing
 * index per org keyed by the string's hash, so a lookup can start from a request's bytes as well as from a string
 * (and a request's lookups for one org stay within that org's index); an entry costs its key string, a 48-byte
 * record (which also holds a short ASCII key's bytes) and a few index bytes, and a hit allocates only the
 * returned bigint.
 */
export interface IndexerCache {
  /** The cache of one use case and org, or undefined when it holds nothing for them. */
  org(useCase: UseCaseId, orgId: bigint): OrgCache | undefined;
  get(useCase: UseCaseId, orgId: bigint, string: string): bigint | undefined;
  set(useCase: UseCaseId, orgId: bigint, string: string, id: bigint): void;
  /** Seconds on the cache's clock, for `OrgCache.get`. */
  nowSeconds(): number;
  readonly size: number;
  /** The estimate the byte bound is checked against. */
  readonly estimatedBytes: number;
  clear(): void;
}

/** Fixed cost of one entry besides its key's characters (with them counted twice, 1M measured entries cost less than estimated: 114.6 B against 125.6; see bench/cache-memory.mjs). */
export const CACHE_ENTRY_OVERHEAD_BYTES = 80;
const INITIAL_SLOTS = 1024;
const MAX_STORED_ID = (1n << 63n) - 1n;
const TTL_JITTER = 0.25;
const TWO_POW_32 = 2 ** 32;
/** Ids whose high word is below this are below 2^53: safe as numbers. */
const SAFE_HIGH_WORD = 2 ** 21;
// A slot's record in 32-bit words: the id's two halves (in the platform's byte order), the expiry with the
// referenced bit on top, the hash of its key (compared before the key itself), and a short ASCII key's length
// and bytes (little-endian, zero-padded), so a lookup by bytes compares them four at a time, with no string read.
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const LOW_WORD = LITTLE_ENDIAN ? 0 : 1;
const HIGH_WORD = 1 - LOW_WORD;
const STATE = 2;
const HASH = 3;
const INLINE_LENGTH = 4;
const INLINE_KEY = 5;
const RECORD_WORDS = 12;
/** The id's place in the record as a BigInt64Array element. */
const ID_STRIDE = RECORD_WORDS / 2;
/** Longest key held in its record. */
const INLINE_KEY_BYTES = (RECORD_WORDS - INLINE_KEY) * 4;
/** The inline length of a key not held in its record (longer, or not ASCII): no byte length equals it. */
const NOT_INLINE = 0xffffffff;
const REFERENCED = 0x80000000;
/** Expiries are seconds since the cache was made: 31 bits last 68 years. */
const MAX_EXPIRY = 0x7fffffff;
/**
 * How far from its hash's position an entry may sit. A string that would sit further is not cached, so lookups
 * stay bounded even for input made to collide. At most half full, ordinary strings never reach it: 1M random
 * entries had 5 beyond 32 positions.
 */
const MAX_PROBE = 128;

interface OrgBucket extends OrgCache {
  readonly useCase: UseCaseId;
  readonly orgId: bigint;
  count: number;
  /** Linear probing over slot + 1 (0 is empty), at most half full. */
  index: Int32Array;
  mask: number;
}

const INITIAL_POSITIONS = 8;

function entryBytes(key: string): number {
  return CACHE_ENTRY_OVERHEAD_BYTES + key.length * 2;
}

export function createIndexerCache(deps: IndexerCacheDeps): IndexerCache {
  const epochMs = deps.now();
  const buckets = new Map<UseCaseId, Map<bigint, OrgBucket>>();

  let capacity = 0;
  // One 48-byte record per slot, so a hit by bytes reads the index and mostly one cache line: the id as a
  // BigInt64Array element (`ids[ID_STRIDE * slot]`), and the same memory as 32-bit words.
  let ids = new BigInt64Array(0);
  let words = new Uint32Array(0);
  let owners: (OrgBucket | undefined)[] = [];
  let keys: (string | undefined)[] = [];
  const free: number[] = [];
  let nextUnused = 0;
  let hand = 0;
  let size = 0;
  let bytes = 0;

  const nowSeconds = (): number => Math.floor((deps.now() - epochMs) / 1000);

  const find = (bucket: OrgBucket, string: string): number => {
    const hash = hashCodeUnits(string);
    const { index, mask } = bucket;
    for (let probe = 0, pos = hash & mask; probe < MAX_PROBE; probe++, pos = (pos + 1) & mask) {
      const slot = index[pos]! - 1;
      if (slot < 0) return -1;
      if (words[RECORD_WORDS * slot + HASH] === hash && keys[slot] === string) return slot;
    }
    return -1;
  };

  const findAscii = (bucket: OrgBucket, hash: number, view: DataView, start: number, end: number): number => {
    const length = end - start;
    const { index, mask } = bucket;
    for (let probe = 0, pos = hash & mask; probe < MAX_PROBE; probe++, pos = (pos + 1) & mask) {
      const slot = index[pos]! - 1;
      if (slot < 0) return -1;
      const record = RECORD_WORDS * slot;
      if (words[record + HASH] !== hash) continue;
      if (words[record + INLINE_LENGTH] === length) {
        if (inlineKeyEquals(words, record + INLINE_KEY, view, start, length)) return slot;
      } else if (length > INLINE_KEY_BYTES && keyEquals(keys[slot]!, view, start, length)) {
        return slot;
      }
    }
    return -1;
  };

  /** Holds a key's length and bytes in its record when it is short and ASCII. */
  const inlineKey = (slot: number, key: string): void => {
    const record = RECORD_WORDS * slot;
    words.fill(0, record + INLINE_KEY, record + RECORD_WORDS);
    words[record + INLINE_LENGTH] = NOT_INLINE;
    if (key.length > INLINE_KEY_BYTES) return;
    for (let i = 0; i < key.length; i++) {
      const code = key.charCodeAt(i);
      if (code >= 0x80) {
        words.fill(0, record + INLINE_KEY, record + RECORD_WORDS);
        return;
      }
      const word = record + INLINE_KEY + (i >>> 2);
      words[word] = words[word]! | (code << ((i & 3) * 8));
    }
    words[record + INLINE_LENGTH] = key.length;
  };

  /** Indexes a slot in its org's index; false when every position within `MAX_PROBE` of its hash's is taken. */
  const addToIndex = (bucket: OrgBucket, slot: number): boolean => {
    const { index, mask } = bucket;
    const home = words[RECORD_WORDS * slot + HASH]! & mask;
    for (let probe = 0; probe < MAX_PROBE; probe++) {
      const pos = (home + probe) & mask;
      if (index[pos] === 0) {
        index[pos] = slot + 1;
        return true;
      }
    }
    return false;
  };

  /** Empties the slot's index position, moving later entries of its probe run back over the gap. */
  const removeFromIndex = (bucket: OrgBucket, slot: number): void => {
    const { index, mask } = bucket;
    let gap = words[RECORD_WORDS * slot + HASH]! & mask;
    while (index[gap] !== slot + 1) gap = (gap + 1) & mask;
    for (let pos = (gap + 1) & mask; index[pos] !== 0; pos = (pos + 1) & mask) {
      const home = words[RECORD_WORDS * (index[pos]! - 1) + HASH]! & mask;
      // An entry may fill the gap when its home is not in the (cyclic) range after the gap up to it.
      const stays = gap <= pos ? gap < home && home <= pos : gap < home || home <= pos;
      if (!stays) {
        index[gap] = index[pos]!;
        gap = pos;
      }
    }
    index[gap] = 0;
  };

  /** Doubles an org's index (before it would be more than half full), re-indexing its entries. */
  const growIndex = (bucket: OrgBucket): void => {
    const old = bucket.index;
    bucket.index = new Int32Array(old.length * 2);
    bucket.mask = bucket.index.length - 1;
    for (const entry of old) if (entry !== 0 && !addToIndex(bucket, entry - 1)) release(entry - 1, false);
  };

  const dropBucket = (bucket: OrgBucket): void => {
    const orgs = buckets.get(bucket.useCase);
    orgs?.delete(bucket.orgId);
    if (orgs?.size === 0) buckets.delete(bucket.useCase);
  };

  /** Frees a slot, removing it from its org's index unless it is not there. */
  const release = (slot: number, indexed = true): void => {
    const owner = owners[slot]!;
    if (indexed) removeFromIndex(owner, slot);
    if (--owner.count === 0) dropBucket(owner);
    bytes -= entryBytes(keys[slot]!);
    owners[slot] = undefined;
    keys[slot] = undefined;
    words[RECORD_WORDS * slot + STATE] = 0;
    free.push(slot);
    size--;
  };

  /** The id of a live slot as a number and marks it hit; -1 when expired or 2^53 or more. */
  const hitNumber = (slot: number, now: number): number => {
    if (slot < 0) return -1;
    const record = RECORD_WORDS * slot;
    const state = words[record + STATE]!;
    if ((state & MAX_EXPIRY) <= now) return -1;
    const high = words[record + HIGH_WORD]!;
    if (high >= SAFE_HIGH_WORD) return -1;
    if (state < REFERENCED) words[record + STATE] = state | REFERENCED;
    return high * TWO_POW_32 + words[record + LOW_WORD]!;
  };

  const makeBucket = (useCase: UseCaseId, orgId: bigint): OrgBucket => {
    const bucket: OrgBucket = {
      useCase,
      orgId,
      count: 0,
      index: new Int32Array(INITIAL_POSITIONS),
      mask: INITIAL_POSITIONS - 1,
      get(string, now) {
        const slot = find(bucket, string);
        if (slot < 0) return undefined;
        const state = words[RECORD_WORDS * slot + STATE]!;
        if ((state & MAX_EXPIRY) <= now) {
          release(slot);
          return undefined;
        }
        words[RECORD_WORDS * slot + STATE] = state | REFERENCED;
        return ids[ID_STRIDE * slot];
      },
      getNumber: (string, now) => hitNumber(find(bucket, string), now),
      getNumberAscii: (hash, view, start, end, now) =>
        hitNumber(findAscii(bucket, hash, view, start, end), now),
    };
    return bucket;
  };

  const grow = (limit: number): void => {
    const next = Math.min(Math.max(INITIAL_SLOTS, capacity * 2), limit);
    const grown = new Uint32Array(RECORD_WORDS * next);
    grown.set(words);
    words = grown;
    ids = new BigInt64Array(grown.buffer);
    owners.length = next;
    keys.length = next;
    capacity = next;
  };

  /** Advances the clock hand until it frees one slot: expired or unreferenced entries go first. */
  const evictOne = (now: number): void => {
    for (;;) {
      if (hand >= nextUnused) hand = 0;
      const slot = hand++;
      if (owners[slot] === undefined) continue;
      const state = words[RECORD_WORDS * slot + STATE]!;
      if (state >= REFERENCED && (state & MAX_EXPIRY) > now) {
        words[RECORD_WORDS * slot + STATE] = state & MAX_EXPIRY;
        continue;
      }
      release(slot);
      return;
    }
  };

  const takeSlot = (maxEntries: number, now: number): number => {
    const reusable = free.pop();
    if (reusable !== undefined) return reusable;
    if (nextUnused < capacity) return nextUnused++;
    if (capacity < maxEntries) {
      grow(maxEntries);
      return nextUnused++;
    }
    evictOne(now);
    return free.pop()!;
  };

  const cache: IndexerCache = {
    org: (useCase, orgId) => buckets.get(useCase)?.get(orgId),
    get(useCase, orgId, string) {
      return buckets.get(useCase)?.get(orgId)?.get(string, nowSeconds());
    },
    set(useCase, orgId, string, id) {
      // Only stored ids (below 2^63) are cached; static ids never reach this layer.
      if (id <= 0n || id > MAX_STORED_ID) return;
      const { ttlSeconds, maxEntries, maxBytes } = deps.settings();
      if (maxEntries <= 0 || maxBytes <= 0) {
        if (size > 0) cache.clear();
        return;
      }
      const now = nowSeconds();
      const lifetime = ttlSeconds + Math.floor(deps.random() * TTL_JITTER * ttlSeconds);
      const expiry = Math.min(now + lifetime, MAX_EXPIRY);
      let bucket = buckets.get(useCase)?.get(orgId);
      const existing = bucket === undefined ? -1 : find(bucket, string);
      if (existing >= 0) {
        ids[ID_STRIDE * existing] = id;
        words[RECORD_WORDS * existing + STATE] =
          (words[RECORD_WORDS * existing + STATE]! & REFERENCED) | expiry;
        return;
      }
      const cost = entryBytes(string);
      if (cost > maxBytes) return;
      while (size > 0 && (size >= maxEntries || bytes + cost > maxBytes)) evictOne(now);
      // Eviction may have dropped this org's (or use case's) now-empty bucket: look it up again.
      let orgs = buckets.get(useCase);
      bucket = orgs?.get(orgId);
      if (orgs === undefined) {
        orgs = new Map();
        buckets.set(useCase, orgs);
      }
      if (bucket === undefined) {
        bucket = makeBucket(useCase, orgId);
        orgs.set(orgId, bucket);
      }
      if (2 * (bucket.count + 1) > bucket.index.length) growIndex(bucket);
      const slot = takeSlot(maxEntries, now);
      words[RECORD_WORDS * slot + HASH] = hashCodeUnits(string);
      if (!addToIndex(bucket, slot)) {
        free.push(slot);
        if (bucket.count === 0) dropBucket(bucket);
        return;
      }
      ids[ID_STRIDE * slot] = id;
      words[RECORD_WORDS * slot + STATE] = expiry;
      owners[slot] = bucket;
      keys[slot] = string;
      inlineKey(slot, string);
      bucket.count++;
      size++;
      bytes += cost;
    },
    nowSeconds,
    get size() {
      return size;
    },
    get estimatedBytes() {
      return bytes;
    },
    clear() {
      // Org handles kept from before must find nothing: the slots they index will hold other entries.
      for (const orgs of buckets.values()) {
        for (const bucket of orgs.values()) {
          bucket.index = new Int32Array(INITIAL_POSITIONS);
          bucket.mask = INITIAL_POSITIONS - 1;
        }
      }
      buckets.clear();
      capacity = 0;
      ids = new BigInt64Array(0);
      words = new Uint32Array(0);
      owners = [];
      keys = [];
      free.length = 0;
      nextUnused = 0;
      hand = 0;
      size = 0;
      bytes = 0;
    },
  };
  return cache;
}

/** Whether the key held in `words` from `at` equals the `length` ASCII bytes of `view` from `start`. */
function inlineKeyEquals(
  words: Uint32Array,
  at: number,
  view: DataView,
  start: number,
  length: number,
): boolean {
  const whole = length & ~3;
  for (let i = 0; i < whole; i += 4) {
    if (words[at + (i >>> 2)] !== view.getUint32(start + i, true)) return false;
  }
  if (whole === length) return true;
  let tail = 0;
  for (let i = whole; i < length; i++) tail |= view.getUint8(start + i) << ((i & 3) * 8);
  return words[at + (whole >>> 2)] === tail >>> 0;
}

/** Whether `key` equals the `length` ASCII bytes of `view` from `start`. */
function keyEquals(key: string, view: DataView, start: number, length: number): boolean {
  if (key.length !== length) return false;
  for (let i = 0; i < length; i++) if (key.charCodeAt(i) !== view.getUint8(start + i)) return false;
  return true;
}
