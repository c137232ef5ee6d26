import type { commonBuckets } from '@mindex/proto';
import type { OptionsView } from '@mindex/runtime-options';
import type { UseCaseRegistry } from '@mindex/use-case-registry';
import type { StringIndexer, StringOutcome } from '../indexer/string-indexer.js';
import type { CardinalityItem, CardinalityLimiter } from '../limiters/cardinality-limiter.js';
import { getAggregationOption } from './aggregation-option.js';
import { extractStringGroups } from './extract-strings.js';
import type { MetricsBlocking, ProjectBlocking } from './metrics-blocking.js';
import { reconstructBucket, type DroppedBucket } from './reconstruct-bucket.js';
import { createTimeseriesHashCache, type TimeseriesHashCache } from './timeseries-hash-cache.js';
import { validateBucket, type InvalidReason, type NameCheck, type ValidBucket } from './validate-bucket.js';

/** What became of one bucket. */
export type BatchOutcome =
  | {
      readonly kind: 'indexed';
      readonly bucket: commonBuckets.IndexedBucket;
      /** Tag keys stripped because the project blocks them for the metric. */
      readonly removedTags?: readonly string[];
    }
  | { readonly kind: 'invalid'; readonly reason: InvalidReason; readonly message: string }
  | {
      readonly kind: 'filtered';
      readonly reason: 'namespace_disabled' | 'cardinality_limit' | 'metric_blocked';
    }
  | DroppedBucket;

export interface BatchIndexer {
  /** One outcome per bucket, in request order; a bad bucket never fails the batch. */
  indexBatch(buckets: readonly commonBuckets.MetricBucket[]): Promise<BatchOutcome[]>;
}

export interface BatchIndexerDeps {
  indexer: StringIndexer;
  cardinality: CardinalityLimiter;
  registry: UseCaseRegistry;
  options: () => OptionsView;
  now: () => number;
  /** Projects' blocked metrics and tags; none: nothing is blocked. */
  blocking?: MetricsBlocking;
  /** Timeseries hashes of recent series (default: a cache of DEFAULT_TIMESERIES_HASH_SLOTS series). */
  seriesHashes?: TimeseriesHashCache;
}

/**
 * The consumer's message processing (spec §7.3-7.5) for one batch: kill switch, validation, cardinality
 * filter, string extraction per (use case, org), one bulk record for everything, reconstruction with ids, and
 * then the admitted timeseries are recorded.
 */
