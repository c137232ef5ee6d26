import { toBinary, type Message } from '@bufbuild/protobuf';
import { commonBuckets, indexer as indexerProto } from '@mindex/proto';
import type { GrpcMethodCodec } from '@mindex/rpc-server';

/**
 * A hand-written protobuf codec for IndexBatch: protobuf-es' reflective codec cost more than the rest of a warm
 * batch's indexing (its response is a large tree of maps). It produces the same messages and bytes. The decoder
 * handles only what it knows (the documented fields, valid UTF-8, the wire types protobuf-es writes) and returns
 * undefined otherwise, so protobuf-es decodes (and rejects) the rest; the encoder falls back to `toBinary` for
 * what it does not write (unknown fields, values of the wrong type).
 */
export function createIndexBatchGrpcCodec(): GrpcMethodCodec {
  return { decodeRequest: decodeIndexBatchRequest, encodeResponse: encodeIndexBatchResponse };
}

const INDEX_BATCH_REQUEST = indexerProto.IndexBatchRequestSchema.typeName;
const METRIC_BUCKET = commonBuckets.MetricBucketSchema.typeName;
const METRIC_VALUE = commonBuckets.MetricValueSchema.typeName;
const SET_VALUE = commonBuckets.SetValueSchema.typeName;
const DISTRIBUTION_VALUE = commonBuckets.DistributionValueSchema.typeName;
const GAUGE_VALUE = commonBuckets.GaugeValueSchema.typeName;
const ENCODED_VALUE = commonBuckets.EncodedValueSchema.typeName;

const MAX_UINT64 = (1n << 64n) - 1n;
const TWO_POW_32 = 2 ** 32;

// Wire types.
const VARINT = 0;
const FIXED64 = 1;
const DELIMITED = 2;

// ---- encoding: one pass, fields in field-number order as protobuf-es writes them; nested lengths are written
// after their content (into room reserved before it, moved when the length needs more or fewer bytes).

/** Thrown for what the fast path does not encode; the caller falls back to protobuf-es. */
class Unsupported extends Error {}

/** An IndexBatchResponse, as `toBinary(IndexBatchResponseSchema, message)` writes it. */
export function encodeIndexBatchResponse(input: Message): Uint8Array {
  const message = input as indexerProto.IndexBatchResponse;
  try {
    if (message.$unknown !== undefined) throw new Unsupported();
    const outcomes = message.outcomes;
    const out = new Writer(64 + outcomes.length * 640);
    for (let i = 0; i < outcomes.length; i++) {
      out.tag(1, DELIMITED);
      const start = out.reserve(2);
      writeBucketOutcome(out, outcomes[i]!);
      out.backfillLength(start, 2);
    }
    return out.finish();
  } catch (error) {
    if (error instanceof Unsupported) return toBinary(indexerProto.IndexBatchResponseSchema, message);
    throw error;
  }
}

function writeBucketOutcome(out: Writer, outcome: indexerProto.BucketOutcome): void {
  if (outcome.$unknown !== undefined) throw new Unsupported();
  const kind = outcome.outcome;
  switch (kind.case) {
    case undefined:
      return;
    case 'indexed': {
      const indexed = kind.value;
      if (indexed.$unknown !== undefined) throw new Unsupported();
      out.tag(1, DELIMITED);
      const start = out.reserve(2);
      if (indexed.bucket !== undefined) {
        out.tag(1, DELIMITED);
        const bucketStart = out.reserve(2);
        writeIndexedBucket(out, indexed.bucket);
        out.backfillLength(bucketStart, 2);
      }
      const removed = indexed.removedTags;
      for (let i = 0; i < removed.length; i++) out.stringField(2, removed[i]!, true);
      out.backfillLength(start, 2);
      return;
    }
    case 'invalid': {
      const invalid = kind.value;
      if (invalid.$unknown !== undefined) throw new Unsupported();
      out.tag(2, DELIMITED);
      const start = out.reserve(1);
      out.stringField(1, invalid.reason, false);
      out.stringField(2, invalid.message, false);
      out.backfillLength(start, 1);
      return;
    }
    case 'filtered': {
      const filtered = kind.value;
      if (filtered.$unknown !== undefined) throw new Unsupported();
      out.tag(3, DELIMITED);
      const start = out.reserve(1);
      out.stringField(1, filtered.reason, false);
      out.backfillLength(start, 1);
      return;
    }
    case 'dropped': {
      const dropped = kind.value;
      if (dropped.$unknown !== undefined) throw new Unsupported();
      out.tag(4, DELIMITED);
      const start = out.reserve(1);
      out.stringField(1, dropped.reason, false);
      out.stringField(2, dropped.stringType, false);
      out.boolField(3, dropped.globalQuota);
      out.backfillLength(start, 1);
      return;
    }
    default:
      throw new Unsupported();
  }
}

