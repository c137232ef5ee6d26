import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CACHE_ENTRY_OVERHEAD_BYTES,
  createIndexerCache,
  type IndexerCacheSettings,
  type OrgCache,
} from './indexer-cache.js';
import { asciiHash, hashCodeUnits } from './string-hash.js';

function setup(settings: Partial<IndexerCacheSettings> = {}, random = () => 0) {
  let now = 1_000_000;
  const current: IndexerCacheSettings = {
    ttlSeconds: 7200,
    maxEntries: 1000,
    maxBytes: 1 << 20,
    ...settings,
  };
  const cache = createIndexerCache({ now: () => now, random, settings: () => current });
  return { cache, advance: (seconds: number) => (now += seconds * 1000), settings: current };
}

describe('createIndexerCache', () => {
  it('returns cached ids and misses for anything else', () => {
    const { cache } = setup();
    cache.set('spans', 1n, 'a', 10n);
    expect(cache.get('spans', 1n, 'a')).toBe(10n);
    expect(cache.get('spans', 1n, 'b')).toBeUndefined();
    expect(cache.get('spans', 2n, 'a')).toBeUndefined();
    expect(cache.org('spans', 2n)).toBeUndefined();
  });

  it('keeps use cases apart ("sessions:3:what" and "transactions:3:what" are distinct)', () => {
    const { cache } = setup();
    cache.set('sessions', 3n, 'what', 1n);
    cache.set('transactions', 3n, 'what', 2n);
    expect([cache.get('sessions', 3n, 'what'), cache.get('transactions', 3n, 'what')]).toEqual([1n, 2n]);
  });

  it.each([
    [0, 7200],
    [0.999999, 8999],
  ])('expires an entry after T plus jitter (random %s lives %s s)', (random, lifetime) => {
    const { cache, advance } = setup({}, () => random);
    cache.set('spans', 1n, 'a', 10n);
    advance(lifetime - 1);
    expect(cache.get('spans', 1n, 'a')).toBe(10n);
    advance(1);
    expect(cache.get('spans', 1n, 'a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps every TTL within [7200, 9000] seconds', () => {
    for (const random of [0, 0.25, 0.5, 0.75, 0.9999]) {
      const { cache, advance } = setup({}, () => random);
      cache.set('spans', 1n, 'a', 10n);
      advance(7199);
      expect(cache.get('spans', 1n, 'a')).toBe(10n);
      advance(9000 - 7199);
      expect(cache.get('spans', 1n, 'a')).toBeUndefined();
    }
  });

  it('refreshes the id and expiry of an existing entry', () => {
    const { cache, advance } = setup({ ttlSeconds: 100 });
    cache.set('spans', 1n, 'a', 10n);
    advance(90);
    cache.set('spans', 1n, 'a', 11n);
    advance(90);
    expect(cache.get('spans', 1n, 'a')).toBe(11n);
    expect(cache.size).toBe(1);
  });

  it('evicts to stay within max entries, sparing recently hit entries (CLOCK)', () => {
    const { cache } = setup({ maxEntries: 3 });
    cache.set('spans', 1n, 'a', 1n);
    cache.set('spans', 1n, 'b', 2n);
    cache.set('spans', 1n, 'c', 3n);
    expect(cache.get('spans', 1n, 'a')).toBe(1n);
    cache.set('spans', 1n, 'd', 4n);
    expect(cache.size).toBe(3);
    expect(cache.get('spans', 1n, 'a')).toBe(1n);
    expect(cache.get('spans', 1n, 'b')).toBeUndefined();
    expect(cache.get('spans', 1n, 'd')).toBe(4n);
  });

  it('evicts to stay within max bytes', () => {
    const { cache } = setup({ maxBytes: 1000 });
    for (let i = 0; i < 50; i++) cache.set('spans', 1n, `string-${i}`, BigInt(i + 1));
    expect(cache.estimatedBytes).toBeLessThanOrEqual(1000);
    expect(cache.size).toBeGreaterThan(0);
    expect(cache.get('spans', 1n, 'string-49')).toBe(50n);
  });

  it('applies a lowered max entries on the next write', () => {
    const { cache, settings } = setup({ maxEntries: 10 });
    for (let i = 0; i < 10; i++) cache.set('spans', 1n, `s${i}`, BigInt(i + 1));
    Object.assign(settings, { maxEntries: 2 });
    cache.set('spans', 1n, 'new', 99n);
    expect(cache.size).toBe(2);
    expect(cache.get('spans', 1n, 'new')).toBe(99n);
  });

  it('is disabled (and emptied) by max entries 0', () => {
    const { cache, settings } = setup();
    cache.set('spans', 1n, 'a', 1n);
    Object.assign(settings, { maxEntries: 0 });
    cache.set('spans', 1n, 'b', 2n);
    expect(cache.size).toBe(0);
    expect(cache.get('spans', 1n, 'a')).toBeUndefined();
  });

  it('never caches ids outside the stored range (static ids, 0)', () => {
    const { cache } = setup();
    cache.set('spans', 1n, 'release', 9223372036854776016n);
    cache.set('spans', 1n, 'zero', 0n);
    expect(cache.size).toBe(0);
  });

  it('caches ids up to 2^63 - 1 exactly', () => {
    const { cache } = setup();
    cache.set('spans', (1n << 63n) - 1n, 'max', (1n << 63n) - 1n);
    expect(cache.get('spans', (1n << 63n) - 1n, 'max')).toBe((1n << 63n) - 1n);
  });

  it('reuses slots of expired entries and drops empty org buckets', () => {
    const { cache, advance } = setup({ ttlSeconds: 10, maxEntries: 2 });
    cache.set('spans', 1n, 'a', 1n);
    cache.set('spans', 2n, 'b', 2n);
    advance(20);
    expect(cache.get('spans', 1n, 'a')).toBeUndefined();
    expect(cache.org('spans', 1n)).toBeUndefined();
    expect(cache.size).toBe(1);
    cache.set('spans', 3n, 'c', 3n);
    expect(cache.size).toBe(2);
    expect(cache.get('spans', 3n, 'c')).toBe(3n);
    cache.set('spans', 4n, 'd', 4n);
    expect(cache.size).toBe(2);
    expect(cache.get('spans', 4n, 'd')).toBe(4n);
  });

  it('getNumber gives cached ids below 2^53 as numbers, and -1 otherwise', () => {
    const { cache, advance } = setup({ ttlSeconds: 10 });
    const ids = [1n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 32n + 5n, 2n ** 53n - 1n, 2n ** 53n, (1n << 63n) - 1n];
    ids.forEach((id, i) => cache.set('spans', 1n, `s${i}`, id));
    const org = cache.org('spans', 1n)!;
    const now = cache.nowSeconds();
    expect(ids.map((_, i) => org.getNumber(`s${i}`, now))).toEqual([
      1,
      2 ** 32 - 1,
      2 ** 32,
      2 ** 32 + 5,
      2 ** 53 - 1,
      -1,
      -1,
    ]);
    expect(org.getNumber('missing', now)).toBe(-1);
    advance(20);
    expect(org.getNumber('s0', cache.nowSeconds())).toBe(-1);
    // An expired entry is released by `get`, as before.
    expect(cache.get('spans', 1n, 's0')).toBeUndefined();
  });

  it('getNumber reads ids after the slot arrays grow', () => {
    const { cache } = setup({ maxEntries: 5000 });
    for (let i = 0; i < 3000; i++) cache.set('spans', 1n, `s${i}`, BigInt(2 ** 40 + i));
    const org = cache.org('spans', 1n)!;
    const now = cache.nowSeconds();
    expect([org.getNumber('s0', now), org.getNumber('s2999', now)]).toEqual([2 ** 40, 2 ** 40 + 2999]);
  });

  it('getNumber counts as a hit for eviction (CLOCK)', () => {
    const { cache } = setup({ maxEntries: 3 });
    cache.set('spans', 1n, 'a', 1n);
    cache.set('spans', 1n, 'b', 2n);
    cache.set('spans', 1n, 'c', 3n);
    expect(cache.org('spans', 1n)!.getNumber('a', cache.nowSeconds())).toBe(1);
    cache.set('spans', 1n, 'd', 4n);
    expect([cache.get('spans', 1n, 'a'), cache.get('spans', 1n, 'b')]).toEqual([1n, undefined]);
  });

  it('getNumberAscii answers like getNumber from the bytes of an ASCII string', () => {
    const { cache, advance } = setup({ ttlSeconds: 10 });
    const ids = [1n, 2n ** 32n + 5n, 2n ** 53n - 1n, 2n ** 53n, (1n << 63n) - 1n];
    ids.forEach((id, i) => cache.set('spans', 1n, `s${i}`, id));
    cache.set('spans', 1n, '', 7n);
    cache.set('spans', 2n, 's0', 8n);
    const org = cache.org('spans', 1n)!;
    const now = cache.nowSeconds();
    const expected = [1, 2 ** 32 + 5, 2 ** 53 - 1, -1, -1];
    expect(ids.map((_, i) => lookupAscii(org, `s${i}`, 3, now))).toEqual(expected);
    expect(ids.map((_, i) => org.getNumber(`s${i}`, now))).toEqual(expected);
    expect(lookupAscii(org, '', 1, now)).toBe(7);
    expect(lookupAscii(cache.org('spans', 2n)!, 's0', 2, now)).toBe(8);
    expect([
      lookupAscii(org, 's', 1, now),
      lookupAscii(org, 's00', 1, now),
      lookupAscii(org, 'S0', 1, now),
    ]).toEqual([-1, -1, -1]);
    advance(20);
    expect(lookupAscii(org, 's0', 1, cache.nowSeconds())).toBe(-1);
  });

  it('getNumberAscii finds keys of every length from 0 to 40, and misses keys one byte off', () => {
    const { cache } = setup();
    const keyOf = (length: number, last = 'z') =>
      length === 0 ? '' : `${'abcdefghijklmnopqrstuvwxyz0123456789ABCDEF'.slice(0, length - 1)}${last}`;
    for (let length = 0; length <= 40; length++) cache.set('spans', 1n, keyOf(length), BigInt(length + 1));
    const org = cache.org('spans', 1n)!;
    const now = cache.nowSeconds();
    for (let length = 0; length <= 40; length++) {
      for (const offset of [1, 2, 3, 4])
        expect(lookupAscii(org, keyOf(length), offset, now), `${length}`).toBe(length + 1);
      if (length === 0) continue;
      // Same length, last or first byte changed.
      expect(lookupAscii(org, keyOf(length, 'y'), 1, now)).toBe(-1);
      expect(lookupAscii(org, `Z${keyOf(length).slice(1)}`, 1, now)).toBe(-1);
    }
  });

  it('getNumberAscii does not match bytes a reused slot held for its previous key', () => {
    const { cache } = setup({ maxEntries: 1 });
    const long = 'abcdefghijklmnopqrstuvwxyz0123456789';
    // Each set evicts the one entry and reuses its slot for a shorter key, then a non-ASCII one.
    const keys = [
      long,
      ...[28, 27, 9, 8, 7, 5, 4, 3, 1, 0].map((length) => long.slice(0, length)),
      'abcé',
      'abc',
    ];
    keys.forEach((key, i) => {
      cache.set('spans', 1n, key, BigInt(i + 1));
      expect(cache.size).toBe(1);
      const org = cache.org('spans', 1n)!;
      const now = cache.nowSeconds();
      expect(org.getNumber(key, now)).toBe(i + 1);
      if (/^\p{ASCII}*$/u.test(key)) expect(lookupAscii(org, key, 1, now), JSON.stringify(key)).toBe(i + 1);
      for (const other of keys.slice(0, i)) {
        if (other !== key && /^\p{ASCII}*$/u.test(other)) expect(lookupAscii(org, other, 1, now)).toBe(-1);
      }
    });
  });

  it('tells apart keys of one hash: held in their record (24 bytes) or not (32 bytes)', () => {
    const { cache } = setup();
    for (const family of [collidingKeys(3), collidingKeys(4)]) {
      expect(new Set(family.map(hashCodeUnits)).size).toBe(1);
      // Half of the family is cached; the other half, same hash and length, must miss.
      family.forEach((key, i) => {
        if (i % 2 === 0) cache.set('spans', 1n, key, BigInt(i + 1));
      });
      const org = cache.org('spans', 1n)!;
      const now = cache.nowSeconds();
      const byString = family.map((key) => org.getNumber(key, now));
      expect(byString).toEqual(family.map((_, i) => (i % 2 === 0 ? i + 1 : -1)));
      expect(family.map((key) => lookupAscii(org, key, 3, now))).toEqual(byString);
    }
  });

  it('caches a bounded number of keys of one hash per org (MAX_PROBE), each found, also after removals from their run', () => {
    // 512 keys whose hashes are equal whatever the seed: only as many as fit within MAX_PROBE of their home are
    // cached, and the bound holds whichever of them leave.
    const keys = collidingKeys(9);
    expect(new Set(keys).size).toBe(512);
    expect(new Set(keys.map(hashCodeUnits)).size).toBe(1);
    const { cache, advance, settings } = setup();
    const set = (i: number, ttlSeconds: number) => {
      Object.assign(settings, { ttlSeconds });
      cache.set('spans', 1n, keys[i]!, BigInt(i + 1));
    };
    const expectCached = (cached: (i: number) => boolean) => {
      const org = cache.org('spans', 1n)!;
      const now = cache.nowSeconds();
      const byString = keys.map((key) => org.getNumber(key, now));
      expect(byString).toEqual(keys.map((_, i) => (cached(i) ? i + 1 : -1)));
      expect(keys.map((key) => lookupAscii(org, key, 3, now))).toEqual(byString);
      expect(keys.map((key) => cache.get('spans', 1n, key))).toEqual(
        keys.map((_, i) => (cached(i) ? BigInt(i + 1) : undefined)),
      );
    };
    keys.forEach((_, i) => set(i, i % 2 === 1 ? 10 : 100));
    // The first `bound` keys took every position within reach of their home; the others were refused.
    const bound = cache.size;
    expect(bound).toBeGreaterThanOrEqual(32);
    expect(bound).toBeLessThan(keys.length);
    expectCached((i) => i < bound);

    // The odd ones expire and are released one by one from the middle of the run; the rest move back.
    advance(20);
    for (let i = 0; i < bound; i++) {
      expect(cache.get('spans', 1n, keys[i]!)).toBe(i % 2 === 0 ? BigInt(i + 1) : undefined);
    }
    const kept = Math.ceil(bound / 2);
    expect(cache.size).toBe(kept);
    expectCached((i) => i < bound && i % 2 === 0);

    // Exactly as many as left fit again.
    for (let i = bound; i < keys.length; i++) set(i, 100);
    expect(cache.size).toBe(bound);
    expectCached((i) => (i < bound && i % 2 === 0) || (i >= bound && i < 2 * bound - kept));

    // Evictions from the run leave the rest found.
    Object.assign(settings, { maxEntries: 8 });
    cache.set('spans', 1n, 'other', 999n);
    expect(cache.size).toBe(8);
    const org = cache.org('spans', 1n)!;
    const now = cache.nowSeconds();
    const found = keys.flatMap((key, i) => {
      const id = org.getNumber(key, now);
      expect(lookupAscii(org, key, 1, now)).toBe(id);
      return id === -1 ? [] : [[i, id] as const];
    });
    expect(found.length).toBe(7);
    for (const [i, id] of found) expect(id).toBe(i + 1);
    expect(cache.get('spans', 1n, 'other')).toBe(999n);
  });

  it('getNumberAscii counts as a hit for eviction (CLOCK)', () => {
    const { cache } = setup({ maxEntries: 3 });
    cache.set('spans', 1n, 'a', 1n);
    cache.set('spans', 1n, 'b', 2n);
    cache.set('spans', 1n, 'c', 3n);
    expect(lookupAscii(cache.org('spans', 1n)!, 'a', 2, cache.nowSeconds())).toBe(1);
    cache.set('spans', 1n, 'd', 4n);
    expect([cache.get('spans', 1n, 'a'), cache.get('spans', 1n, 'b')]).toEqual([1n, undefined]);
  });

  it('never answers a wrong or expired id, keeps within max entries, and string and byte lookups agree (model)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(modelOp({ eviction: true }), { maxLength: 150 }),
        (maxEntries, ops) => runModel(ops, { exact: false, maxEntries }),
      ),
      { numRuns: 400 },
    );
  });

  it('without eviction, answers exactly the live entries, through expiry, releases and clear (model)', () => {
    fc.assert(
      fc.property(fc.array(modelOp({ eviction: false }), { maxLength: 120 }), (ops) =>
        runModel(ops, { exact: true, maxEntries: 100_000 }),
      ),
      { numRuns: 300 },
    );
  });

  it('finds every cached entry among thousands, through growth, expiry releases, evictions and clear', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3000, max: 6000 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 100, max: 1500 }),
        (count, seed, evictTo) => runStress(count, seed, evictTo),
      ),
      { numRuns: 6 },
    );
  });
});

