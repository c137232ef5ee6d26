import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { commonBuckets, indexer as indexerProto } from '@mindex/proto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createIndexBatchGrpcCodec,
  decodeIndexBatchRequest,
  encodeIndexBatchResponse,
} from './index-batch-wire-codec.js';

const RequestSchema = indexerProto.IndexBatchRequestSchema;
const ResponseSchema = indexerProto.IndexBatchResponseSchema;

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom('', '\uD800', 'a\uDC00b', '\uFEFFbom', 'a\uFFFDb', 'é'.repeat(70), 'x'.repeat(300)),
);
const uint64 = fc.oneof(
  fc.constantFrom(0n, 1n, 127n, 128n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 49n, 2n ** 63n - 1n, 2n ** 64n - 1n),
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
);
const uint32 = fc.oneof(fc.constantFrom(0, 1, 90, 127, 128, 2 ** 32 - 1), fc.nat());
const double = fc.oneof(
  fc.constantFrom(0, -0, 1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MIN_VALUE),
  fc.double(),
);
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
/** Keys as the domain writes them (decimal ids), and any text. */
const mapKey = fc.oneof(fc.nat().map(String), uint64.map(String), text);
const stringMap = fc.dictionary(mapKey, text, { maxKeys: 6 });

const metricValue = fc.oneof(
  fc.constant({ kind: { case: undefined } }),
  double.map((value) => ({ kind: { case: 'counter' as const, value } })),
  fc.array(fc.nat({ max: 2 ** 32 - 1 }), { maxLength: 6 }).map((values) => ({
    kind: { case: 'set' as const, value: { values } },
  })),
  fc.array(double, { maxLength: 6 }).map((values) => ({
    kind: { case: 'distribution' as const, value: { values } },
  })),
  fc
    .record({ min: double, max: double, sum: double, count: uint64, last: double })
    .map((value) => ({ kind: { case: 'gauge' as const, value } })),
  fc.record({ format: text, data: text }).map((value) => ({ kind: { case: 'encoded' as const, value } })),
);

const metricBucket = fc.record(
  {
    namespace: text,
    orgId: uint64,
    projectId: uint64,
    name: text,
    type: text,
    timestamp: uint64,
    tags: stringMap,
    value: optional(metricValue),
    retentionDays: optional(uint32),
    receivedAt: optional(uint64),
    samplingWeight: optional(double),
  },
  { requiredKeys: ['namespace', 'orgId', 'projectId', 'name', 'type', 'timestamp', 'tags'] },
);

const indexedBucket = fc.record(
  {
    orgId: uint64,
    projectId: uint64,
    useCaseId: text,
    metricId: uint64,
    type: text,
    timestamp: uint64,
    indexedTags: fc.dictionary(mapKey, uint64, { maxKeys: 6 }),
    rawTags: stringMap,
    value: optional(metricValue),
    retentionDays: uint32,
    mappingMeta: fc.dictionary(
      fc.oneof(fc.constantFrom('c', 'h', 'd', 'f', 'r'), text),
      stringMap.map((strings) => ({ strings })),
      { maxKeys: 4 },
    ),
    mappingSources: text,
    version: uint32,
    aggregationOption: optional(text),
    sentryReceivedTimestamp: double,
    samplingWeight: optional(double),
    receivedAt: optional(uint64),
  },
  { requiredKeys: ['orgId', 'projectId', 'useCaseId', 'metricId', 'type', 'timestamp', 'retentionDays'] },
);

const bucketOutcome = fc.oneof(
  fc.constant({ outcome: { case: undefined } }),
  fc
    .record({ bucket: optional(indexedBucket), removedTags: fc.array(text, { maxLength: 3 }) })
    .map((value) => ({ outcome: { case: 'indexed' as const, value } })),
  fc
    .record({ reason: text, message: text })
    .map((value) => ({ outcome: { case: 'invalid' as const, value } })),
  text.map((reason) => ({ outcome: { case: 'filtered' as const, value: { reason } } })),
  fc
    .record({ reason: text, stringType: text, globalQuota: fc.boolean() })
    .map((value) => ({ outcome: { case: 'dropped' as const, value } })),
);

/** Buffer#equals: a deep toEqual of large buffers is slow and its diff unreadable. */
function expectSameBytes(actual: Uint8Array, expected: Uint8Array): void {
  expect(Buffer.from(actual).toString('hex')).toBe(Buffer.from(expected).toString('hex'));
}