function writeIndexedBucket(out: Writer, bucket: commonBuckets.IndexedBucket): void {
  if (bucket.$unknown !== undefined) throw new Unsupported();
  out.uint64Field(1, bucket.orgId);
  out.uint64Field(2, bucket.projectId);
  out.stringField(3, bucket.useCaseId, false);
  out.uint64Field(4, bucket.metricId);
  out.stringField(5, bucket.type, false);
  out.uint64Field(6, bucket.timestamp);

  const indexedTags = bucket.indexedTags;
  const indexedKeys = Object.keys(indexedTags);
  for (let i = 0; i < indexedKeys.length; i++) {
    const key = indexedKeys[i]!;
    out.uint64Entry((7 << 3) | DELIMITED, key, indexedTags[key]!);
  }

  const rawTags = bucket.rawTags;
  const rawKeys = Object.keys(rawTags);
  for (let i = 0; i < rawKeys.length; i++) {
    const key = rawKeys[i]!;
    out.stringEntry((8 << 3) | DELIMITED, key, rawTags[key]!);
  }

  if (bucket.value !== undefined) writeMetricValueField(out, 9, bucket.value);
  out.uint32Field(10, bucket.retentionDays);

  const meta = bucket.mappingMeta;
  const fetchTypes = Object.keys(meta);
  for (let i = 0; i < fetchTypes.length; i++) {
    const fetchType = fetchTypes[i]!;
    const entries = meta[fetchType]!;
    if (entries.$unknown !== undefined) throw new Unsupported();
    out.tag(11, DELIMITED);
    const start = out.reserve(2);
    out.stringField(1, fetchType, true);
    out.tag(2, DELIMITED);
    const valueStart = out.reserve(2);
    const strings = entries.strings;
    const ids = Object.keys(strings);
    for (let j = 0; j < ids.length; j++) {
      const id = ids[j]!;
      out.stringEntry((1 << 3) | DELIMITED, id, strings[id]!);
    }
    out.backfillLength(valueStart, 2);
    out.backfillLength(start, 2);
  }

  out.stringField(12, bucket.mappingSources, false);
  out.uint32Field(13, bucket.version);
  if (bucket.aggregationOption !== undefined) out.stringField(14, bucket.aggregationOption, true);
  out.doubleField(15, bucket.sentryReceivedTimestamp, false);
  if (bucket.samplingWeight !== undefined) out.doubleField(16, bucket.samplingWeight, true);
  if (bucket.receivedAt !== undefined) {
    if (typeof bucket.receivedAt !== 'bigint') throw new Unsupported();
    out.tag(17, VARINT);
    out.uint64(bucket.receivedAt);
  }
}

