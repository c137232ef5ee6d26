import { INTERNED_MAX_BYTES, type DecodeCaches } from './decode-caches.js';

/** Thrown while decoding for anything outside the fast path (unknown fields, odd wire types, bad bytes). */
export class NotHandled extends Error {}

// Stateless (fatal, not streaming): one decoder serves every call.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// Scratch for a double's bytes: written and read back within one call, so no state outlives it.
const doubleScratch = new Float64Array(1);
const doubleBytes = new Uint8Array(doubleScratch.buffer);

/** Buffer's own decoding entry point: `toString('utf8', ...)` checks its arguments first. */
interface Utf8Slicing {
  utf8Slice(start: number, end: number): string;
}

/** `bytes` as a Buffer over the same memory (no copy). */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Reads protobuf wire format for the hand-written decoders. Every read takes the end of the enclosing message
 * (so nested messages need no reader of their own) and throws `NotHandled` for what the fast path leaves to
 * protobuf-es. With `caches`, repeated short strings and small uint64s come back as the same values.
 */
export class ProtobufReader {
  pos = 0;

  constructor(
    readonly bytes: Buffer,
    private readonly caches: DecodeCaches | undefined,
  ) {}

  /** A varint of at most 32 bits (tags, lengths, uint32 fields), ending before `end`. */
  uint32(end: number): number {
    const bytes = this.bytes;
    let pos = this.pos;
    if (pos < end) {
      const first = bytes[pos]!;
      if (first < 0x80) {
        this.pos = pos + 1;
        return first;
      }
    }
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (pos >= end) throw new NotHandled();
      const byte = bytes[pos++]!;
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) {
        if (result > 0xffffffff) throw new NotHandled();
        this.pos = pos;
        return result;
      }
    }
    throw new NotHandled();
  }

  uint64(end: number): bigint {
    const bytes = this.bytes;
    let low = 0;
    let scale = 1;
    let pos = this.pos;
    for (let i = 0; i < 7; i++) {
      if (pos >= end) throw new NotHandled();
      const byte = bytes[pos++]!;
      low += (byte & 0x7f) * scale;
      scale *= 0x80;
      if (byte < 0x80) {
        this.pos = pos;
        const caches = this.caches;
        return caches === undefined ? BigInt(low) : caches.bigInt(low);
      }
    }
    this.pos = pos;
    // Above 2^49: rare (org ids are small); the last bytes are read as bigints.
    let result = BigInt(low);
    for (let shift = 49n; shift < 70n; shift += 7n) {
      if (this.pos >= end) throw new NotHandled();
      const byte = bytes[this.pos++]!;
      result += BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return BigInt.asUintN(64, result);
    }
    throw new NotHandled();
  }

  double(end: number): number {
    const pos = this.pos;
    if (pos + 8 > end) throw new NotHandled();
    const bytes = this.bytes;
    for (let i = 0; i < 8; i++) doubleBytes[i] = bytes[pos + i]!;
    this.pos = pos + 8;
    return doubleScratch[0]!;
  }

  /** The end of a length-delimited field starting here. */
  delimitedEnd(end: number): number {
    const length = this.uint32(end);
    const fieldEnd = this.pos + length;
    if (fieldEnd > end) throw new NotHandled();
    return fieldEnd;
  }

  /** A string; `expected` is a likely value (the same tag key of the previous bucket), returned if it matches. */
  string(end: number, expected?: string): string {
    const stringEnd = this.delimitedEnd(end);
    const bytes = this.bytes;
    const start = this.pos;
    this.pos = stringEnd;
    if (expected !== undefined && expected.length === stringEnd - start) {
      let same = true;
      for (let i = 0; i < expected.length; i++) {
        // Bytes above 0x7f are never a match: only ASCII is compared this way.
        const byte = bytes[start + i]!;
        if (byte >= 0x80 || expected.charCodeAt(i) !== byte) {
          same = false;
          break;
        }
      }
      if (same) return expected;
    }
    const caches = this.caches;
    if (caches !== undefined && stringEnd - start <= INTERNED_MAX_BYTES) {
      const interned = caches.internedAscii(bytes, start, stringEnd);
      if (interned !== undefined) return interned;
    }
    // Buffer's decoder builds a flat string (strings built by concatenation are ropes that every Map lookup
    // flattens again) but replaces bad bytes with U+FFFD instead of failing: strings containing it are decoded
    // again strictly, so invalid UTF-8 still goes to protobuf-es (which rejects it).
    const text = (bytes as unknown as Utf8Slicing).utf8Slice(start, stringEnd);
    return text.includes('\uFFFD') ? decodeUtf8(bytes, start, stringEnd) : text;
  }
}

function decodeUtf8(bytes: Buffer, start: number, end: number): string {
  try {
    return strictUtf8.decode(bytes.subarray(start, end));
  } catch {
    throw new NotHandled();
  }
}
