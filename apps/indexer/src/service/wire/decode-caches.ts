const INTERNED_SLOTS = 8192;
/** Longest string (in bytes) the interned strings hold. */
export const INTERNED_MAX_BYTES = 64;
const BIGINT_SLOTS = 1024;
const MAX_REMEMBERED_TAG_KEYS = 64;

/** Buffer's Latin-1 decoding entry point, without `toString`'s argument checks. */
interface Latin1Slicing {
  latin1Slice(start: number, end: number): string;
}

/**
 * What a decoder remembers between requests to skip work on repeated values: each slot holds the last value
 * seen, and every hit is checked against the bytes, so a stale slot costs a miss, never a wrong value. One
 * instance per codec (not module state), so separate codecs and tests do not share it.
 */
export class DecodeCaches {
  /**
   * Recently decoded short ASCII strings, by a hash of their bytes. A batch's metric names, tag keys and many tag
   * values repeat within and across requests: returning the same string saves decoding it, and it is an
   * internalized string, so the tag maps keyed by it and the lookups later by it (Map and object keys) need not
   * hash and internalize a fresh copy each time.
   */
  private readonly strings: (string | undefined)[] = new Array<string | undefined>(INTERNED_SLOTS).fill(
    undefined,
  );
  /** BigInts of recently read uint64 values below 2^49 (org and project ids, timestamps repeat), by value. */
  private readonly bigIntValues = new Float64Array(BIGINT_SLOTS).fill(-1);
  private readonly bigInts: bigint[] = new Array<bigint>(BIGINT_SLOTS).fill(0n);
  /**
   * Tag keys of the last bucket read, by position: buckets of a batch mostly carry the same keys in the same
   * order, so a key is first compared with the one before it (no hashing). Only ever holds decoded strings.
   */
  private readonly tagKeys: string[] = [];

  /** The string of ASCII `bytes[start, end)`, from the interned strings or decoded and added; undefined if not ASCII. */
  internedAscii(bytes: Buffer, start: number, end: number): string | undefined {
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) {
      const byte = bytes[i]!;
      if (byte >= 0x80) return undefined;
      hash = Math.imul(hash ^ byte, 0x01000193);
    }
    const slot = (hash ^ (hash >>> 15)) & (INTERNED_SLOTS - 1);
    const cached = this.strings[slot];
    const length = end - start;
    if (cached !== undefined && cached.length === length) {
      let same = true;
      for (let i = 0; i < length; i++) {
        if (cached.charCodeAt(i) !== bytes[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return cached;
    }
    // A property name is an internalized string: reading it back from an object gives the internalized copy.
    const decoded = (bytes as unknown as Latin1Slicing).latin1Slice(start, end);
    const internalized = Object.keys({ [decoded]: 0 })[0] ?? decoded;
    this.strings[slot] = internalized;
    return internalized;
  }

  /** The BigInt of `value`, a safe integer below 2^49. */
  bigInt(value: number): bigint {
    const slot = (value ^ (value / 0x100000000)) & (BIGINT_SLOTS - 1);
    if (this.bigIntValues[slot] === value) return this.bigInts[slot]!;
    const big = BigInt(value);
    this.bigIntValues[slot] = value;
    this.bigInts[slot] = big;
    return big;
  }

  /** The tag key the last bucket had at `position`, if remembered. */
  tagKey(position: number): string | undefined {
    return position < MAX_REMEMBERED_TAG_KEYS ? this.tagKeys[position] : undefined;
  }

  rememberTagKey(position: number, key: string): void {
    if (position < MAX_REMEMBERED_TAG_KEYS) this.tagKeys[position] = key;
  }
}