/** `org.getNumberAscii` of the ASCII string `s`, placed `offset` bytes into a view with a byte after it. */
function lookupAscii(org: OrgCache | undefined, s: string, offset: number, now: number): number {
  if (org === undefined) return -1;
  const bytes = Buffer.from(`${'#'.repeat(offset)}${s}#`, 'latin1');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = offset + s.length;
  const hash = asciiHash(view, offset, end);
  if (hash < 0) throw new Error(`not ASCII: ${JSON.stringify(s)}`);
  return org.getNumberAscii(hash, view, offset, end, now);
}

const isAscii = (s: string) => /^\p{ASCII}*$/u.test(s);
/** What `getNumber` answers for a live entry of this id. */
const asNumber = (id: bigint) => (id < 2n ** 53n ? Number(id) : -1);
const MAX_STORED_ID = (1n << 63n) - 1n;
const entryBytes = (s: string) => CACHE_ENTRY_OVERHEAD_BYTES + 2 * s.length;

// --- Keys of equal hash whatever the seed. ---

/*
 * MurmurHash3's 32-bit blocks have seed-independent collisions: if the scrambled values of two first blocks differ
 * in bit 18 only, the states after them differ in bit 31 only (rotl 13, then *5 and + c keep a top-bit difference),
 * which second blocks whose scrambled values differ in bit 31 only cancel. Each such 8-byte pair can stand in for
 * its twin, so n pairs make 2^n keys of 8n bytes with one hash, for any seed: input made to collide.
 */
