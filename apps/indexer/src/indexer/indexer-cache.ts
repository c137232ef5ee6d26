import type { UseCaseId } from '@mindex/use-case-registry';

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
}

/**
 * An in-process cache of string ids per (use case, org) (spec §4.5): it holds ids only, never misses.
 * Bounded by entries and estimated bytes; eviction is CLOCK (a second chance for entries hit since the hand
 * last passed), expiry is checked on read. Entries are slots in typed arrays, so an entry costs a Map slot,
 * the key string and a 16-byte record, and a hit allocates only the returned bigint.
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

/** Fixed cost of one entry besides its key's characters (measured ~58 B + a 16 B string header; see scripts/measure-cache-memory.mjs). */
export const CACHE_ENTRY_OVERHEAD_BYTES = 80;
const INITIAL_SLOTS = 1024;
const MAX_STORED_ID = (1n << 63n) - 1n;
const TTL_JITTER = 0.25;
const TWO_POW_32 = 2 ** 32;
/** Ids whose high word is below this are below 2^53: safe as numbers. */
const SAFE_HIGH_WORD = 2 ** 21;
// A slot's record in 32-bit words: the id's two halves (in the platform's byte order), expiry, referenced.
const LOW_WORD = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 0 : 1;
const HIGH_WORD = 1 - LOW_WORD;
const EXPIRY = 2;
const REFERENCED = 3;

interface OrgBucket extends OrgCache {
  readonly entries: Map<string, number>;
  readonly useCase: UseCaseId;
  readonly orgId: bigint;
}

function entryBytes(key: string): number {
  return CACHE_ENTRY_OVERHEAD_BYTES + key.length * 2;
}

export function createIndexerCache(deps: IndexerCacheDeps): IndexerCache {
  const epochMs = deps.now();
  const buckets = new Map<UseCaseId, Map<bigint, OrgBucket>>();

  let capacity = 0;
  // One 16-byte record per slot (id, expiry, referenced bit), so a hit touches one cache line: the id as a
  // BigInt64Array element (`ids[2 * slot]`), and the same memory as 32-bit words (`words[4 * slot + ...]`).
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

  const release = (slot: number): void => {
    const owner = owners[slot]!;
    const key = keys[slot]!;
    owner.entries.delete(key);
    if (owner.entries.size === 0) {
      const orgs = buckets.get(owner.useCase);
      orgs?.delete(owner.orgId);
      if (orgs?.size === 0) buckets.delete(owner.useCase);
    }
    owners[slot] = undefined;
    keys[slot] = undefined;
    words[4 * slot + REFERENCED] = 0;
    free.push(slot);
    size--;
    bytes -= entryBytes(key);
  };

  const makeBucket = (useCase: UseCaseId, orgId: bigint): OrgBucket => {
    const entries = new Map<string, number>();
    return {
      entries,
      useCase,
      orgId,
      get(string, now) {
        const slot = entries.get(string);
        if (slot === undefined) return undefined;
        if (words[4 * slot + EXPIRY]! <= now) {
          release(slot);
          return undefined;
        }
        words[4 * slot + REFERENCED] = 1;
        return ids[2 * slot];
      },
      getNumber(string, now) {
        const slot = entries.get(string);
        if (slot === undefined) return -1;
        const record = 4 * slot;
        if (words[record + EXPIRY]! <= now) return -1;
        const high = words[record + HIGH_WORD]!;
        if (high >= SAFE_HIGH_WORD) return -1;
        words[record + REFERENCED] = 1;
        return high * TWO_POW_32 + words[record + LOW_WORD]!;
      },
    };
  };

  const grow = (limit: number): void => {
    const next = Math.min(Math.max(INITIAL_SLOTS, capacity * 2), limit);
    const grown = new Uint32Array(4 * next);
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
      if (words[4 * slot + REFERENCED] === 1 && words[4 * slot + EXPIRY]! > now) {
        words[4 * slot + REFERENCED] = 0;
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
      const expiry = now + ttlSeconds + Math.floor(deps.random() * TTL_JITTER * ttlSeconds);
      let orgs = buckets.get(useCase);
      let bucket = orgs?.get(orgId);
      const existing = bucket?.entries.get(string);
      if (existing !== undefined) {
        ids[2 * existing] = id;
        words[4 * existing + EXPIRY] = expiry;
        return;
      }
      const cost = entryBytes(string);
      if (cost > maxBytes) return;
      while (size > 0 && (size >= maxEntries || bytes + cost > maxBytes)) evictOne(now);
      // Eviction may have dropped this org's (or use case's) now-empty bucket: look it up again.
      orgs = buckets.get(useCase);
      bucket = orgs?.get(orgId);
      if (orgs === undefined) {
        orgs = new Map();
        buckets.set(useCase, orgs);
      }
      if (bucket === undefined) {
        bucket = makeBucket(useCase, orgId);
        orgs.set(orgId, bucket);
      }
      const slot = takeSlot(maxEntries, now);
      ids[2 * slot] = id;
      words[4 * slot + EXPIRY] = expiry;
      words[4 * slot + REFERENCED] = 0;
      owners[slot] = bucket;
      keys[slot] = string;
      bucket.entries.set(string, slot);
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
