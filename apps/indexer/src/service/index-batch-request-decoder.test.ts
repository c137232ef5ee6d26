import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { indexer as indexerProto } from '@mindex/proto';
import { describe, expect, it } from 'vitest';
import { createIndexBatchRequestDecoder } from './index-batch-request-decoder.js';

const RequestSchema = indexerProto.IndexBatchRequestSchema;

// One decoder for the file, so its caches carry over from test to test as they do from request to request.
const decodeIndexBatchRequest = createIndexBatchRequestDecoder();

describe('IndexBatch request decoder', () => {
  it('decodes unpacked repeated values, repeated map keys and repeated scalars as protobuf-es does', () => {
    const bytes = new Uint8Array([
      // bucket 1: tags k=a, k=b (later wins); name twice (later wins); set value unpacked 1, 300
      0x0a, 31, 0x3a, 6, 0x0a, 1, 0x6b, 0x12, 1, 0x61, 0x3a, 6, 0x0a, 1, 0x6b, 0x12, 1, 0x62, 0x22, 1, 0x78,
      0x22, 1, 0x79, 0x42, 7, 0x12, 5, 0x08, 0x01, 0x08, 0xac, 0x02,
      // bucket 2: a tag entry without key or value; distribution unpacked
      0x0a, 15, 0x3a, 0, 0x42, 11, 0x1a, 9, 0x09, 0, 0, 0, 0, 0, 0, 0xf8, 0x3f,
    ]);
    const expected = fromBinary(RequestSchema, bytes);
    expect(expected.buckets).toHaveLength(2);
    expect(decodeIndexBatchRequest(bytes)).toStrictEqual(expected);
  });

  it.each([
    ['an unknown field', [0x10, 0x01]],
    ['a bucket with an unknown field', [0x0a, 0x02, 0x68, 0x01]],
    ['invalid UTF-8 in a tag', [0x0a, 0x06, 0x3a, 0x04, 0x0a, 0x02, 0xc3, 0x28]],
    ['a truncated length', [0x0a, 0x05, 0x22, 0x01]],
    ['a truncated varint', [0x0a, 0x02, 0x10, 0x80]],
    ['a wrong wire type', [0x0a, 0x02, 0x10 | 2, 0x00]],
    ['a "__proto__" tag key', [0x0a, 0x0d, 0x3a, 0x0b, 0x0a, 0x09, ...Buffer.from('__proto__')]],
    ['a value given twice (merged)', [0x0a, 0x04, 0x42, 0x00, 0x42, 0x00]],
    ['a value with two kinds', [0x0a, 0x06, 0x42, 0x04, 0x12, 0x00, 0x1a, 0x00]],
    [
      'a packed distribution of 7 bytes',
      [0x0a, 0x0d, 0x42, 0x0b, 0x1a, 0x09, 0x0a, 0x07, 0, 0, 0, 0, 0, 0, 0],
    ],
  ])('leaves a request with %s to protobuf-es', (_name, bytes) => {
    expect(decodeIndexBatchRequest(new Uint8Array(bytes))).toBeUndefined();
  });

  it('never answers a remembered tag key for different bytes (invalid UTF-8 after a non-ASCII key)', () => {
    const withKey = (key: string) =>
      toBinary(RequestSchema, create(RequestSchema, { buckets: [{ name: 'n', tags: { [key]: 'v' } }] }));
    expect(decodeIndexBatchRequest(withKey('é'))).toStrictEqual(fromBinary(RequestSchema, withKey('é')));
    // 0xe9 alone (Latin-1 "é") is not UTF-8.
    expect(
      decodeIndexBatchRequest(new Uint8Array([0x0a, 0x07, 0x3a, 0x05, 0x0a, 0x01, 0xe9, 0x12, 0x00])),
    ).toBe(undefined);
    expect(decodeIndexBatchRequest(withKey('k2'))).toStrictEqual(fromBinary(RequestSchema, withKey('k2')));
    expect(decodeIndexBatchRequest(withKey('k3'))).toStrictEqual(fromBinary(RequestSchema, withKey('k3')));
  });
});