const SCRAMBLE_C1 = 0xcc9e2d51;
const SCRAMBLE_C2 = 0x1b873593;
const inverseMod32 = (c: number) => {
  let x = c;
  for (let i = 0; i < 5; i++) x = Math.imul(x, 2 - Math.imul(c, x));
  return x;
};
const UNSCRAMBLE_C1 = inverseMod32(SCRAMBLE_C1);
const UNSCRAMBLE_C2 = inverseMod32(SCRAMBLE_C2);
/** The block whose scrambled value is `k`. */
const unscramble = (k: number) => {
  const x = Math.imul(k, UNSCRAMBLE_C2);
  return Math.imul((x >>> 15) | (x << 17), UNSCRAMBLE_C1);
};
/** A block's four ASCII characters (little-endian), or undefined when a byte is not ASCII. */
const blockText = (block: number) =>
  (block & 0x80808080) === 0
    ? String.fromCharCode(block & 0xff, (block >>> 8) & 0xff, (block >>> 16) & 0xff, block >>> 24)
    : undefined;

function collidingKeys(pairs: number): string[] {
  let k = 1;
  /** Two ASCII blocks whose scrambled values differ by `difference`. */
  const twinBlocks = (difference: number): [string, string] => {
    for (;;) {
      const scrambled = Math.imul(k++, 0x9e3779b1);
      const a = blockText(unscramble(scrambled));
      const b = blockText(unscramble(scrambled ^ difference));
      if (a !== undefined && b !== undefined) return [a, b];
    }
  };
  const twins = Array.from({ length: pairs }, () => {
    const [first, firstTwin] = twinBlocks(1 << 18);
    const [second, secondTwin] = twinBlocks(1 << 31);
    return [first + second, firstTwin + secondTwin];
  });
  return Array.from({ length: 2 ** pairs }, (_, choice) =>
    twins.map((twin, i) => twin[(choice >> i) & 1]).join(''),
  );
}