function writeMetricValueField(out: Writer, field: number, value: commonBuckets.MetricValue): void {
  if (value.$unknown !== undefined) throw new Unsupported();
  out.tag(field, DELIMITED);
  const start = out.reserve(1);
  const kind = value.kind;
  switch (kind.case) {
    case undefined:
      break;
    case 'counter':
      out.doubleField(1, kind.value, true);
      break;
    case 'set': {
      const set = kind.value;
      if (set.$unknown !== undefined) throw new Unsupported();
      out.tag(2, DELIMITED);
      const setStart = out.reserve(1);
      const values = set.values;
      if (values.length > 0) {
        out.tag(1, DELIMITED);
        const packedStart = out.reserve(1);
        for (let i = 0; i < values.length; i++) out.uint32(values[i]!);
        out.backfillLength(packedStart, 1);
      }
      out.backfillLength(setStart, 1);
      break;
    }
    case 'distribution': {
      const distribution = kind.value;
      if (distribution.$unknown !== undefined) throw new Unsupported();
      out.tag(3, DELIMITED);
      const distributionStart = out.reserve(1);
      const values = distribution.values;
      if (values.length > 0) {
        out.tag(1, DELIMITED);
        const packedStart = out.reserve(1);
        for (let i = 0; i < values.length; i++) out.double(values[i]!);
        out.backfillLength(packedStart, 1);
      }
      out.backfillLength(distributionStart, 1);
      break;
    }
    case 'gauge': {
      const gauge = kind.value;
      if (gauge.$unknown !== undefined) throw new Unsupported();
      out.tag(4, DELIMITED);
      const gaugeStart = out.reserve(1);
      out.doubleField(1, gauge.min, false);
      out.doubleField(2, gauge.max, false);
      out.doubleField(3, gauge.sum, false);
      out.uint64Field(4, gauge.count);
      out.doubleField(5, gauge.last, false);
      out.backfillLength(gaugeStart, 1);
      break;
    }
    case 'encoded': {
      const encoded = kind.value;
      if (encoded.$unknown !== undefined) throw new Unsupported();
      out.tag(5, DELIMITED);
      const encodedStart = out.reserve(1);
      out.stringField(1, encoded.format, false);
      out.stringField(2, encoded.data, false);
      out.backfillLength(encodedStart, 1);
      break;
    }
    default:
      throw new Unsupported();
  }
  out.backfillLength(start, 1);
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

const doubleScratch = new Float64Array(1);
const doubleBytes = new Uint8Array(doubleScratch.buffer);

/** A growing output buffer; every write makes its own room. */
class Writer {
  private buffer: Buffer;
  private pos = 0;

  constructor(size: number) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  /** Makes room for `bytes` more bytes. */
  private ensure(bytes: number): void {
    if (this.pos + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.pos + bytes));
    this.buffer.copy(grown, 0, 0, this.pos);
    this.buffer = grown;
  }

  /** Skips `room` bytes for a length prefix; returns where they start. */
  reserve(room: number): number {
    this.ensure(room);
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

  tag(field: number, wireType: number): void {
    this.varint((field << 3) | wireType);
  }

  /** A varint of at most 32 bits. */
  varint(value: number): void {
    this.ensure(5);
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
    // Number() rounds monotonically, so a result in [0, 2^32) means the bigint is in that range too.
    const small = typeof value === 'bigint' ? Number(value) : Number.NaN;
    if (small >= 0 && small < TWO_POW_32) {
      this.varint(small);
      return;
    }
    if (typeof value !== 'bigint' || value < 0n || value > MAX_UINT64) throw new Unsupported();
    this.ensure(10);
    let low = Number(value & 0xffffffffn);
    let high = Number(value >> 32n);
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
    this.ensure(8);
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
    this.tag(field, DELIMITED);
    this.string(value);
  }

  uint64Field(field: number, value: bigint): void {
    if (typeof value !== 'bigint') throw new Unsupported();
    if (value === 0n) return;
    this.tag(field, VARINT);
    this.uint64(value);
  }

  uint32Field(field: number, value: number): void {
    if (value === 0) return;
    this.tag(field, VARINT);
    this.uint32(value);
  }

  /** A double field; proto3 omits 0 (but not -0) unless the field has explicit presence. */
  doubleField(field: number, value: number, always: boolean): void {
    if (typeof value !== 'number') throw new Unsupported();
    if (!always && Object.is(value, 0)) return;
    this.tag(field, FIXED64);
    this.double(value);
  }

  boolField(field: number, value: boolean): void {
    if (typeof value !== 'boolean') throw new Unsupported();
    if (!value) return;
    this.tag(field, VARINT);
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
      let pos = start + 4;
      let ascii = true;
      for (let i = 0; i < keyLength; i++) {
        const code = key.charCodeAt(i);
        if (code >= 0x80) {
          ascii = false;
          break;
        }
        buffer[pos++] = code;
      }
      if (ascii) {
        buffer[pos++] = (2 << 3) | DELIMITED;
        buffer[pos++] = valueLength;
        for (let i = 0; i < valueLength; i++) {
          const code = value.charCodeAt(i);
          if (code >= 0x80) {
            ascii = false;
            break;
          }
          buffer[pos++] = code;
        }
      }
      if (ascii) {
        this.pos = pos;
        return;
      }
    }
    this.varint(tag);
    const start = this.reserve(1);
    this.stringField(1, key, true);
    this.stringField(2, value, true);
    this.backfillLength(start, 1);
  }

  /** A map<string, uint64> entry as field `tag` (a one-byte tag): key and value are always written. */
  uint64Entry(tag: number, key: string, value: bigint): void {
    if (typeof key !== 'string') throw new Unsupported();
    this.varint(tag);
    const start = this.reserve(1);
    this.stringField(1, key, true);
    this.varint((2 << 3) | VARINT);
    this.uint64(value);
    this.backfillLength(start, 1);
  }

  /** A length-prefixed UTF-8 string. */
  string(value: string): void {
    const length = value.length;
    this.ensure(5 + length * 3);
    const buffer = this.buffer;
    // Short ASCII strings (nearly all of them) are copied byte by byte: cheaper than a call into C++.
    if (length < 128) {
      const start = this.pos;
      buffer[start] = length;
      let pos = start + 1;
      let ascii = true;
      for (let i = 0; i < length; i++) {
        const code = value.charCodeAt(i);
        if (code >= 0x80) {
          ascii = false;
          break;
        }
        buffer[pos++] = code;
      }
      if (ascii) {
        this.pos = pos;
        return;
      }
    }
    const bytes = utf8Length(value);
    this.varint(bytes);
    this.pos += buffer.write(value, this.pos, bytes, 'utf8');
  }

  finish(): Buffer {
    return this.buffer.subarray(0, this.pos);
  }
}

