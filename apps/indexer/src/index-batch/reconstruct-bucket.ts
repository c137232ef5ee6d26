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
  // Reused: reconstruction is synchronous, and every call starts by clearing it.
  const meta = (scratchMeta ??= new MetaBuilder());
  meta.clear();
  let tagMiss = false;
  let globalMiss = false;

  const name = lookup(source.name);
  if (name?.id !== undefined) meta.add(name.fetchType, idKey(name.id), source.name);

  const tags = valid.tags;
  for (let i = 0; i < tags.length; i++) {
    const [key, value] = tags[i]!;
    const keyOutcome = lookup(key);
    const keyId = keyOutcome?.id === undefined ? undefined : idKey(keyOutcome.id);
    if (keyId !== undefined) meta.add(keyOutcome!.fetchType, keyId, key);
    // Values are listed when they have an id, even raw ones (another bucket of the group may index them).
    const valueOutcome = lookup(value);
    if (valueOutcome?.id !== undefined) meta.add(valueOutcome.fetchType, idKey(valueOutcome.id), value);
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

  const mapping = meta.build();
  // The message create(IndexedBucketSchema, ...) would build (same fields, optional ones only when set), as a
  // literal: create() walks the schema and converts every nested init, a large share of a warm bucket's cost.
  const bucket: commonBuckets.IndexedBucket = {
    $typeName: INDEXED_BUCKET,
    orgId: source.orgId,
    projectId: source.projectId,
    useCaseId: valid.useCase,
    metricId: name.id,
    type: source.type,
    timestamp: source.timestamp,
    indexedTags,
    rawTags,
    retentionDays: valid.retentionDays,
    mappingMeta: mapping.entries,
    mappingSources: mapping.sources,
    version: valid.profile.outputVersion,
    sentryReceivedTimestamp: context.receivedAtSeconds,
  };
  if (source.value !== undefined) bucket.value = source.value;
  const aggregationOption = indexValues ? undefined : context.aggregationOption;
  if (aggregationOption !== undefined) bucket.aggregationOption = aggregationOption;
  if (source.samplingWeight !== undefined) bucket.samplingWeight = source.samplingWeight;
  if (source.receivedAt !== undefined) bucket.receivedAt = source.receivedAt;
  return { kind: 'indexed', bucket };
}

const INDEXED_BUCKET = commonBuckets.IndexedBucketSchema.typeName;
const MAPPING_META_ENTRIES = commonBuckets.MappingMetaEntriesSchema.typeName;

/**
 * The property key of an id in the proto maps keyed by decimal id strings. A safe integer names the same
 * property as its decimal string (JS converts it exactly), and V8 stores integer keys faster than it parses
 * digit strings into them, which matters at ~25 keys per bucket.
 */
function idKey(id: bigint): number | string {
  return id <= MAX_SAFE_ID ? Number(id) : id.toString();
}
const MAX_SAFE_ID = BigInt(Number.MAX_SAFE_INTEGER);

let scratchMeta: MetaBuilder | undefined;

/** The largest array index (2^32 - 2): integer keys up to it enumerate in ascending order. */
const MAX_ARRAY_INDEX = 2 ** 32 - 2;

/**
 * Builds `mapping_meta`: `id → string` under each fetch type (Sentry writes a rate-limited string as id "None";
 * we skip it). Entries are collected first and the maps built at the end: when a bucket's strings share one
 * fetch type (nearly always) and every id is an array index, the largest id goes in first. V8 then keeps ids
 * spread far apart in a small dictionary instead of an array sized to the largest id and mostly empty (which
 * encoding, through Object.keys, walks whole). Array-index keys enumerate in ascending order whatever the
 * insertion order, so the message is the same.
 */
class MetaBuilder {
  private readonly types: string[] = [];
  private readonly ids: (number | string)[] = [];
  private readonly strings: string[] = [];

  clear(): void {
    this.types.length = 0;
    this.ids.length = 0;
    this.strings.length = 0;
  }

  add(fetchType: string, id: number | string, string: string): void {
    this.types.push(fetchType);
    this.ids.push(id);
    this.strings.push(string);
  }

  /** `mapping_meta` and `mapping_sources` (the sorted, concatenated fetch-type codes). */
  build(): { entries: Record<string, commonBuckets.MappingMetaEntries>; sources: string } {
    const { types, ids, strings } = this;
    const entries: Record<string, commonBuckets.MappingMetaEntries> = {};
    if (ids.length === 0) return { entries, sources: '' };
    const first = types[0]!;
    let single = true;
    let allIndexes = true;
    let maxAt = 0;
    for (let i = 0; i < ids.length; i++) {
      if (types[i] !== first) single = false;
      const id = ids[i]!;
      if (typeof id !== 'number' || id > MAX_ARRAY_INDEX) allIndexes = false;
      else if (id > (ids[maxAt] as number)) maxAt = i;
    }
    if (single) {
      const map: Record<string, string> = {};
      if (allIndexes) map[ids[maxAt]!] = strings[maxAt]!;
      for (let i = 0; i < ids.length; i++) map[ids[i]!] = strings[i]!;
      entries[first] = { $typeName: MAPPING_META_ENTRIES, strings: map };
      return { entries, sources: first };
    }
    for (let i = 0; i < ids.length; i++) {
      (entries[types[i]!] ??= { $typeName: MAPPING_META_ENTRIES, strings: {} }).strings[ids[i]!] =
        strings[i]!;
    }
    return { entries, sources: Object.keys(entries).sort().join('') };
  }
}