export function createBatchIndexer(deps: BatchIndexerDeps): BatchIndexer {
  const seriesHashes = deps.seriesHashes ?? createTimeseriesHashCache();
  return {
    async indexBatch(buckets) {
      const options = deps.options();
      const nowMs = deps.now();
      const disabledList = options.disabledNamespaces();
      const disabled = disabledList.length === 0 ? undefined : new Set(disabledList);
      const outcomes: (BatchOutcome | undefined)[] = new Array<BatchOutcome | undefined>(buckets.length);
      const valid: Entry[] = [];
      // Buckets of a batch share few metric names: each name is parsed and checked once.
      const names = new Map<string, NameCheck>();

      for (let index = 0; index < buckets.length; index++) {
        const bucket = buckets[index]!;
        // An empty namespace means "no header": never disabled.
        if (disabled !== undefined && bucket.namespace !== '' && disabled.has(bucket.namespace)) {
          outcomes[index] = { kind: 'filtered', reason: 'namespace_disabled' };
          continue;
        }
        const result = validateBucket(bucket, deps.registry, names);
        if (result.ok) valid.push({ index, bucket: result.bucket });
        else outcomes[index] = { kind: 'invalid', reason: result.reason, message: result.message };
      }

      const removedTags = new Map<number, string[]>();
      const unblocked =
        deps.blocking === undefined
          ? valid
          : await applyBlocking(deps.blocking, valid, outcomes, removedTags);

      // The hash is of the tags the bucket goes on with (blocked tags stripped); only sampled orgs need it.
      const items: CardinalityItem[] = new Array<CardinalityItem>(unblocked.length);
      for (let i = 0; i < unblocked.length; i++) {
        const bucket = unblocked[i]!.bucket;
        items[i] = {
          useCase: bucket.useCase,
          orgId: bucket.source.orgId,
          path: bucket.path,
          hash: () => seriesHashes.hash(bucket.source.name, bucket.tags),
        };
      }
      const cardinality = await deps.cardinality.check(items, Math.floor(nowMs / 1000));
      let admitted = unblocked;
      if (cardinality.rejected.size > 0) {
        admitted = [];
        for (let i = 0; i < unblocked.length; i++) {
          const entry = unblocked[i]!;
          if (cardinality.rejected.has(i))
            outcomes[entry.index] = { kind: 'filtered', reason: 'cardinality_limit' };
          else admitted.push(entry);
        }
      }

      const admittedBuckets = new Array<ValidBucket>(admitted.length);
      for (let i = 0; i < admitted.length; i++) admittedBuckets[i] = admitted[i]!.bucket;
      const { groups, positions, groupOf } = extractStringGroups(admittedBuckets);
      const results = groups.length === 0 ? [] : await deps.indexer.bulkRecord(groups);
      // One lookup per (use case, org) group: a string's outcome is at its position in the group.
      const lookups = groups.map((_, g) => {
        const at = positions[g]!;
        const recorded = results[g]!;
        return (string: string): StringOutcome | undefined => {
          const position = at.get(string);
          return position === undefined ? undefined : recorded[position];
        };
      });

      const tenSecondGranularity = options.tenSecondGranularity();
      const receivedAtSeconds = nowMs / 1000;
      for (let i = 0; i < admitted.length; i++) {
        const { index, bucket } = admitted[i]!;
        const outcome = reconstructBucket(bucket, {
          lookup: lookups[groupOf[i]!]!,
          receivedAtSeconds,
          aggregationOption: getAggregationOption(bucket.source.name, bucket.useCase, tenSecondGranularity),
        });
        const removed = removedTags.size === 0 ? undefined : removedTags.get(index);
        outcomes[index] =
          removed !== undefined && outcome.kind === 'indexed'
            ? { ...outcome, removedTags: removed }
            : outcome;
      }
      await cardinality.apply();
      return outcomes as BatchOutcome[];
    },
  };
}

type Entry = { index: number; bucket: ValidBucket };

/**
 * Drops buckets of metrics their project blocks (outcome `metric_blocked`) and strips blocked tags (recorded
 * in `removedTags` by bucket index); returns the buckets that go on.
 */
async function applyBlocking(
  blocking: MetricsBlocking,
  valid: readonly Entry[],
  outcomes: (BatchOutcome | undefined)[],
  removedTags: Map<number, string[]>,
): Promise<Entry[]> {
  const projectsByOrg = new Map<bigint, Set<bigint>>();
  for (const { bucket } of valid) {
    let projects = projectsByOrg.get(bucket.source.orgId);
    if (projects === undefined) projectsByOrg.set(bucket.source.orgId, (projects = new Set()));
    projects.add(bucket.source.projectId);
  }
  const states = new Map<bigint, ReadonlyMap<bigint, ProjectBlocking>>();
  await Promise.all(
    [...projectsByOrg].map(async ([orgId, projects]) => {
      states.set(orgId, await blocking.projectsOf(orgId, [...projects]));
    }),
  );
  const kept: Entry[] = [];
  for (const entry of valid) {
    const { source } = entry.bucket;
    const state = states.get(source.orgId)?.get(source.projectId)?.get(source.name);
    if (state === undefined) {
      kept.push(entry);
    } else if (state.isBlocked) {
      outcomes[entry.index] = { kind: 'filtered', reason: 'metric_blocked' };
    } else {
      const removed = entry.bucket.tags.filter(([key]) => state.blockedTags.has(key)).map(([key]) => key);
      if (removed.length === 0) {
        kept.push(entry);
        continue;
      }
      removedTags.set(entry.index, removed);
      const tags = entry.bucket.tags.filter(([key]) => !state.blockedTags.has(key));
      kept.push({ index: entry.index, bucket: { ...entry.bucket, tags } });
    }
  }
  return kept;
}