// ---- decoding

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Thrown while decoding for anything outside the fast path (unknown fields, odd wire types, bad bytes). */
class NotHandled extends Error {}

/** Buffer's own decoding entry point: `toString('utf8', ...)` checks its arguments first. */
interface Utf8Slicing {
  utf8Slice(start: number, end: number): string;
}

class Reader {
  pos = 0;

  constructor(readonly bytes: Buffer) {}

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
        return smallBigInt(low);
      }
    }
    this.pos = pos;
    // Above 2^49: rare; the last bytes are read as bigints.
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
    if (stringEnd - start <= INTERNED_MAX_BYTES) {
      const interned = internedAscii(bytes, start, stringEnd);
      if (interned !== undefined) return interned;
    }
    // Buffer's decoder replaces bad bytes with U+FFFD instead of failing: strings containing it are decoded
    // again strictly, so invalid UTF-8 still goes to protobuf-es (which rejects it).
    const text = (bytes as unknown as Utf8Slicing).utf8Slice(start, stringEnd);
    return text.includes('\uFFFD') ? decodeUtf8(bytes, start, stringEnd) : text;
  }
}

/**
 * Recently decoded short ASCII strings, by a hash of their bytes (a slot holds the last one seen). A batch's
 * metric names, tag keys and many tag values repeat within and across requests: returning the same string
 * saves decoding it, and it is an internalized string, so the tag maps keyed by it and the lookups later
 * by it (Map and object keys) need not hash and internalize a fresh copy each time.
 */
const INTERNED_SLOTS = 8192;
const INTERNED_MAX_BYTES = 64;
const internedStrings: (string | undefined)[] = new Array<string | undefined>(INTERNED_SLOTS).fill(undefined);

/** The string of ASCII `bytes[start, end)`, from the interned strings or decoded and added; undefined if not ASCII. */
function internedAscii(bytes: Buffer, start: number, end: number): string | undefined {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    const byte = bytes[i]!;
    if (byte >= 0x80) return undefined;
    hash = Math.imul(hash ^ byte, 0x01000193);
  }
  const slot = (hash ^ (hash >>> 15)) & (INTERNED_SLOTS - 1);
  const cached = internedStrings[slot];
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
  internedStrings[slot] = internalized;
  return internalized;
}

interface Latin1Slicing {
  latin1Slice(start: number, end: number): string;
}

/** BigInts of recently read uint64 values below 2^49 (org and project ids, timestamps repeat), by value. */
const BIGINT_SLOTS = 1024;
const bigIntValues = new Float64Array(BIGINT_SLOTS).fill(-1);
const bigInts: bigint[] = new Array<bigint>(BIGINT_SLOTS).fill(0n);

