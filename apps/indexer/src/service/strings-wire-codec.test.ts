import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { commonStrings, indexer as indexerProto } from '@mindex/proto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wireText as text, wireUint64 as uint64 } from '../../test/support/wire-arbitraries.js';
import { hashCodeUnits } from '../indexer/string-hash.js';
import { AsciiGroupsRequest } from './ascii-groups-request.js';
import {
  createStringsGrpcCodecs,
  decodeGroupsRequest,
  decodeKeyRequest,
  encodeGroupResults,
  encodeSingleResult,
} from './strings-wire-codec.js';

const stringResult = fc.record({
  string: text,
  id: fc.option(uint64, { nil: undefined }),
  fetchType: fc.integer({ min: 0, max: 5 }),
  globalQuota: fc.boolean(),
});
const groupResults = fc.array(
  fc.record({ useCase: text, orgId: uint64, results: fc.array(stringResult, { maxLength: 6 }) }),
  { maxLength: 4 },
);
const orgStrings = fc.array(
  fc.record({ useCase: text, orgId: uint64, strings: fc.array(text, { maxLength: 6 }) }),
  { maxLength: 4 },
);

interface GroupsMessage {
  $typeName: string;
  groups: commonStrings.OrgStrings[];
}

const isAscii = (group: { strings: string[] }): boolean =>
  group.strings.every((s) => /^\p{ASCII}*$/u.test(s));

