import { toBinary, type DescMessage, type Message } from '@bufbuild/protobuf';
import { commonStrings, indexer as indexerProto } from '@mindex/proto';
import type { GrpcCodecs } from '@mindex/rpc-server';
import { readAsciiGroups } from './ascii-groups-request.js';
import { EncodedGroupResults } from './encoded-group-results.js';
import { asBuffer, NotHandled, ProtobufReader } from './wire/protobuf-reader.js';
import { ProtobufWriter, Unsupported } from './wire/protobuf-writer.js';

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
      encodeResponse: (message) => writeGroupResults(message, indexerProto.BulkRecordResponseSchema),
    },
    bulkResolve: {
      decodeRequest: (bytes) => decodeGroupsRequest(bytes, BULK_RESOLVE_REQUEST),
      encodeResponse: (message) => writeGroupResults(message, indexerProto.BulkResolveResponseSchema),
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

/** Responses answered from memory are already encoded. */
function writeGroupResults(message: Message, schema: DescMessage): Uint8Array {
  return message instanceof EncodedGroupResults ? message.bytes : encodeGroupResults(message, schema);
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

// ---- encoding: one pass (field order as protobuf-es writes); nested lengths are written after their content.

/** Room for a length prefix written after the content; moved when the actual prefix is shorter or longer. */
export const GROUP_LENGTH_ROOM = 3;
/** Room a StringResult needs besides its string's UTF-8: string tag and length, id, fetch type, quota. */
export const RESULT_ROOM = 1 + 5 + 1 + 10 + 1 + 5 + 2;

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
    const out = new ProtobufWriter(estimate);
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
    const out = new ProtobufWriter(2 + RESULT_ROOM + result.string.length);
    writeResultField(out, 1, result);
    return out.finish();
  } catch (error) {
    if (error instanceof Unsupported) return toBinary(schema, input);
    throw error;
  }
}

function writeOrgResults(out: ProtobufWriter, group: commonStrings.OrgStringResults): void {
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
function writeResultField(out: ProtobufWriter, field: number, result: commonStrings.StringResult): void {
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

// ---- decoding

/** A BulkRecordRequest or BulkResolveRequest (same fields); undefined when protobuf-es must decode it. */
export function decodeGroupsRequest(bytes: Uint8Array, typeName: string): Message | undefined {
  try {
    const ascii = readAsciiGroups(new ProtobufReader(asBuffer(bytes), undefined), typeName);
    if (ascii !== undefined) return ascii as unknown as Message;
    const reader = new ProtobufReader(asBuffer(bytes), undefined);
    const end = bytes.length;
    const groups: commonStrings.OrgStrings[] = [];
    while (reader.pos < end) {
      if (reader.uint32(end) !== ((1 << 3) | 2)) throw new NotHandled();
      groups.push(readOrgStrings(reader, reader.delimitedEnd(end)));
    }
    return { $typeName: typeName, groups } as Message;
  } catch (error) {
    if (error instanceof NotHandled) return undefined;
    throw error;
  }
}

function readOrgStrings(reader: ProtobufReader, end: number): commonStrings.OrgStrings {
  let useCase = '';
  let orgId = 0n;
  const strings: string[] = [];
  while (reader.pos < end) {
    switch (reader.uint32(end)) {
      case (1 << 3) | 2:
        useCase = reader.string(end);
        break;
      case (2 << 3) | 0:
        orgId = reader.uint64(end);
        break;
      case (3 << 3) | 2:
        strings.push(reader.string(end));
        break;
      default:
        throw new NotHandled();
    }
  }
  return { $typeName: ORG_STRINGS as 'mindex.common.v1.OrgStrings', useCase, orgId, strings };
}

/** A RecordRequest or ResolveRequest (same fields); undefined when protobuf-es must decode it. */
export function decodeKeyRequest(bytes: Uint8Array, typeName: string): Message | undefined {
  try {
    const reader = new ProtobufReader(asBuffer(bytes), undefined);
    const end = bytes.length;
    let useCase = '';
    let orgId = 0n;
    let string = '';
    while (reader.pos < end) {
      switch (reader.uint32(end)) {
        case (1 << 3) | 2:
          useCase = reader.string(end);
          break;
        case (2 << 3) | 0:
          orgId = reader.uint64(end);
          break;
        case (3 << 3) | 2:
          string = reader.string(end);
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
