import { commonStrings } from '@mindex/proto';
import { asciiHash } from '../indexer/string-hash.js';
import { NotHandled, type ProtobufReader } from './wire/protobuf-reader.js';

/** One group of an `AsciiGroupsRequest`: its use case and org, and where each string's bytes are. */
export interface AsciiGroup {
  readonly useCase: string;
  readonly orgId: bigint;
  /** Three numbers per string, in order: its start and end offsets in the request's bytes, and its `asciiHash`. */
  readonly spans: readonly number[];
}

const ORG_STRINGS = commonStrings.OrgStringsSchema.typeName as 'mindex.common.v1.OrgStrings';

/**
 * A BulkRecordRequest or BulkResolveRequest (same fields) whose strings are all ASCII, read without decoding
 * them: the warm path finds their ids from the bytes. `groups` decodes the strings on first use, for anything
 * else that reads the message (for ASCII, Latin-1 decoding gives what a UTF-8 decoder gives).
 */
export class AsciiGroupsRequest {
  private decoded: commonStrings.OrgStrings[] | undefined;

  constructor(
    readonly $typeName: string,
    readonly bytes: Buffer,
    /** The same bytes, for reading four at a time. */
    readonly view: DataView,
    readonly asciiGroups: readonly AsciiGroup[],
  ) {}

  get groups(): commonStrings.OrgStrings[] {
    return (this.decoded ??= this.asciiGroups.map(({ useCase, orgId, spans }) => {
      const strings: string[] = [];
      for (let i = 0; i < spans.length; i += 3)
        strings.push(this.bytes.toString('latin1', spans[i], spans[i + 1]));
      return { $typeName: ORG_STRINGS, useCase, orgId, strings };
    }));
  }
}

/**
 * Reads a groups request's structure into an `AsciiGroupsRequest`; undefined when a string is not ASCII (the
 * caller decodes those). Throws `NotHandled` for what protobuf-es must decode.
 */
export function readAsciiGroups(reader: ProtobufReader, typeName: string): AsciiGroupsRequest | undefined {
  const bytes = reader.bytes;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length;
  const groups: AsciiGroup[] = [];
  while (reader.pos < end) {
    if (reader.uint32(end) !== ((1 << 3) | 2)) throw new NotHandled();
    const groupEnd = reader.delimitedEnd(end);
    let useCase = '';
    let orgId = 0n;
    const spans: number[] = [];
    while (reader.pos < groupEnd) {
      switch (reader.uint32(groupEnd)) {
        case (1 << 3) | 2:
          useCase = reader.string(groupEnd);
          break;
        case (2 << 3) | 0:
          orgId = reader.uint64(groupEnd);
          break;
        case (3 << 3) | 2: {
          const stringEnd = reader.delimitedEnd(groupEnd);
          const hash = asciiHash(view, reader.pos, stringEnd);
          if (hash < 0) return undefined;
          spans.push(reader.pos, stringEnd, hash);
          reader.pos = stringEnd;
          break;
        }
        default:
          throw new NotHandled();
      }
    }
    groups.push({ useCase, orgId, spans });
  }
  return new AsciiGroupsRequest(typeName, bytes, view, groups);
}
