import { toBinary, type DescMessage, type Message } from '@bufbuild/protobuf';
import { commonStrings, indexer as indexerProto } from '@mindex/proto';
import type { GrpcCodecs } from '@mindex/rpc-server';

/**
 * Hand-written protobuf codecs for the string RPCs' hot messages (requests of BulkRecord, BulkResolve, Record and
 * Resolve; their responses). protobuf-es' reflective codec cost more than the warm BulkRecord's cache lookups;
 * these produce the same bytes and messages. Decoders handle only what they know (the documented fields, ASCII
 * and valid UTF-8 strings) and return undefined otherwise, so protobuf-es decodes (and rejects) the rest.
 */
export function createStringsGrpcCodecs(): GrpcCodecs {
  return {
    bulkRecord: {
      decodeRequest: (bytes) => decodeGroupsRequest(bytes, BULK_RECORD_REQUEST),
      encodeResponse: (message) => encodeGroupResults(message, indexerProto.BulkRecordResponseSchema),
    },
    bulkResolve: {
      decodeRequest: (bytes) => decodeGroupsRequest(bytes, BULK_RESOLVE_REQUEST),
      encodeResponse: (message) => encodeGroupResults(message, indexerProto.BulkResolveResponseSchema),
    },
    record: {
      decodeRequest: (bytes) => decodeKeyRequest(bytes, RECORD_REQUEST),
      encodeResponse: (message) => encodeSingleResult(message, indexerProto.RecordResponseSchema),
    },
    resolve: {
      decodeRequest: (bytes) => decodeKeyRequest(bytes, RESOLVE_REQUEST),
      encodeResponse: (message) => encodeSingleResult(message, indexerProto.ResolveResponseSchema),
    },
  };
}

const BULK_RECORD_REQUEST = indexerProto.BulkRecordRequestSchema.typeName;
const BULK_RESOLVE_REQUEST = indexerProto.BulkResolveRequestSchema.typeName;
const RECORD_REQUEST = indexerProto.RecordRequestSchema.typeName;
const RESOLVE_REQUEST = indexerProto.ResolveRequestSchema.typeName;
const ORG_STRINGS = commonStrings.OrgStringsSchema.typeName;

interface GroupResultsMessage {
  groups: readonly commonStrings.OrgStringResults[];
  $unknown?: unknown;
}

interface SingleResultMessage {
  result?: commonStrings.StringResult;
  $unknown?: unknown;
}

const MAX_UINT64 = (1n << 64n) - 1n;
const TWO_POW_32 = 2 ** 32;

// ---- encoding: one pass (field order as protobuf-es writes); nested lengths are written after their content.

/** Thrown for what the fast path does not encode; the caller falls back to protobuf-es. */
class Unsupported extends Error {}

/** Room for a length prefix written after the content; moved when the actual prefix is shorter or longer. */
const GROUP_LENGTH_ROOM = 3;
/** Room a StringResult needs besides its string's UTF-8: string tag and length, id, fetch type, quota. */
const RESULT_ROOM = 1 + 5 + 1 + 10 + 1 + 5 + 2;

/** A BulkRecordResponse or BulkResolveResponse (same fields). */
export function encodeGroupResults(input: Message, schema: DescMessage): Uint8Array {
  const message = input as unknown as GroupResultsMessage;
  try {
    if (message.$unknown !== undefined) throw new Unsupported();
    // A first guess (ASCII strings); `ensure` grows the buffer for longer UTF-8.
    let estimate = 0;
    for (const group of message.groups) {
      estimate += 32 + group.useCase.length * 3;
      for (const result of group.results) estimate += 2 + RESULT_ROOM + result.string.length;
    }
    const out = new Writer(estimate);
    for (const group of message.groups) {
      out.ensure(1 + GROUP_LENGTH_ROOM);
      out.tag(1, 2);
      const start = out.reserve(GROUP_LENGTH_ROOM);
      writeOrgResults(out, group);
      out.backfillLength(start, GROUP_LENGTH_ROOM);
    }
    return out.finish();
  } catch (error) {
    if (error instanceof Unsupported) return toBinary(schema, input);
    throw error;
  }
}

