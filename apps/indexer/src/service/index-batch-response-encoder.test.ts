import { create, toBinary } from '@bufbuild/protobuf';
import { commonBuckets, indexer as indexerProto } from '@mindex/proto';
import { describe, expect, it } from 'vitest';
import { encodeIndexBatchResponse } from './index-batch-response-encoder.js';

const ResponseSchema = indexerProto.IndexBatchResponseSchema;

/** Buffer#equals: a deep toEqual of large buffers is slow and its diff unreadable. */
function expectSameBytes(actual: Uint8Array, expected: Uint8Array): void {
  expect(Buffer.from(actual).toString('hex')).toBe(Buffer.from(expected).toString('hex'));
}

describe('IndexBatch response encoder', () => {
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
});