// --- The model-based test: random operations against a Map of what was set, with its expiry. ---

const MODEL_TTL = 10;
const MODEL_USE_CASES = ['spans', 'transactions'] as const;
const MODEL_ORGS = [1n, 2n, 3n];
/**
 * Few strings, so keys repeat: empty, tails of 1-3 units, whole 4-unit blocks, NUL, around the longest key held in
 * a record (27-29 units, differing only in their last), longer ones, keys of equal hash, non-ASCII (BMP, Latin-1,
 * astral).
 */
const MODEL_STRINGS = [
  '',
  'a',
  'b',
  'ab',
  'ba',
  'abc',
  'abcd',
  'abcde',
  'a\0',
  '\x7f',
  'c:spans/duration@millisecon',
  'c:spans/duration@millisecond',
  'c:spans/duration@milliseconds',
  'c:spans/duration@millisecondz',
  'x'.repeat(40),
  `${'x'.repeat(39)}y`,
  // Equal hashes: 16 bytes (held in the record) and 32 bytes.
  ...collidingKeys(2),
  ...collidingKeys(4).slice(0, 4),
  'é',
  'aé',
  'Ã©',
  '日本',
  '😀',
];
const modelString = fc.oneof(
  { arbitrary: fc.constantFrom(...MODEL_STRINGS), weight: 4 },
  { arbitrary: fc.string({ unit: fc.constantFrom('a', 'b', 'é'), maxLength: 6 }), weight: 1 },
);
const modelId = fc.oneof(
  { arbitrary: fc.bigInt(1n, 40n), weight: 4 },
  { arbitrary: fc.bigInt(2n ** 32n - 2n, 2n ** 32n + 2n), weight: 1 },
  { arbitrary: fc.bigInt(2n ** 53n - 2n, 2n ** 53n + 1n), weight: 1 },
  { arbitrary: fc.bigInt(MAX_STORED_ID - 1n, MAX_STORED_ID), weight: 1 },
  // Never cached.
  { arbitrary: fc.constantFrom(0n, -1n, 1n << 63n, (1n << 63n) + 1000n), weight: 1 },
);