describe('strings wire codec', () => {
  it.each([indexerProto.BulkRecordResponseSchema, indexerProto.BulkResolveResponseSchema])(
    'encodes %s exactly as protobuf-es does',
    (schema) => {
      fc.assert(
        fc.property(groupResults, (groups) => {
          const message = create(schema, { groups });
          expect(Buffer.from(encodeGroupResults(message, schema))).toEqual(
            Buffer.from(toBinary(schema, message)),
          );
        }),
        { numRuns: 300 },
      );
    },
  );

  it.each([indexerProto.RecordResponseSchema, indexerProto.ResolveResponseSchema])(
    'encodes %s exactly as protobuf-es does, result set or not',
    (schema) => {
      fc.assert(
        fc.property(fc.option(stringResult, { nil: undefined }), (result) => {
          const message = create(schema, result === undefined ? {} : { result });
          expect(Buffer.from(encodeSingleResult(message, schema))).toEqual(
            Buffer.from(toBinary(schema, message)),
          );
        }),
        { numRuns: 300 },
      );
    },
  );

  it.each([
    ['1 result (1-byte group length)', 1, 'abc'],
    ['1,000 results (3-byte group length, as reserved)', 1000, 'warm/release-3.5.17@2.17.0'],
    ['10,000 long non-ASCII results (4-byte group length)', 10_000, 'é'.repeat(200)],
  ])('encodes a group of %s exactly as protobuf-es does', (_name, count, string) => {
    const schema = indexerProto.BulkRecordResponseSchema;
    const results = Array.from({ length: count }, (_, i) => ({
      string: `${string}${i}`,
      id: BigInt(i),
      fetchType: commonStrings.FetchType.CACHE_HIT,
    }));
    const message = create(schema, { groups: [{ useCase: 'spans', orgId: 7n, results }] });
    const encoded = Buffer.from(encodeGroupResults(message, schema));
    // Buffer#equals: a deep toEqual of megabytes is very slow.
    expect(encoded.equals(toBinary(schema, message))).toBe(true);
  });

  it('falls back to protobuf-es for what it does not encode (unknown fields)', () => {
    const schema = indexerProto.BulkRecordResponseSchema;
    const message = create(schema, {
      groups: [{ useCase: 'spans', orgId: 1n, results: [{ string: 'a', fetchType: 1 }] }],
    });
    message.groups[0]!.results[0]!.$unknown = [{ no: 9, wireType: 0, data: new Uint8Array([5]) }];
    expect(Buffer.from(encodeGroupResults(message, schema))).toEqual(Buffer.from(toBinary(schema, message)));
  });

  it.each([indexerProto.BulkRecordRequestSchema, indexerProto.BulkResolveRequestSchema])(
    'decodes %s to the message protobuf-es decodes',
    (schema) => {
      fc.assert(
        fc.property(orgStrings, (groups) => {
          const bytes = toBinary(schema, create(schema, { groups }));
          const decoded = decodeGroupsRequest(bytes, schema.typeName) as unknown as GroupsMessage;
          // An all-ASCII request is read without decoding its strings: its groups decode on first use.
          expect(decoded instanceof AsciiGroupsRequest).toBe(groups.every(isAscii));
          expect({ $typeName: decoded.$typeName, groups: decoded.groups }).toStrictEqual(
            fromBinary(schema, bytes),
          );
        }),
        { numRuns: 300 },
      );
    },
  );

  it('reads an ASCII groups request as the bytes and hash of each string, in order', () => {
    const schema = indexerProto.BulkRecordRequestSchema;
    const groups = [
      { useCase: 'spans', orgId: 1n, strings: ['a', '', 'b'.repeat(300)] },
      { useCase: 'transactions', orgId: 2n ** 63n - 1n, strings: ['c'] },
    ];
    const bytes = Buffer.from(toBinary(schema, create(schema, { groups })));
    const decoded = decodeGroupsRequest(bytes, schema.typeName) as unknown as AsciiGroupsRequest;
    expect(
      decoded.asciiGroups.map(({ useCase, orgId, spans }) => {
        const strings: string[] = [];
        for (let i = 0; i < spans.length; i += 3) {
          const string = bytes.toString('latin1', spans[i], spans[i + 1]);
          expect(spans[i + 2]).toBe(hashCodeUnits(string));
          strings.push(string);
        }
        return { useCase, orgId, strings };
      }),
    ).toEqual(groups);
  });

  it.each([indexerProto.RecordRequestSchema, indexerProto.ResolveRequestSchema])(
    'decodes %s to the message protobuf-es decodes',
    (schema) => {
      fc.assert(
        fc.property(text, uint64, text, (useCase, orgId, string) => {
          const bytes = toBinary(schema, create(schema, { useCase, orgId, string }));
          expect(decodeKeyRequest(bytes, schema.typeName)).toStrictEqual(fromBinary(schema, bytes));
        }),
        { numRuns: 300 },
      );
    },
  );

  it.each([
    ['an unknown field', [0x08, 0x01]],
    ['a group with an unknown field', [0x0a, 0x02, 0x20, 0x01]],
    ['invalid UTF-8', [0x0a, 0x04, 0x1a, 0x02, 0xc3, 0x28]],
    ['a truncated length', [0x0a, 0x05, 0x1a, 0x01]],
    ['a truncated varint', [0x0a, 0x02, 0x10, 0x80]],
    ['a wrong wire type', [0x0a, 0x02, 0x18, 0x01]],
  ])('leaves a groups request with %s to protobuf-es', (_name, bytes) => {
    expect(decodeGroupsRequest(new Uint8Array(bytes), 'mindex.indexer.v1.BulkRecordRequest')).toBeUndefined();
  });

  it.each([
    ['an unknown field', [0x20, 0x01]],
    ['invalid UTF-8', [0x1a, 0x01, 0xff]],
    ['a truncated string', [0x1a, 0x03, 0x61]],
  ])('leaves a key request with %s to protobuf-es', (_name, bytes) => {
    expect(decodeKeyRequest(new Uint8Array(bytes), 'mindex.indexer.v1.ResolveRequest')).toBeUndefined();
  });

  it('offers codecs for the four string RPCs', () => {
    expect(Object.keys(createStringsGrpcCodecs()).sort()).toEqual([
      'bulkRecord',
      'bulkResolve',
      'record',
      'resolve',
    ]);
    expect(commonStrings.StringResultSchema.fields.map((f) => f.number)).toEqual([1, 2, 3, 4]);
  });
});
