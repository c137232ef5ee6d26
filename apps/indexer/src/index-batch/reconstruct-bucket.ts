import { create } from '@bufbuild/protobuf';
import { commonBuckets } from '@mindex/proto';
import type { StringOutcome } from '../indexer/string-indexer.js';
import type { AggregationOption } from './aggregation-option.js';
import type { ValidBucket } from './validate-bucket.js';

/** Why a bucket was dropped after indexing (spec §7.5). */
export interface DroppedBucket {
  readonly kind: 'dropped';
  /** `writes_limit` (a tag key or value was rate limited) or `missing_numeric_metric_id` (the name was). */
  readonly reason: 'writes_limit' | 'missing_numeric_metric_id';
  readonly stringType: 'tags' | 'metric_id';
  readonly globalQuota: boolean;
}

export type ReconstructedBucket =
  { readonly kind: 'indexed'; readonly bucket: commonBuckets.IndexedBucket } | DroppedBucket;

export interface ReconstructContext {
  /** The bulk-record outcome of a string of this bucket's use case and org, if it was recorded. */
  lookup: (string: string) => StringOutcome | undefined;
  /** When the indexer received the bucket, in seconds. */
  receivedAtSeconds: number;
  aggregationOption: AggregationOption | undefined;
}

/**
 * Rebuilds a bucket with ids (`reconstruct_messages`, spec §7.5): tags keyed by decimal id strings, values as
 * ids (release health) or raw strings (generic, `version: 2`); `mapping_meta` lists every id the bucket used by
 * fetch type; `mapping_sources` is the sorted distinct codes. A rate-limited tag key or value drops the bucket
 * (checked first), then a rate-limited metric name does.
 *
 * One pass over the tags (this runs for every bucket of every batch): each string is looked up and its id
 * turned into a property key once, and the meta is built in its final shape. The meta lists the bucket's strings in
 * first-use order (name, then each tag's key and value), as Sentry's set of used strings does.
 */
export function reconstructBucket(valid: ValidBucket, context: ReconstructContext): ReconstructedBucket {
  const { lookup } = context;
  const source = valid.source;
  const indexValues = valid.profile.shouldIndexTagValues;
  const indexedTags: Record<string, bigint> = {};
  const rawTags: Record<string, string> = {};
  const mappingMeta: Record<string, { strings: Record<string, string> }> = {};
  let tagMiss = false;
  let globalMiss = false;

  const name = lookup(source.name);
  if (name?.id !== undefined) addMeta(mappingMeta, name.fetchType, idKey(name.id), source.name);

  for (const [key, value] of valid.tags) {
    const keyOutcome = lookup(key);
    const keyId = keyOutcome?.id === undefined ? undefined : idKey(keyOutcome.id);
    if (keyId !== undefined) addMeta(mappingMeta, keyOutcome!.fetchType, keyId, key);
    // Values are listed when they have an id, even raw ones (another bucket of the group may index them).
    const valueOutcome = lookup(value);
    if (valueOutcome?.id !== undefined) {
      addMeta(mappingMeta, valueOutcome.fetchType, idKey(valueOutcome.id), value);
    }
    // Every tag is checked: the drop is global-quota when any of its misses is.
    if (keyId === undefined) {
      if (keyOutcome?.globalQuota) globalMiss = true;
      tagMiss = true;
      continue;
    }
    if (indexValues) {
      if (valueOutcome?.id === undefined) {
        if (valueOutcome?.globalQuota) globalMiss = true;
        tagMiss = true;
        continue;
      }
      indexedTags[keyId] = valueOutcome.id;
    } else {
      rawTags[keyId] = value;
    }
  }
  if (tagMiss)
    return { kind: 'dropped', reason: 'writes_limit', stringType: 'tags', globalQuota: globalMiss };

  if (name?.id === undefined) {
    return {
      kind: 'dropped',
      reason: 'missing_numeric_metric_id',
      stringType: 'metric_id',
      globalQuota: name?.globalQuota ?? false,
    };
  }

  const bucket = create(commonBuckets.IndexedBucketSchema, {
    orgId: source.orgId,
    projectId: source.projectId,
    useCaseId: valid.useCase,
    metricId: name.id,
    type: source.type,
    timestamp: source.timestamp,
    indexedTags,
    rawTags,
    value: source.value,
    retentionDays: valid.retentionDays,
    mappingMeta,
    mappingSources: Object.keys(mappingMeta).sort().join(''),
    version: valid.profile.outputVersion,
    sentryReceivedTimestamp: context.receivedAtSeconds,
    samplingWeight: source.samplingWeight,
    receivedAt: source.receivedAt,
    aggregationOption: indexValues ? undefined : context.aggregationOption,
  });
  return { kind: 'indexed', bucket };
}

/**
 * The property key of an id in the proto maps keyed by decimal id strings. A safe integer names the same
 * property as its decimal string (JS converts it exactly), and V8 stores integer keys faster than it parses
 * digit strings into them, which matters at ~25 keys per bucket.
 */
function idKey(id: bigint): number | string {
  return id <= MAX_SAFE_ID ? Number(id) : id.toString();
}
const MAX_SAFE_ID = BigInt(Number.MAX_SAFE_INTEGER);

/** Lists `id → string` under its fetch type (Sentry writes a rate-limited string as id "None"; we skip it). */
function addMeta(
  meta: Record<string, { strings: Record<string, string> }>,
  fetchType: string,
  id: number | string,
  string: string,
): void {
  (meta[fetchType] ??= { strings: {} }).strings[id] = string;
}
