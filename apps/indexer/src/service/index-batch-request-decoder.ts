import type { Message } from '@bufbuild/protobuf';
import { commonBuckets, indexer as indexerProto } from '@mindex/proto';
import { DecodeCaches } from './wire/decode-caches.js';
import { asBuffer, NotHandled, ProtobufReader } from './wire/protobuf-reader.js';

const INDEX_BATCH_REQUEST = indexerProto.IndexBatchRequestSchema.typeName;
const METRIC_BUCKET = commonBuckets.MetricBucketSchema.typeName;
const METRIC_VALUE = commonBuckets.MetricValueSchema.typeName;
const SET_VALUE = commonBuckets.SetValueSchema.typeName;
const DISTRIBUTION_VALUE = commonBuckets.DistributionValueSchema.typeName;
const GAUGE_VALUE = commonBuckets.GaugeValueSchema.typeName;
const ENCODED_VALUE = commonBuckets.EncodedValueSchema.typeName;

// Wire types.
const VARINT = 0;
const FIXED64 = 1;
const DELIMITED = 2;

/**
 * Decodes an IndexBatchRequest as `fromBinary` does; the decoder returns undefined when protobuf-es must decode
 * it (unknown fields, wire types protobuf-es does not write, invalid UTF-8, merged messages). Each decoder keeps
 * its own caches of repeated values across requests.
 */
export function createIndexBatchRequestDecoder(): (bytes: Uint8Array) => Message | undefined {
  const caches = new DecodeCaches();
  return (bytes) => decodeIndexBatchRequest(bytes, caches);
}

/** An IndexBatchRequest, or undefined for protobuf-es to decode. */
function decodeIndexBatchRequest(bytes: Uint8Array, caches: DecodeCaches): Message | undefined {
  try {
    const reader = new ProtobufReader(asBuffer(bytes), caches);
    const end = bytes.length;
    const buckets: commonBuckets.MetricBucket[] = [];
    while (reader.pos < end) {
      if (reader.uint32(end) !== ((1 << 3) | DELIMITED)) throw new NotHandled();
      buckets.push(readMetricBucket(reader, reader.delimitedEnd(end), caches));
    }
    return { $typeName: INDEX_BATCH_REQUEST, buckets } as indexerProto.IndexBatchRequest;
  } catch (error) {
    if (error instanceof NotHandled) return undefined;
    throw error;
  }
}

function readMetricBucket(
  reader: ProtobufReader,
  end: number,
  caches: DecodeCaches,
): commonBuckets.MetricBucket {
  let namespace = '';
  let orgId = 0n;
  let projectId = 0n;
  let name = '';
  let type = '';
  let timestamp = 0n;
  const tags: Record<string, string> = {};
  let value: commonBuckets.MetricValue | undefined;
  let retentionDays: number | undefined;
  let receivedAt: bigint | undefined;
  let samplingWeight: number | undefined;
  let tagCount = 0;
  while (reader.pos < end) {
    switch (reader.uint32(end)) {
      case (1 << 3) | DELIMITED:
        namespace = reader.string(end);
        break;
      case (2 << 3) | VARINT:
        orgId = reader.uint64(end);
        break;
      case (3 << 3) | VARINT:
        projectId = reader.uint64(end);
        break;
      case (4 << 3) | DELIMITED:
        name = reader.string(end);
        break;
      case (5 << 3) | DELIMITED:
        type = reader.string(end);
        break;
      case (6 << 3) | VARINT:
        timestamp = reader.uint64(end);
        break;
      case (7 << 3) | DELIMITED:
        readStringMapEntry(reader, reader.delimitedEnd(end), tags, caches, tagCount++);
        break;
      case (8 << 3) | DELIMITED:
        // A repeated message field merges into the first: left to protobuf-es.
        if (value !== undefined) throw new NotHandled();
        value = readMetricValue(reader, reader.delimitedEnd(end));
        break;
      case (9 << 3) | VARINT:
        retentionDays = reader.uint32(end);
        break;
      case (10 << 3) | VARINT:
        receivedAt = reader.uint64(end);
        break;
      case (11 << 3) | FIXED64:
        samplingWeight = reader.double(end);
        break;
      default:
        throw new NotHandled();
    }
  }
  const bucket: commonBuckets.MetricBucket = {
    $typeName: METRIC_BUCKET,
    namespace,
    orgId,
    projectId,
    name,
    type,
    timestamp,
    tags,
  };
  if (value !== undefined) bucket.value = value;
  if (retentionDays !== undefined) bucket.retentionDays = retentionDays;
  if (receivedAt !== undefined) bucket.receivedAt = receivedAt;
  if (samplingWeight !== undefined) bucket.samplingWeight = samplingWeight;
  return bucket;
}

