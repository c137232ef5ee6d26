import { toBinary, type Message } from '@bufbuild/protobuf';
import { indexer as indexerProto, type commonBuckets } from '@mindex/proto';
import { ProtobufWriter, Unsupported } from './wire/protobuf-writer.js';

// Wire types.
const VARINT = 0;
const DELIMITED = 2;

// One pass, fields in field-number order as protobuf-es writes them; nested lengths are written after their
// content (into room reserved before it, moved when the length needs more or fewer bytes).

/** An IndexBatchResponse, as `toBinary(IndexBatchResponseSchema, message)` writes it. */
export function encodeIndexBatchResponse(input: Message): Uint8Array {
  const message = input as indexerProto.IndexBatchResponse;
  try {
    if (message.$unknown !== undefined) throw new Unsupported();
    const outcomes = message.outcomes;
    const out = new ProtobufWriter(64 + outcomes.length * 640);
    for (let i = 0; i < outcomes.length; i++) {
      const start = out.beginDelimited(1, 2);
      writeBucketOutcome(out, outcomes[i]!);
      out.backfillLength(start, 2);
    }
    return out.finish();
  } catch (error) {
    if (error instanceof Unsupported) return toBinary(indexerProto.IndexBatchResponseSchema, message);
    throw error;
  }
}

function writeBucketOutcome(out: ProtobufWriter, outcome: indexerProto.BucketOutcome): void {
  if (outcome.$unknown !== undefined) throw new Unsupported();
  const kind = outcome.outcome;
  switch (kind.case) {
    case undefined:
      return;
    case 'indexed': {
      const indexed = kind.value;
      if (indexed.$unknown !== undefined) throw new Unsupported();
      const start = out.beginDelimited(1, 2);
      if (indexed.bucket !== undefined) {
        const bucketStart = out.beginDelimited(1, 2);
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
      const start = out.beginDelimited(2, 1);
      out.stringField(1, invalid.reason, false);
      out.stringField(2, invalid.message, false);
      out.backfillLength(start, 1);
      return;
    }
    case 'filtered': {
      const filtered = kind.value;
      if (filtered.$unknown !== undefined) throw new Unsupported();
      const start = out.beginDelimited(3, 1);
      out.stringField(1, filtered.reason, false);
      out.backfillLength(start, 1);
      return;
    }
    case 'dropped': {
      const dropped = kind.value;
      if (dropped.$unknown !== undefined) throw new Unsupported();
      const start = out.beginDelimited(4, 1);
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

function writeIndexedBucket(out: ProtobufWriter, bucket: commonBuckets.IndexedBucket): void {
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
    const start = out.beginDelimited(11, 2);
    out.stringField(1, fetchType, true);
    const valueStart = out.beginDelimited(2, 2);
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
    // Field 17: a two-byte tag.
    out.ensure(2 + 10);
    out.varint((17 << 3) | VARINT);
    out.uint64(bucket.receivedAt);
  }
}

function writeMetricValueField(out: ProtobufWriter, field: number, value: commonBuckets.MetricValue): void {
  if (value.$unknown !== undefined) throw new Unsupported();
  const start = out.beginDelimited(field, 1);
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
      const setStart = out.beginDelimited(2, 1);
      const values = set.values;
      if (values.length > 0) {
        const packedStart = out.beginDelimited(1, 1);
        out.ensure(values.length * 5);
        for (let i = 0; i < values.length; i++) out.uint32(values[i]!);
        out.backfillLength(packedStart, 1);
      }
      out.backfillLength(setStart, 1);
      break;
    }
    case 'distribution': {
      const distribution = kind.value;
      if (distribution.$unknown !== undefined) throw new Unsupported();
      const distributionStart = out.beginDelimited(3, 1);
      const values = distribution.values;
      if (values.length > 0) {
        const packedStart = out.beginDelimited(1, 1);
        out.ensure(values.length * 8);
        for (let i = 0; i < values.length; i++) out.double(values[i]!);
        out.backfillLength(packedStart, 1);
      }
      out.backfillLength(distributionStart, 1);
      break;
    }
    case 'gauge': {
      const gauge = kind.value;
      if (gauge.$unknown !== undefined) throw new Unsupported();
      const gaugeStart = out.beginDelimited(4, 1);
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
      const encodedStart = out.beginDelimited(5, 1);
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