/** A RecordResponse or ResolveResponse (same fields). */
export function encodeSingleResult(input: Message, schema: DescMessage): Uint8Array {
  const message = input as unknown as SingleResultMessage;
  try {
    if (message.$unknown !== undefined) throw new Unsupported();
    const result = message.result;
    if (result === undefined) return new Uint8Array(0);
    const out = new Writer(2 + RESULT_ROOM + result.string.length);
    writeResultField(out, 1, result);
    return out.finish();
  } catch (error) {
    if (error instanceof Unsupported) return toBinary(schema, input);
    throw error;
  }
}

function writeOrgResults(out: Writer, group: commonStrings.OrgStringResults): void {
  if (group.$unknown !== undefined) throw new Unsupported();
  if (group.useCase !== '') {
    out.ensure(1 + 5 + group.useCase.length * 3);
    out.tag(1, 2);
    out.string(group.useCase);
  }
  if (group.orgId !== 0n) {
    out.ensure(11);
    out.tag(2, 0);
    out.uint64(group.orgId);
  }
  for (const result of group.results) writeResultField(out, 3, result);
}

/** A StringResult as field `field`: tag, length, then its fields. */
function writeResultField(out: Writer, field: number, result: commonStrings.StringResult): void {
  if (result.$unknown !== undefined) throw new Unsupported();
  const fetchType = result.fetchType as number;
  if (!Number.isInteger(fetchType) || fetchType < 0 || fetchType > 0x7fffffff) throw new Unsupported();
  // Nearly every result is shorter than 128 bytes: one byte of room for its length.
  out.ensure(2 + RESULT_ROOM + result.string.length * 3);
  out.tag(field, 2);
  const start = out.reserve(1);
  if (result.string !== '') {
    out.tag(1, 2);
    out.string(result.string);
  }
  if (result.id !== undefined) {
    out.tag(2, 0);
    out.uint64(result.id);
  }
  if (fetchType !== 0) {
    out.tag(3, 0);
    out.varint(fetchType);
  }
  if (result.globalQuota) {
    out.tag(4, 0);
    out.varint(1);
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

class Writer {
  private buffer: Buffer;
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
    if (room === 1 && length < 0x80) {
      this.buffer[start] = length;
      return;
    }
    const size = varintSize(length);
    if (size !== room) {
      if (size > room) this.ensure(size - room);
      this.buffer.copyWithin(start + size, contentStart, this.pos);
      this.pos += size - room;
    }
    const end = this.pos;
    this.pos = start;
    this.varint(length);
    this.pos = end;
  }

  tag(field: number, wireType: number): void {
    this.buffer[this.pos++] = (field << 3) | wireType;
  }

  varint(value: number): void {
    const buffer = this.buffer;
    while (value >= 0x80) {
      buffer[this.pos++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    buffer[this.pos++] = value;
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

  /** A length-prefixed UTF-8 string; the caller ensured room for 5 + 3 bytes per UTF-16 unit. */
  string(value: string): void {
    const buffer = this.buffer;
    const length = value.length;
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
      this.pos = start;
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

class Reader {
  pos: number;

  constructor(
    readonly bytes: Buffer,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
  }

  /** A varint of at most 32 bits (tags and lengths). */
  uint32(): number {
    const bytes = this.bytes;
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (this.pos >= this.end) throw new NotHandled();
      const byte = bytes[this.pos++]!;
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) {
        if (result > 0xffffffff) throw new NotHandled();
        return result;
      }
    }
    throw new NotHandled();
  }

  uint64(): bigint {
    const bytes = this.bytes;
    let low = 0;
    for (let shift = 0; shift < 49; shift += 7) {
      if (this.pos >= this.end) throw new NotHandled();
      const byte = bytes[this.pos++]!;
      low += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return BigInt(low);
    }
    // Above 2^49: rare (org ids are small); the last bytes are read as bigints.
    let result = BigInt(low);
    for (let shift = 49n; shift < 70n; shift += 7n) {
      if (this.pos >= this.end) throw new NotHandled();
      const byte = bytes[this.pos++]!;
      result += BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return BigInt.asUintN(64, result);
    }
    throw new NotHandled();
  }

  /** The end of a length-delimited field starting here. */
  delimitedEnd(): number {
    const length = this.uint32();
    const end = this.pos + length;
    if (end > this.end) throw new NotHandled();
    return end;
  }

  string(): string {
    const end = this.delimitedEnd();
    const bytes = this.bytes;
    const start = this.pos;
    this.pos = end;
    // Buffer's decoder builds a flat string (strings built by concatenation are ropes that every Map lookup
    // flattens again) but replaces bad bytes with U+FFFD instead of failing: strings containing it are decoded
    // again strictly, so invalid UTF-8 still goes to protobuf-es (which rejects it).
    const text = (bytes as unknown as Utf8Slicing).utf8Slice(start, end);
    return text.includes('\uFFFD') ? decodeUtf8(bytes, start, end) : text;
  }
}

/** Buffer's own decoding entry point: `toString('utf8', ...)` checks its arguments first. */
interface Utf8Slicing {
  utf8Slice(start: number, end: number): string;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function decodeUtf8(bytes: Buffer, start: number, end: number): string {
  try {
    return strictUtf8.decode(bytes.subarray(start, end));
  } catch {
    throw new NotHandled();
  }
}

/** A BulkRecordRequest or BulkResolveRequest (same fields); undefined when protobuf-es must decode it. */
export function decodeGroupsRequest(bytes: Uint8Array, typeName: string): Message | undefined {
  try {
    const reader = new Reader(asBuffer(bytes), 0, bytes.length);
    const groups: commonStrings.OrgStrings[] = [];
    while (reader.pos < reader.end) {
      if (reader.uint32() !== ((1 << 3) | 2)) throw new NotHandled();
      groups.push(readOrgStrings(reader, reader.delimitedEnd()));
    }
    return { $typeName: typeName, groups } as Message;
  } catch (error) {
    if (error instanceof NotHandled) return undefined;
    throw error;
  }
}

function readOrgStrings(outer: Reader, end: number): commonStrings.OrgStrings {
  const reader = new Reader(outer.bytes, outer.pos, end);
  let useCase = '';
  let orgId = 0n;
  const strings: string[] = [];
  while (reader.pos < end) {
    switch (reader.uint32()) {
      case (1 << 3) | 2:
        useCase = reader.string();
        break;
      case (2 << 3) | 0:
        orgId = reader.uint64();
        break;
      case (3 << 3) | 2:
        strings.push(reader.string());
        break;
      default:
        throw new NotHandled();
    }
  }
  outer.pos = end;
  return { $typeName: ORG_STRINGS as 'mindex.common.v1.OrgStrings', useCase, orgId, strings };
}

/** A RecordRequest or ResolveRequest (same fields); undefined when protobuf-es must decode it. */
export function decodeKeyRequest(bytes: Uint8Array, typeName: string): Message | undefined {
  try {
    const reader = new Reader(asBuffer(bytes), 0, bytes.length);
    let useCase = '';
    let orgId = 0n;
    let string = '';
    while (reader.pos < reader.end) {
      switch (reader.uint32()) {
        case (1 << 3) | 2:
          useCase = reader.string();
          break;
        case (2 << 3) | 0:
          orgId = reader.uint64();
          break;
        case (3 << 3) | 2:
          string = reader.string();
          break;
        default:
          throw new NotHandled();
      }
    }
    return { $typeName: typeName, useCase, orgId, string } as Message;
  } catch (error) {
    if (error instanceof NotHandled) return undefined;
    throw error;
  }
}
