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

// ---- encoding: a sizing pass, then writes into one exactly sized buffer (field order as protobuf-es writes).

/** Thrown by the sizing pass for what it does not encode; the caller falls back to protobuf-es. */
class Unsupported extends Error {}

/** A BulkRecordResponse or BulkResolveResponse (same fields). */
export function encodeGroupResults(input: Message, schema: DescMessage): Uint8Array {
  const message = input as unknown as GroupResultsMessage;
  try {
    if (message.$unknown !== undefined) throw new Unsupported();
    const sizes: number[] = [];
    let total = 0;
    for (const group of message.groups) {
      const size = orgResultsSize(group, sizes);
      total += 1 + varintSize(size) + size;
    }
    const out = new Writer(total);
    let next = 0;
    for (const group of message.groups) {
      out.tag(1, 2);
      out.varint(sizes[next++]!);
      next = writeOrgResults(out, group, sizes, next);
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
    const size = stringResultSize(result);
    const out = new Writer(1 + varintSize(size) + size);
    out.tag(1, 2);
    out.varint(size);
    writeStringResult(out, result);
    return out.finish();
  } catch (error) {
    if (error instanceof Unsupported) return toBinary(schema, input);
    throw error;
  }
}

/** Pushes the size of the group's message and of each of its results to `sizes`; returns the group's size. */
function orgResultsSize(group: commonStrings.OrgStringResults, sizes: number[]): number {
  if (group.$unknown !== undefined) throw new Unsupported();
  const at = sizes.length;
  sizes.push(0);
  let size = stringFieldSize(group.useCase) + uint64FieldSize(group.orgId);
  for (const result of group.results) {
    const resultSize = stringResultSize(result);
    sizes.push(resultSize);
    size += 1 + varintSize(resultSize) + resultSize;
  }
  sizes[at] = size;
  return size;
}

function writeOrgResults(
  out: Writer,
  group: commonStrings.OrgStringResults,
  sizes: readonly number[],
  next: number,
): number {
  if (group.useCase !== '') {
    out.tag(1, 2);
    out.string(group.useCase);
  }
  if (group.orgId !== 0n) {
    out.tag(2, 0);
    out.uint64(group.orgId);
  }
  for (const result of group.results) {
    out.tag(3, 2);
    out.varint(sizes[next++]!);
    writeStringResult(out, result);
  }
  return next;
}

function stringResultSize(result: commonStrings.StringResult): number {
  if (result.$unknown !== undefined) throw new Unsupported();
  const fetchType = result.fetchType as number;
  if (!Number.isInteger(fetchType) || fetchType < 0 || fetchType > 0x7fffffff) throw new Unsupported();
  let size = stringFieldSize(result.string);
  if (result.id !== undefined) size += 1 + uint64Size(result.id);
  if (fetchType !== 0) size += 1 + varintSize(fetchType);
  if (result.globalQuota) size += 2;
  return size;
}

function writeStringResult(out: Writer, result: commonStrings.StringResult): void {
  if (result.string !== '') {
    out.tag(1, 2);
    out.string(result.string);
  }
  if (result.id !== undefined) {
    out.tag(2, 0);
    out.uint64(result.id);
  }
  if (result.fetchType !== 0) {
    out.tag(3, 0);
    out.varint(result.fetchType);
  }
  if (result.globalQuota) {
    out.tag(4, 0);
    out.varint(1);
  }
}

function stringFieldSize(value: string): number {
  if (value === '') return 0;
  const bytes = utf8Length(value);
  return 1 + varintSize(bytes) + bytes;
}

function uint64FieldSize(value: bigint): number {
  return value === 0n ? 0 : 1 + uint64Size(value);
}

function uint64Size(value: bigint): number {
  if (typeof value !== 'bigint' || value < 0n || value > MAX_UINT64) throw new Unsupported();
  if (value < TWO_POW_32) return varintSize(Number(value));
  let size = 1;
  for (let v = value >> 7n; v > 0n; v >>= 7n) size++;
  return size;
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
  private readonly buffer: Buffer;
  private pos = 0;

  constructor(size: number) {
    this.buffer = Buffer.allocUnsafe(size);
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
    if (value < TWO_POW_32) {
      this.varint(Number(value));
      return;
    }
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

  string(value: string): void {
    const buffer = this.buffer;
    const length = value.length;
    // Short ASCII strings (nearly all of them) are copied byte by byte: cheaper than a call into C++.
    if (length < 64) {
      const start = this.pos;
      this.varint(length);
      let pos = this.pos;
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
    if (this.pos !== this.buffer.length) throw new Error('strings codec: sizing and writing disagree');
    return this.buffer;
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
    // ASCII (nearly every string) goes through Buffer's decoder, which builds a flat string (strings built by
    // concatenation are ropes that every Map lookup would flatten again); the rest is strictly validated.
    for (let i = start; i < end; i++) {
      if (bytes[i]! >= 0x80) return decodeUtf8(bytes, start, end);
    }
    return bytes.toString('utf8', start, end);
  }
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
