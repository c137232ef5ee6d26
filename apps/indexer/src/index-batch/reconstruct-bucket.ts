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
 */
export function reconstructBucket(valid: ValidBucket, context: ReconstructContext): ReconstructedBucket {
  const { lookup } = context;
  const source = valid.source;
  const indexValues = valid.profile.shouldIndexTagValues;
  const used = new Set<string>([source.name]);
  const indexedTags: Record<string, bigint> = {};
  const rawTags: Record<string, string> = {};
  let globalMisses = 0;
  let orgMisses = 0;
  const miss = (outcome: StringOutcome | undefined) => {
    if (outcome?.globalQuota) globalMisses++;
    else orgMisses++;
  };

  for (const [key, value] of valid.tags) {
    used.add(key);
    used.add(value);
    const keyOutcome = lookup(key);
    if (keyOutcome?.id === undefined) {
      miss(keyOutcome);
      continue;
    }
    const keyId = keyOutcome.id.toString();
    if (indexValues) {
      const valueOutcome = lookup(value);
      if (valueOutcome?.id === undefined) {
        miss(valueOutcome);
        continue;
      }
      indexedTags[keyId] = valueOutcome.id;
    } else {
      rawTags[keyId] = value;
    }
  }
  if (globalMisses + orgMisses > 0) {
    return { kind: 'dropped', reason: 'writes_limit', stringType: 'tags', globalQuota: globalMisses > 0 };
  }

  const mappingMeta: Record<string, Record<string, string>> = {};
  for (const string of used) {
    const outcome = lookup(string);
    // Sentry would write a rate-limited string of another bucket as id "None"; only real ids are listed.
    if (outcome?.id === undefined) continue;
    (mappingMeta[outcome.fetchType] ??= {})[outcome.id.toString()] = string;
  }
  const mappingSources = Object.keys(mappingMeta).sort().join('');

  const name = lookup(source.name);
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
    mappingMeta: Object.fromEntries(
      Object.entries(mappingMeta).map(([code, strings]) => [code, { strings }]),
    ),
    mappingSources,
    version: valid.profile.outputVersion,
    sentryReceivedTimestamp: context.receivedAtSeconds,
    samplingWeight: source.samplingWeight,
    receivedAt: source.receivedAt,
    aggregationOption: indexValues ? undefined : context.aggregationOption,
  });
  return { kind: 'indexed', bucket };
}