interface ModelKey {
  useCase: number;
  org: number;
  string: string;
}

type ModelOp =
  | ({ kind: 'set'; id: bigint; random: number; check: boolean } & ModelKey)
  | ({ kind: 'get' } & ModelKey)
  | ({ kind: 'lookup'; offset: number; stale: boolean } & ModelKey)
  | { kind: 'advance'; seconds: number }
  | { kind: 'maxEntries'; value: number }
  | { kind: 'sweep' }
  | { kind: 'clear' };

function modelOp({ eviction }: { eviction: boolean }): fc.Arbitrary<ModelOp> {
  const key = {
    useCase: fc.nat(MODEL_USE_CASES.length - 1),
    org: fc.nat(MODEL_ORGS.length - 1),
    string: modelString,
  };
  const random = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
  const ops: fc.WeightedArbitrary<ModelOp>[] = [
    {
      arbitrary: fc.record({
        kind: fc.constant('set' as const),
        ...key,
        id: modelId,
        random,
        check: fc.boolean(),
      }),
      weight: 12,
    },
    { arbitrary: fc.record({ kind: fc.constant('get' as const), ...key }), weight: 4 },
    {
      arbitrary: fc.record({
        kind: fc.constant('lookup' as const),
        ...key,
        offset: fc.integer({ min: 1, max: 5 }),
        stale: fc.boolean(),
      }),
      weight: 6,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant('advance' as const),
        seconds: fc.integer({ min: 0, max: 15 }),
      }),
      weight: 2,
    },
    // `get` of every key: releases every expired entry, emptying org buckets.
    { arbitrary: fc.constant({ kind: 'sweep' as const }), weight: 1 },
    { arbitrary: fc.constant({ kind: 'clear' as const }), weight: 1 },
  ];
  if (eviction) {
    ops.push({
      arbitrary: fc.record({
        kind: fc.constant('maxEntries' as const),
        value: fc.integer({ min: 0, max: 10 }),
      }),
      weight: 2,
    });
  }
  return fc.oneof(...ops);
}