/**
 * A map<string, string> entry: missing key or value is ""; a later entry with the same key wins. Its key is
 * first compared with the previous bucket's key at the same `position` (buckets mostly share keys and order).
 */
function readStringMapEntry(
  reader: ProtobufReader,
  end: number,
  map: Record<string, string>,
  caches: DecodeCaches,
  position: number,
): void {
  let key = '';
  let value = '';
  while (reader.pos < end) {
    switch (reader.uint32(end)) {
      case (1 << 3) | DELIMITED:
        key = reader.string(end, caches.tagKey(position));
        break;
      case (2 << 3) | DELIMITED:
        value = reader.string(end);
        break;
      default:
        throw new NotHandled();
    }
  }
  // protobuf-es defines "__proto__" as an own property; plain assignment would not.
  if (key === '__proto__') throw new NotHandled();
  caches.rememberTagKey(position, key);
  map[key] = value;
}

function readMetricValue(reader: ProtobufReader, end: number): commonBuckets.MetricValue {
  let kind: commonBuckets.MetricValue['kind'] = { case: undefined };
  let seen = false;
  while (reader.pos < end) {
    // A second kind replaces or merges into the first: left to protobuf-es.
    if (seen) throw new NotHandled();
    seen = true;
    switch (reader.uint32(end)) {
      case (1 << 3) | FIXED64:
        kind = { case: 'counter', value: reader.double(end) };
        break;
      case (2 << 3) | DELIMITED:
        kind = { case: 'set', value: readSetValue(reader, reader.delimitedEnd(end)) };
        break;
      case (3 << 3) | DELIMITED:
        kind = { case: 'distribution', value: readDistributionValue(reader, reader.delimitedEnd(end)) };
        break;
      case (4 << 3) | DELIMITED:
        kind = { case: 'gauge', value: readGaugeValue(reader, reader.delimitedEnd(end)) };
        break;
      case (5 << 3) | DELIMITED:
        kind = { case: 'encoded', value: readEncodedValue(reader, reader.delimitedEnd(end)) };
        break;
      default:
        throw new NotHandled();
    }
  }
  return { $typeName: METRIC_VALUE, kind };
}

function readSetValue(reader: ProtobufReader, end: number): commonBuckets.SetValue {
  const values: number[] = [];
  while (reader.pos < end) {
    switch (reader.uint32(end)) {
      case (1 << 3) | DELIMITED: {
        const packedEnd = reader.delimitedEnd(end);
        while (reader.pos < packedEnd) values.push(reader.uint32(packedEnd));
        break;
      }
      case (1 << 3) | VARINT:
        values.push(reader.uint32(end));
        break;
      default:
        throw new NotHandled();
    }
  }
  return { $typeName: SET_VALUE, values };
}

function readDistributionValue(reader: ProtobufReader, end: number): commonBuckets.DistributionValue {
  const values: number[] = [];
  while (reader.pos < end) {
    switch (reader.uint32(end)) {
      case (1 << 3) | DELIMITED: {
        const packedEnd = reader.delimitedEnd(end);
        if ((packedEnd - reader.pos) % 8 !== 0) throw new NotHandled();
        while (reader.pos < packedEnd) values.push(reader.double(packedEnd));
        break;
      }
      case (1 << 3) | FIXED64:
        values.push(reader.double(end));
        break;
      default:
        throw new NotHandled();
    }
  }
  return { $typeName: DISTRIBUTION_VALUE, values };
}

function readGaugeValue(reader: ProtobufReader, end: number): commonBuckets.GaugeValue {
  let min = 0;
  let max = 0;
  let sum = 0;
  let count = 0n;
  let last = 0;
  while (reader.pos < end) {
    switch (reader.uint32(end)) {
      case (1 << 3) | FIXED64:
        min = reader.double(end);
        break;
      case (2 << 3) | FIXED64:
        max = reader.double(end);
        break;
      case (3 << 3) | FIXED64:
        sum = reader.double(end);
        break;
      case (4 << 3) | VARINT:
        count = reader.uint64(end);
        break;
      case (5 << 3) | FIXED64:
        last = reader.double(end);
        break;
      default:
        throw new NotHandled();
    }
  }
  return { $typeName: GAUGE_VALUE, min, max, sum, count, last };
}

function readEncodedValue(reader: ProtobufReader, end: number): commonBuckets.EncodedValue {
  let format = '';
  let data = '';
  while (reader.pos < end) {
    switch (reader.uint32(end)) {
      case (1 << 3) | DELIMITED:
        format = reader.string(end);
        break;
      case (2 << 3) | DELIMITED:
        data = reader.string(end);
        break;
      default:
        throw new NotHandled();
    }
  }
  return { $typeName: ENCODED_VALUE, format, data };
}