function smallBigInt(value: number): bigint {
  const slot = (value ^ (value / 0x100000000)) & (BIGINT_SLOTS - 1);
  if (bigIntValues[slot] === value) return bigInts[slot]!;
  const big = BigInt(value);
  bigIntValues[slot] = value;
  bigInts[slot] = big;
  return big;
}

function decodeUtf8(bytes: Buffer, start: number, end: number): string {
  try {
    return strictUtf8.decode(bytes.subarray(start, end));
  } catch {
    throw new NotHandled();
  }
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** An IndexBatchRequest as `fromBinary` decodes it; undefined when protobuf-es must decode it. */
export function decodeIndexBatchRequest(bytes: Uint8Array): Message | undefined {
  try {
    const reader = new Reader(asBuffer(bytes));
    const end = bytes.length;
    const buckets: commonBuckets.MetricBucket[] = [];
    while (reader.pos < end) {
      if (reader.uint32(end) !== ((1 << 3) | DELIMITED)) throw new NotHandled();
      buckets.push(readMetricBucket(reader, reader.delimitedEnd(end)));
    }
    return { $typeName: INDEX_BATCH_REQUEST, buckets } as indexerProto.IndexBatchRequest;
  } catch (error) {
    if (error instanceof NotHandled) return undefined;
    throw error;
  }
}

function readMetricBucket(reader: Reader, end: number): commonBuckets.MetricBucket {
  let namespace = '';
  let orgId = 0n;
  let projectId = 0n;
  let name = '';
  let type = '';
  let timestamp = 0n;
  const tags: Record<string, string> = {};
  let value: commonBuckets.MetricValue | undefined;
  let retentionDays: number | undefined;
  let receivedAt: bigint | undefined;
  let samplingWeight: number | undefined;
  let tagCount = 0;
  while (reader.pos < end) {
    switch (reader.uint32(end)) {
      case (1 << 3) | DELIMITED:
        namespace = reader.string(end);
        break;
      case (2 << 3) | VARINT:
        orgId = reader.uint64(end);
        break;
      case (3 << 3) | VARINT:
        projectId = reader.uint64(end);
        break;
      case (4 << 3) | DELIMITED:
        name = reader.string(end);
        break;
      case (5 << 3) | DELIMITED:
        type = reader.string(end);
        break;
      case (6 << 3) | VARINT:
        timestamp = reader.uint64(end);
        break;
      case (7 << 3) | DELIMITED:
        readStringMapEntry(reader, reader.delimitedEnd(end), tags, tagCount++);
        break;
      case (8 << 3) | DELIMITED:
        // A repeated message field merges into the first: left to protobuf-es.
        if (value !== undefined) throw new NotHandled();
        value = readMetricValue(reader, reader.delimitedEnd(end));
        break;
      case (9 << 3) | VARINT:
        retentionDays = reader.uint32(end);
        break;
      case (10 << 3) | VARINT:
        receivedAt = reader.uint64(end);
        break;
      case (11 << 3) | FIXED64:
        samplingWeight = reader.double(end);
        break;
      default:
        throw new NotHandled();
    }
  }
  const bucket: commonBuckets.MetricBucket = {
    $typeName: METRIC_BUCKET,
    namespace,
    orgId,
    projectId,
    name,
    type,
    timestamp,
    tags,
  };
  if (value !== undefined) bucket.value = value;
  if (retentionDays !== undefined) bucket.retentionDays = retentionDays;
  if (receivedAt !== undefined) bucket.receivedAt = receivedAt;
  if (samplingWeight !== undefined) bucket.samplingWeight = samplingWeight;
  return bucket;
}

/**
 * Tag keys of the last bucket read, by position: buckets of a batch mostly carry the same keys in the same
 * order, so a key is first compared with the one before it (no hashing). Only ever holds decoded strings.
 */
const lastTagKeys: string[] = [];
const MAX_REMEMBERED_TAG_KEYS = 64;

/** A map<string, string> entry: missing key or value is ""; a later entry with the same key wins. */
function readStringMapEntry(
  reader: Reader,
  end: number,
  map: Record<string, string>,
  position: number,
): void {
  let key = '';
  let value = '';
  while (reader.pos < end) {
    switch (reader.uint32(end)) {
      case (1 << 3) | DELIMITED:
        key = reader.string(end, position < MAX_REMEMBERED_TAG_KEYS ? lastTagKeys[position] : undefined);
        break;
      case (2 << 3) | DELIMITED:
        value = reader.string(end);
        break;
      default:
        throw new NotHandled();
    }
  }
  // protobuf-es defines "__proto__" as an own property; plain assignment would not.
  if (key === '__proto__') throw new NotHandled();
  if (position < MAX_REMEMBERED_TAG_KEYS) lastTagKeys[position] = key;
  map[key] = value;
}

function readMetricValue(reader: Reader, end: number): commonBuckets.MetricValue {
  let kind: commonBuckets.MetricValue['kind'] = { case: undefined };
  let seen = false;
  while (reader.pos < end) {
    // A second kind replaces or merges into the first: left to protobuf-es.
    if (seen) throw new NotHandled();
    seen = true;
    switch (reader.uint32(end)) {
      case (1 << 3) | FIXED64:
        kind = { case: 'counter', value: reader.double(end) };
        break;
      case (2 << 3) | DELIMITED:
        kind = { case: 'set', value: readSetValue(reader, reader.delimitedEnd(end)) };
        break;
      case (3 << 3) | DELIMITED:
        kind = { case: 'distribution', value: readDistributionValue(reader, reader.delimitedEnd(end)) };
        break;
      case (4 << 3) | DELIMITED:
        kind = { case: 'gauge', value: readGaugeValue(reader, reader.delimitedEnd(end)) };
        break;
      case (5 << 3) | DELIMITED:
        kind = { case: 'encoded', value: readEncodedValue(reader, reader.delimitedEnd(end)) };
        break;
      default:
        throw new NotHandled();
    }
  }
  return { $typeName: METRIC_VALUE, kind };
}

function readSetValue(reader: Reader, end: number): commonBuckets.SetValue {
  const values: number[] = [];
  while (reader.pos < end) {
    switch (reader.uint32(end)) {
      case (1 << 3) | DELIMITED: {
        const packedEnd = reader.delimitedEnd(end);
        while (reader.pos < packedEnd) values.push(reader.uint32(packedEnd));
        break;
      }
      case (1 << 3) | VARINT:
        values.push(reader.uint32(end));
        break;
      default:
        throw new NotHandled();
    }
  }
  return { $typeName: SET_VALUE, values };
}

function readDistributionValue(reader: Reader, end: number): commonBuckets.DistributionValue {
  const values: number[] = [];
  while (reader.pos < end) {
    switch (reader.uint32(end)) {
      case (1 << 3) | DELIMITED: {
        const packedEnd = reader.delimitedEnd(end);
        if ((packedEnd - reader.pos) % 8 !== 0) throw new NotHandled();
        while (reader.pos < packedEnd) values.push(reader.double(packedEnd));
        break;
      }
      case (1 << 3) | FIXED64:
        values.push(reader.double(end));
        break;
      default:
        throw new NotHandled();
    }
  }
  return { $typeName: DISTRIBUTION_VALUE, values };
}

function readGaugeValue(reader: Reader, end: number): commonBuckets.GaugeValue {
  let min = 0;
  let max = 0;
  let sum = 0;
  let count = 0n;
  let last = 0;
  while (reader.pos < end) {
    switch (reader.uint32(end)) {
      case (1 << 3) | FIXED64:
        min = reader.double(end);
        break;
      case (2 << 3) | FIXED64:
        max = reader.double(end);
        break;
      case (3 << 3) | FIXED64:
        sum = reader.double(end);
        break;
      case (4 << 3) | VARINT:
        count = reader.uint64(end);
        break;
      case (5 << 3) | FIXED64:
        last = reader.double(end);
        break;
      default:
        throw new NotHandled();
    }
  }
  return { $typeName: GAUGE_VALUE, min, max, sum, count, last };
}

function readEncodedValue(reader: Reader, end: number): commonBuckets.EncodedValue {
  let format = '';
  let data = '';
  while (reader.pos < end) {
    switch (reader.uint32(end)) {
      case (1 << 3) | DELIMITED:
        format = reader.string(end);
        break;
      case (2 << 3) | DELIMITED:
        data = reader.string(end);
        break;
      default:
        throw new NotHandled();
    }
  }
  return { $typeName: ENCODED_VALUE, format, data };
}
