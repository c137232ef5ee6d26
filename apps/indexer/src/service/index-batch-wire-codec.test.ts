import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { commonBuckets, indexer as indexerProto } from '@mindex/proto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wireText as text, wireUint64 as uint64 } from '../../test/support/wire-arbitraries.js';
import { encodeIndexBatchResponse } from './index-batch-response-encoder.js';
import { createIndexBatchGrpcCodec } from './index-batch-wire-codec.js';

const RequestSchema = indexerProto.IndexBatchRequestSchema;
const ResponseSchema = indexerProto.IndexBatchResponseSchema;

// The property tests run through one codec, so its decoder's caches carry over from run to run.
const { decodeRequest: decodeIndexBatchRequest } = createIndexBatchGrpcCodec();

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

  it('decodes IndexBatchRequest to the message protobuf-es decodes', () => {
    fc.assert(
      fc.property(fc.array(metricBucket, { maxLength: 5 }), (buckets) => {
        const bytes = toBinary(RequestSchema, create(RequestSchema, { buckets }));
        const expected = fromBinary(RequestSchema, bytes);
        // A "__proto__" tag key (which fast-check generates now and then) is left to protobuf-es on purpose.
        const declined = expected.buckets.some((bucket) => Object.hasOwn(bucket.tags, '__proto__'));
        expect(decodeIndexBatchRequest(bytes)).toStrictEqual(declined ? undefined : expected);
      }),
      { numRuns: 500 },
    );
  });

  it('offers the IndexBatch codec for a fields layout it was written for, with a decoder of its own', () => {
    const codec = createIndexBatchGrpcCodec();
    // Each codec's decoder keeps its own caches: not shared with another codec's.
    expect(codec.decodeRequest).not.toBe(createIndexBatchGrpcCodec().decodeRequest);
    expect(codec.encodeResponse).toBe(encodeIndexBatchResponse);
    expect(commonBuckets.MetricBucketSchema.fields.map((f) => f.number)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
    ]);
    expect(commonBuckets.IndexedBucketSchema.fields.map((f) => f.number)).toEqual(
      Array.from({ length: 17 }, (_, i) => i + 1),
    );
  });
});