interface ModelEntry extends ModelKey {
  id: bigint;
  /** Seconds on the cache's clock from which the entry is expired. */
  expiry: number;
  /** Possibly in the cache; with `exact`, certainly. False once cleared, released by `get`, or never cached. */
  cached: boolean;
}

/**
 * Runs the operations against a cache and a model of it. With `exact` (no eviction: `maxEntries` above the number
 * of keys) the cache must answer exactly the model's live entries; otherwise it may forget any entry, but every
 * answer must be the model's live id.
 */
function runModel(ops: ModelOp[], { exact, maxEntries }: { exact: boolean; maxEntries: number }): void {
  let random = 0;
  const { cache, advance, settings } = setup({ ttlSeconds: MODEL_TTL, maxEntries }, () => random);
  const model = new Map<string, ModelEntry>();
  /** The first org cache seen per (use case, org): it may since have been dropped and made again. */
  const handles = new Map<string, OrgCache>();
  const keyOf = (k: ModelKey) => `${k.useCase}|${k.org}|${k.string}`;
  const orgOf = (k: ModelKey) => {
    const org = cache.org(MODEL_USE_CASES[k.useCase]!, MODEL_ORGS[k.org]!);
    const bucket = `${k.useCase}|${k.org}`;
    if (org !== undefined && !handles.has(bucket)) handles.set(bucket, org);
    return org;
  };
  const live = (entry: ModelEntry | undefined, now: number): entry is ModelEntry =>
    entry !== undefined && entry.cached && entry.expiry > now;
  const checkNumber = (entry: ModelEntry | undefined, got: number, now: number) => {
    const expected = live(entry, now) ? asNumber(entry.id) : -1;
    if (exact || got !== -1) expect(got).toBe(expected);
  };
  /** `getNumber`, and for ASCII strings `getNumberAscii`, which must agree. */
  const lookup = (org: OrgCache | undefined, k: ModelKey, offset: number, now: number): number => {
    const byString = org === undefined ? -1 : org.getNumber(k.string, now);
    if (isAscii(k.string)) expect(lookupAscii(org, k.string, offset, now)).toBe(byString);
    return byString;
  };
  const get = (k: ModelKey) => {
    const now = cache.nowSeconds();
    const entry = model.get(keyOf(k));
    const got = cache.get(MODEL_USE_CASES[k.useCase]!, MODEL_ORGS[k.org]!, k.string);
    const expected = live(entry, now) ? entry.id : undefined;
    if (exact || got !== undefined) expect(got).toBe(expected);
    // An expired entry is released by the read.
    if (entry !== undefined && entry.expiry <= now) entry.cached = false;
  };
  const checkExact = () => {
    const now = cache.nowSeconds();
    let count = 0;
    let bytes = 0;
    const usedBuckets = new Set<string>();
    for (const entry of model.values()) {
      checkNumber(entry, lookup(orgOf(entry), entry, 1, now), now);
      if (!entry.cached) continue;
      count++;
      bytes += entryBytes(entry.string);
      usedBuckets.add(`${entry.useCase}|${entry.org}`);
    }
    expect(cache.size).toBe(count);
    expect(cache.estimatedBytes).toBe(bytes);
    MODEL_USE_CASES.forEach((useCase, u) =>
      MODEL_ORGS.forEach((orgId, o) =>
        expect(cache.org(useCase, orgId) !== undefined).toBe(usedBuckets.has(`${u}|${o}`)),
      ),
    );
  };

  for (const op of ops) {
    switch (op.kind) {
      case 'set': {
        const sizeBefore = cache.size;
        random = op.random;
        cache.set(MODEL_USE_CASES[op.useCase]!, MODEL_ORGS[op.org]!, op.string, op.id);
        if (op.id <= 0n || op.id > MAX_STORED_ID) {
          expect(cache.size).toBe(sizeBefore);
          break;
        }
        if (settings.maxEntries <= 0) {
          expect(cache.size).toBe(0);
          for (const entry of model.values()) entry.cached = false;
          model.set(keyOf(op), { ...op, expiry: 0, cached: false });
          break;
        }
        const now = cache.nowSeconds();
        const lifetime = MODEL_TTL + Math.floor(op.random * 0.25 * MODEL_TTL);
        const entry: ModelEntry = { ...op, expiry: now + lifetime, cached: true };
        model.set(keyOf(op), entry);
        // A set either refreshes an entry or evicts below max entries before adding one.
        expect(cache.size <= settings.maxEntries || cache.size === sizeBefore).toBe(true);
        expect(cache.size).toBeLessThanOrEqual(sizeBefore + 1);
        // The entry just set is there, whatever was evicted for it.
        if (op.check) expect(lookup(orgOf(op), op, 2, now)).toBe(asNumber(op.id));
        break;
      }
      case 'get':
        get(op);
        break;
      case 'sweep':
        for (const entry of model.values()) get(entry);
        break;
      case 'lookup': {
        const now = cache.nowSeconds();
        const current = orgOf(op);
        const org = (op.stale ? handles.get(`${op.useCase}|${op.org}`) : undefined) ?? current;
        const got = lookup(org, op, op.offset, now);
        // The org cache of a dropped bucket answers nothing, even when its org holds entries again.
        if (org !== current) expect(got).toBe(-1);
        else checkNumber(model.get(keyOf(op)), got, now);
        break;
      }
      case 'advance':
        advance(op.seconds);
        break;
      case 'maxEntries':
        Object.assign(settings, { maxEntries: op.value });
        break;
      case 'clear':
        cache.clear();
        expect([cache.size, cache.estimatedBytes]).toEqual([0, 0]);
        for (const entry of model.values()) entry.cached = false;
        break;
    }
    // The cache holds no key the model knows to be gone.
    expect(cache.size).toBeLessThanOrEqual([...model.values()].filter((entry) => entry.cached).length);
    if (exact) checkExact();
  }

  // Every entry the cache still holds is found: reading every key releases the expired ones, and the live ones
  // that answer must then be all of them.
  const now = cache.nowSeconds();
  let found = 0;
  for (const entry of model.values()) {
    const got = cache.get(MODEL_USE_CASES[entry.useCase]!, MODEL_ORGS[entry.org]!, entry.string);
    if (got === undefined) continue;
    expect(live(entry, now)).toBe(true);
    expect(got).toBe(entry.id);
    found++;
  }
  expect(cache.size).toBe(found);
}