describe('IndexBatch wire codec', () => {
  it('encodes IndexBatchResponse exactly as protobuf-es does', () => {
    fc.assert(
      fc.property(fc.array(bucketOutcome, { maxLength: 5 }), (outcomes) => {
        const message = create(ResponseSchema, { outcomes });
        expectSameBytes(encodeIndexBatchResponse(message), toBinary(ResponseSchema, message));
      }),
      { numRuns: 500 },
    );
  });

  it('encodes large buckets and responses (multi-byte lengths) exactly as protobuf-es does', () => {
    const rawTags: Record<string, string> = {};
    const strings: Record<string, string> = {};
    for (let i = 0; i < 300; i++) {
      rawTags[String(1000 + i)] = `value-${i}-${'é'.repeat(i % 200)}`;
      strings[String(5000 + i)] = `string-${i}`.repeat(1 + (i % 5));
    }
    const bucket = {
      orgId: 1n,
      projectId: 2n,
      useCaseId: 'spans',
      metricId: 3n,
      type: 'd',
      timestamp: 1_700_000_000n,
      rawTags,
      value: {
        kind: { case: 'distribution' as const, value: { values: Array.from({ length: 40 }, (_, i) => i) } },
      },
      retentionDays: 90,
      mappingMeta: { c: { strings }, h: { strings: { '9': 'x' } } },
      mappingSources: 'ch',
      version: 2,
      sentryReceivedTimestamp: 1_700_000_000.25,
    };
    const message = create(ResponseSchema, {
      outcomes: Array.from({ length: 120 }, () => ({
        outcome: { case: 'indexed' as const, value: { bucket } },
      })),
    });
    expect(Buffer.from(encodeIndexBatchResponse(message)).equals(toBinary(ResponseSchema, message))).toBe(
      true,
    );
  });

  it.each([
    [
      'unknown fields',
      () => {
        const message = create(ResponseSchema, {
          outcomes: [{ outcome: { case: 'filtered', value: { reason: 'metric_blocked' } } }],
        });
        message.outcomes[0]!.$unknown = [{ no: 9, wireType: 0, data: new Uint8Array([5]) }];
        return message;
      },
    ],
    [
      'unknown fields in a bucket value',
      () => {
        const value = create(commonBuckets.MetricValueSchema, { kind: { case: 'counter', value: 1 } });
        value.$unknown = [{ no: 9, wireType: 0, data: new Uint8Array([5]) }];
        return create(ResponseSchema, {
          outcomes: [{ outcome: { case: 'indexed', value: { bucket: { orgId: 1n, value } } } }],
        });
      },
    ],
    [
      'an id given as a number',
      () => {
        const message = create(ResponseSchema, {
          outcomes: [{ outcome: { case: 'indexed', value: { bucket: { orgId: 1n } } } }],
        });
        (message.outcomes[0]!.outcome.value as indexerProto.IndexedOutcome).bucket!.metricId = 7 as never;
        return message;
      },
    ],
  ])('falls back to protobuf-es for what it does not encode (%s)', (_name, make) => {
    const message = make();
    expectSameBytes(encodeIndexBatchResponse(message), toBinary(ResponseSchema, message));
  });

  it('throws what protobuf-es throws for a value it cannot encode', () => {
    const message = create(ResponseSchema, {
      outcomes: [{ outcome: { case: 'indexed', value: { bucket: { orgId: 1n, retentionDays: -1 } } } }],
    });
    expect(() => toBinary(ResponseSchema, message)).toThrow();
    expect(() => encodeIndexBatchResponse(message)).toThrow();
  });

  it('decodes IndexBatchRequest to the message protobuf-es decodes', () => {
    fc.assert(
      fc.property(fc.array(metricBucket, { maxLength: 5 }), (buckets) => {
        const bytes = toBinary(RequestSchema, create(RequestSchema, { buckets }));
        expect(decodeIndexBatchRequest(bytes)).toStrictEqual(fromBinary(RequestSchema, bytes));
      }),
      { numRuns: 500 },
    );
  });

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

  it('offers the IndexBatch codec for a fields layout it was written for', () => {
    const codec = createIndexBatchGrpcCodec();
    expect(codec.decodeRequest).toBe(decodeIndexBatchRequest);
    expect(codec.encodeResponse).toBe(encodeIndexBatchResponse);
    expect(commonBuckets.MetricBucketSchema.fields.map((f) => f.number)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
    ]);
    expect(commonBuckets.IndexedBucketSchema.fields.map((f) => f.number)).toEqual(
      Array.from({ length: 17 }, (_, i) => i + 1),
    );
  });
});
