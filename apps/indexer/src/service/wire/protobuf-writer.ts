// Wire types.
const VARINT = 0;
const FIXED64 = 1;
const DELIMITED = 2;

const MAX_UINT64 = (1n << 64n) - 1n;
const TWO_POW_32 = 2 ** 32;

/** Thrown for what the fast path does not encode; the caller falls back to protobuf-es. */
export class Unsupported extends Error {}

// Scratch for a double's bytes: written and read back within one call, so no state outlives it.
const doubleScratch = new Float64Array(1);
const doubleBytes = new Uint8Array(doubleScratch.buffer);

/**
 * A growing protobuf output buffer for the hand-written encoders. Nested lengths are written after their
 * content, into room reserved before it (moved when the length needs more or fewer bytes). The `...Field`,
 * `...Entry` and `beginDelimited` writes make their own room; the plain ones (`tag`, `varint`, `string`, ...)
 * write into room the caller ensured, so a message's fixed-size parts need one bounds check, not one per write.
 */
export class ProtobufWriter {
  private buffer: Buffer;
  /** The buffer for writing four bytes at a time; made on first use. */
  private view: DataView | undefined;
  private pos = 0;

  constructor(size: number) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  /** Makes room for `bytes` more bytes. */
  ensure(bytes: number): void {
    if (this.pos + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.pos + bytes));
    this.buffer.copy(grown, 0, 0, this.pos);
    this.buffer = grown;
    this.view = undefined;
  }

  /** Skips `room` bytes for a length prefix; returns where they start. */
  reserve(room: number): number {
    const start = this.pos;
    this.pos += room;
    return start;
  }

  /** Writes the length of what follows the room at `start`, moving that content if the prefix is not `room` long. */
  backfillLength(start: number, room: number): void {
    const contentStart = start + room;
    const length = this.pos - contentStart;
    if (length < 0x80 && room === 1) {
      this.buffer[start] = length;
      return;
    }
    if (room === 2 && length >= 0x80 && length < 0x4000) {
      this.buffer[start] = (length & 0x7f) | 0x80;
      this.buffer[start + 1] = length >>> 7;
      return;
    }
    const size = varintSize(length);
    if (size !== room) {
      if (size > room) this.ensure(size - room);
      const buffer = this.buffer;
      if (size < room && length < 64) {
        // Short content moved back: cheaper byte by byte than a call into C++.
        const shift = room - size;
        for (let i = contentStart; i < this.pos; i++) buffer[i - shift] = buffer[i]!;
      } else {
        buffer.copyWithin(start + size, contentStart, this.pos);
      }
      this.pos += size - room;
    }
    const end = this.pos;
    this.pos = start;
    this.varint(length);
    this.pos = end;
  }

  /** The tag of a field numbered 1 to 15 (one byte); larger field numbers are written with `varint`. */
  tag(field: number, wireType: number): void {
    this.buffer[this.pos++] = (field << 3) | wireType;
  }

  /** Tag and room for the length of a length-delimited field numbered 1 to 15; returns where the room starts. */
  beginDelimited(field: number, room: number): number {
    this.ensure(1 + room);
    this.tag(field, DELIMITED);
    return this.reserve(room);
  }

  /** A varint of at most 32 bits. */
  varint(value: number): void {
    const buffer = this.buffer;
    while (value >= 0x80) {
      buffer[this.pos++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    buffer[this.pos++] = value;
  }

  uint32(value: number): void {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= TWO_POW_32) {
      throw new Unsupported();
    }
    this.varint(value);
  }

  uint64(value: bigint): void {
    // Number() rounds monotonically, so a result in [0, 2^32) means the bigint is in that range too: one
    // conversion instead of bigint comparisons for the usual small ids.
    const small = typeof value === 'bigint' ? Number(value) : Number.NaN;
    if (small >= 0 && small < TWO_POW_32) {
      this.varint(small);
      return;
    }
    if (typeof value !== 'bigint' || value < 0n || value > MAX_UINT64) throw new Unsupported();
    this.varint64(Number(value & 0xffffffffn), Number(value >> 32n));
  }

  /** A uint64 varint of a non-negative safe integer. */
  uint53(value: number): void {
    if (value < TWO_POW_32) this.varint(value);
    else this.varint64(value % TWO_POW_32, Math.floor(value / TWO_POW_32));
  }

  /** A varint of the uint64 with 32-bit halves `low` and `high`. */
  private varint64(low: number, high: number): void {
    // 7 bits at a time across the two 32-bit halves.
    while (high > 0 || low >= 0x80) {
      this.buffer[this.pos++] = (low & 0x7f) | 0x80;
      low = ((low >>> 7) | ((high & 0x7f) << 25)) >>> 0;
      high >>>= 7;
    }
    this.buffer[this.pos++] = low;
  }

  double(value: number): void {
    if (typeof value !== 'number') throw new Unsupported();
    doubleScratch[0] = value;
    const buffer = this.buffer;
    const pos = this.pos;
    for (let i = 0; i < 8; i++) buffer[pos + i] = doubleBytes[i]!;
    this.pos = pos + 8;
  }

  /** A string field; proto3 omits the empty string unless the field is written anyway (map entries, lists). */
  stringField(field: number, value: string, always: boolean): void {
    if (typeof value !== 'string') throw new Unsupported();
    if (value === '' && !always) return;
    this.ensure(2 + 5 + value.length * 3);
    this.varint((field << 3) | DELIMITED);
    this.string(value);
  }

  uint64Field(field: number, value: bigint): void {
    if (typeof value !== 'bigint') throw new Unsupported();
    if (value === 0n) return;
    this.ensure(2 + 10);
    this.varint((field << 3) | VARINT);
    this.uint64(value);
  }

  uint32Field(field: number, value: number): void {
    if (value === 0) return;
    this.ensure(2 + 5);
    this.varint((field << 3) | VARINT);
    this.uint32(value);
  }

  /** A double field; proto3 omits 0 (but not -0) unless the field has explicit presence. */
  doubleField(field: number, value: number, always: boolean): void {
    if (typeof value !== 'number') throw new Unsupported();
    if (!always && Object.is(value, 0)) return;
    this.ensure(2 + 8);
    this.varint((field << 3) | FIXED64);
    this.double(value);
  }

  boolField(field: number, value: boolean): void {
    if (typeof value !== 'boolean') throw new Unsupported();
    if (!value) return;
    this.ensure(2 + 1);
    this.varint((field << 3) | VARINT);
    this.varint(1);
  }

  /**
   * A map<string, string> entry as field `tag` (a one-byte tag): key and value are always written. Short ASCII
   * entries (nearly all) are written in one pass with their length known up front.
   */
  stringEntry(tag: number, key: string, value: string): void {
    if (typeof key !== 'string' || typeof value !== 'string') throw new Unsupported();
    const keyLength = key.length;
    const valueLength = value.length;
    const contentLength = 4 + keyLength + valueLength;
    if (contentLength < 0x80) {
      this.ensure(2 + contentLength);
      const buffer = this.buffer;
      const start = this.pos;
      buffer[start] = tag;
      buffer[start + 1] = contentLength;
      buffer[start + 2] = (1 << 3) | DELIMITED;
      buffer[start + 3] = keyLength;
      let pos = copyAscii(key, buffer, start + 4);
      if (pos >= 0) {
        buffer[pos++] = (2 << 3) | DELIMITED;
        buffer[pos++] = valueLength;
        pos = copyAscii(value, buffer, pos);
      }
      if (pos >= 0) {
        this.pos = pos;
        return;
      }
    }
    this.ensure(2);
    this.varint(tag);
    const start = this.reserve(1);
    this.stringField(1, key, true);
    this.stringField(2, value, true);
    this.backfillLength(start, 1);
  }

  /** A map<string, uint64> entry as field `tag` (a one-byte tag): key and value are always written. */
  uint64Entry(tag: number, key: string, value: bigint): void {
    if (typeof key !== 'string') throw new Unsupported();
    this.ensure(2);
    this.varint(tag);
    const start = this.reserve(1);
    this.stringField(1, key, true);
    this.ensure(1 + 10);
    this.varint((2 << 3) | VARINT);
    this.uint64(value);
    this.backfillLength(start, 1);
  }

  /** A length-prefixed UTF-8 string; the caller ensured room for 5 + 3 bytes per UTF-16 unit. */
  string(value: string): void {
    const length = value.length;
    const buffer = this.buffer;
    // Short ASCII strings (nearly all of them) are copied byte by byte: cheaper than a call into C++.
    if (length < 128) {
      buffer[this.pos] = length;
      const end = copyAscii(value, buffer, this.pos + 1);
      if (end >= 0) {
        this.pos = end;
        return;
      }
    }
    const bytes = utf8Length(value);
    this.varint(bytes);
    this.pos += buffer.write(value, this.pos, bytes, 'utf8');
  }

  /** Length-prefixed bytes `[start, end)` of `source`; the caller ensured room for 5 bytes more than them. */
  bytes(source: DataView, start: number, end: number): void {
    this.varint(end - start);
    const buffer = this.buffer;
    const view = (this.view ??= new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength));
    let pos = this.pos;
    // Four bytes at a time, then the rest: cheaper than a call into C++ for short strings (nearly all of them).
    let i = start;
    for (; i + 4 <= end; i += 4, pos += 4) view.setUint32(pos, source.getUint32(i, true), true);
    for (; i < end; i++) buffer[pos++] = source.getUint8(i);
    this.pos = pos;
  }

  finish(): Buffer {
    return this.buffer.subarray(0, this.pos);
  }
}

/**
 * Copies `value` to `buffer` at `pos` one byte per character while it is ASCII (for short strings cheaper than a
 * call into C++); the position after it, or -1 at the first non-ASCII character (the caller then encodes UTF-8).
 */
function copyAscii(value: string, buffer: Buffer, pos: number): number {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0x80) return -1;
    buffer[pos++] = code;
  }
  return pos;
}

function varintSize(value: number): number {
  if (value < 0x80) return 1;
  if (value < 0x4000) return 2;
  if (value < 0x200000) return 3;
  if (value < 0x10000000) return 4;
  return 5;
}

/** UTF-8 length as TextEncoder (and Buffer) encode it: lone surrogates become U+FFFD (3 bytes). */
function utf8Length(value: string): number {
  const length = value.length;
  for (let i = 0; i < length; i++) {
    if (value.charCodeAt(i) >= 0x80) return Buffer.byteLength(value, 'utf8');
  }
  return length;
}