// --- The stress test: thousands of entries through growth, releases, evictions and clear. ---

const STRESS_USE_CASES = ['spans', 'transactions'] as const;
const STRESS_TTLS = [10, 20, 30, 40];
/** Lifetimes are [T, 1.25 T]: at 25 s the 10 s and 20 s entries are expired, the 30 s and 40 s ones live. */
const STRESS_ADVANCE = 25;

interface StressEntry {
  useCase: string;
  orgId: bigint;
  string: string;
  id: bigint;
  ttl: number;
  /** In the cache, as far as the test knows for certain. */
  cached: boolean;
}

function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function shuffled<T>(items: readonly T[], rng: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Entries numbered from `first`: every string in 8 (use case, org) buckets, of varied lengths, some non-ASCII. */
function stressEntries(tag: string, first: number, count: number, rng: () => number): StressEntry[] {
  return Array.from({ length: count }, (_, n) => {
    const i = first + n;
    const j = i >> 3;
    return {
      useCase: STRESS_USE_CASES[i & 1]!,
      orgId: BigInt(((i >> 1) & 3) + 1),
      string: `${tag}${j.toString(36)}/${'x'.repeat(j % 9)}${j % 17 === 0 ? 'é' : ''}`,
      id: rng() < 0.1 ? 2n ** 53n + BigInt(i) : BigInt(i + 1) * 7919n,
      ttl: STRESS_TTLS[Math.floor(rng() * STRESS_TTLS.length)]!,
      cached: false,
    };
  });
}

function runStress(count: number, seed: number, evictTo: number): void {
  const rng = mulberry32(seed);
  let random = 0;
  const { cache, advance, settings } = setup({ maxEntries: 10_000, maxBytes: 1 << 30 }, () => random);
  let drops = 0;
  const set = (entry: StressEntry) => {
    Object.assign(settings, { ttlSeconds: entry.ttl });
    random = rng();
    cache.set(entry.useCase, entry.orgId, entry.string, entry.id);
  };
  /** Sets new entries while nothing is evicted; one not cached was refused for sitting too far from its home. */
  const insert = (entries: StressEntry[]) => {
    for (const entry of entries) {
      const before = cache.size;
      set(entry);
      entry.cached = cache.size === before + 1;
      if (!entry.cached) {
        expect(cache.size).toBe(before);
        drops++;
      }
    }
  };
  /** Every entry answers by string and by bytes exactly as expected; size and bytes count the cached ones. */
  const expectExact = (entries: StressEntry[], isLive: (entry: StressEntry) => boolean) => {
    const now = cache.nowSeconds();
    const wrong: string[] = [];
    let size = 0;
    let bytes = 0;
    for (const entry of entries) {
      const org = cache.org(entry.useCase, entry.orgId);
      const expected = entry.cached && isLive(entry) ? asNumber(entry.id) : -1;
      const byString = org === undefined ? -1 : org.getNumber(entry.string, now);
      const byBytes = isAscii(entry.string)
        ? lookupAscii(org, entry.string, 1 + Number(entry.id % 4n), now)
        : expected;
      if (byString !== expected || byBytes !== expected) {
        wrong.push(
          `${entry.useCase}/${entry.orgId}/${entry.string}: ${byString} ${byBytes}, not ${expected}`,
        );
      }
      if (entry.cached) {
        size++;
        bytes += entryBytes(entry.string);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect([cache.size, cache.estimatedBytes]).toEqual([size, bytes]);
  };
  /** `get` of every entry, in random order: expired ones are released as the others are looked up. */
  const getAll = (entries: StressEntry[], isLive: (entry: StressEntry) => boolean) => {
    const wrong: string[] = [];
    for (const entry of shuffled(entries, rng)) {
      const got = cache.get(entry.useCase, entry.orgId, entry.string);
      const expected = entry.cached && isLive(entry) ? entry.id : undefined;
      if (got !== expected)
        wrong.push(`${entry.useCase}/${entry.orgId}/${entry.string}: ${got}, not ${expected}`);
      if (!isLive(entry)) entry.cached = false;
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  };
  const always = () => true;

  // Only sets, no time passing, room for all: every entry is found (the index grows 1024 -> 2048 -> 4096 -> ...).
  const entries = shuffled(stressEntries('s', 0, count, rng), rng);
  insert(entries);
  // A refusal needs MAX_PROBE taken positions in a row in an index at most half full: rare.
  expect(drops).toBeLessThanOrEqual(3);
  expectExact(entries, always);
  getAll(entries, always);
  const oldHandles = STRESS_USE_CASES.flatMap((useCase) =>
    [1n, 2n, 3n, 4n].map((orgId) => cache.org(useCase, orgId)!),
  );
  expect(oldHandles.every((org) => org !== undefined)).toBe(true);

  // About half expire; getNumber leaves them, get releases them (backward-shift deletions amid lookups).
  advance(STRESS_ADVANCE);
  const isLive = (entry: StressEntry) => entry.ttl > STRESS_ADVANCE;
  expectExact(entries, isLive);
  getAll(entries, isLive);
  expectExact(entries, isLive);
  expect(cache.size).toBeGreaterThan(count / 4);

  // Lowered max entries: CLOCK evicts most entries as new ones come in. Which ones go is the cache's choice,
  // but every entry it still counts must be found, with its own id.
  Object.assign(settings, { maxEntries: evictTo });
  const newcomers = stressEntries('n', 0, 1000, rng).map((entry) => ({ ...entry, ttl: 40 }));
  for (const entry of newcomers) {
    set(entry);
    expect(cache.size).toBeLessThanOrEqual(evictTo);
  }
  const last = newcomers[newcomers.length - 1]!;
  expect(cache.get(last.useCase, last.orgId, last.string)).toBe(last.id);
  const now = cache.nowSeconds();
  let found = 0;
  const wrong: string[] = [];
  for (const entry of [...entries, ...newcomers]) {
    const org = cache.org(entry.useCase, entry.orgId);
    const got = cache.get(entry.useCase, entry.orgId, entry.string);
    const byString = org === undefined ? -1 : org.getNumber(entry.string, now);
    const byBytes = isAscii(entry.string) ? lookupAscii(org, entry.string, 2, now) : byString;
    if (got === undefined) {
      if (byString !== -1 || byBytes !== -1)
        wrong.push(`${entry.string}: get missed, getNumber ${byString} ${byBytes}`);
      continue;
    }
    found++;
    if (got !== entry.id || !isLive(entry) || byString !== asNumber(entry.id) || byBytes !== byString) {
      wrong.push(`${entry.string}: ${got} ${byString} ${byBytes}, not ${entry.id}`);
    }
  }
  expect(wrong.slice(0, 5)).toEqual([]);
  expect(cache.size).toBe(found);
  expect(found).toBe(evictTo);

  // Clear, then fill again from nothing: the old org caches answer nothing, the new ones everything.
  cache.clear();
  expect([cache.size, cache.estimatedBytes]).toEqual([0, 0]);
  expect(
    STRESS_USE_CASES.flatMap((useCase) => [1n, 2n, 3n, 4n].map((orgId) => cache.org(useCase, orgId))),
  ).toEqual(Array(8).fill(undefined));
  Object.assign(settings, { maxEntries: 10_000 });
  for (const entry of entries) entry.cached = false;
  const again = entries.slice(0, 2000);
  insert(again);
  expect(drops).toBeLessThanOrEqual(3);
  expectExact(entries, always);
  const staleHits = again.filter((entry) => {
    const stale = oldHandles[(entry.useCase === 'spans' ? 0 : 4) + Number(entry.orgId) - 1]!;
    return stale.getNumber(entry.string, cache.nowSeconds()) !== -1;
  });
  expect(staleHits).toEqual([]);
}
