import { create, type DescMessage } from '@bufbuild/protobuf';
import { Code, ConnectError, type ServiceImpl } from '@connectrpc/connect';
import { commonStrings, indexer as indexerProto, type commonBuckets } from '@mindex/proto';
import { invalidArgument, notFound } from '@mindex/rpc-server';
import type { UseCaseId, UseCaseRegistry } from '@mindex/use-case-registry';
import type { BatchIndexer, BatchOutcome } from '../index-batch/index-batch.js';
import { exceedsCodePoints } from '../index-batch/validate-bucket.js';
import { FetchType } from '../indexer/fetch-type.js';
import type { SharedStrings } from '../indexer/shared-strings.js';
import type { KeyGroup, StringIndexer, StringOutcome } from '../indexer/string-indexer.js';
import { AsciiGroupsRequest } from './ascii-groups-request.js';
import { fetchTypeToWire } from './fetch-type-wire.js';
import type { MemoryAnswer, MemoryStringAnswers } from './memory-string-answers.js';
import { MAX_ORG_ID, REQUEST_LIMITS } from './request-limits.js';
import { createRequestViolations, type RequestViolations } from './request-violations.js';

const STRING_RESULT = commonStrings.StringResultSchema.typeName as 'mindex.common.v1.StringResult';
const ORG_STRING_RESULTS = commonStrings.OrgStringResultsSchema
  .typeName as 'mindex.common.v1.OrgStringResults';

/**
 * Result messages are built as plain protobuf-es message objects rather than through `create()`: the warm
 * BulkRecord path makes one per string, and `create()` costs about as much as the cache lookup itself. Every
 * field is set, so they are complete messages.
 */
function stringResult(string: string, outcome: StringOutcome | undefined): commonStrings.StringResult {
  if (outcome === undefined) {
    return {
      $typeName: STRING_RESULT,
      string,
      fetchType: commonStrings.FetchType.UNSPECIFIED,
      globalQuota: false,
    };
  }
  const result: commonStrings.StringResult = {
    $typeName: STRING_RESULT,
    string,
    fetchType: fetchTypeToWire(outcome.fetchType),
    globalQuota: outcome.globalQuota,
  };
  if (outcome.id !== undefined) result.id = outcome.id;
  return result;
}

/** Hooks for metrics: outcomes of BulkRecord / Record strings, and of IndexBatch buckets. */
export interface IndexerServiceObserver {
  recorded(outcomes: readonly (readonly StringOutcome[])[]): void;
  /** A recording call answered from memory: its strings' counts by fetch type. */
  recordedFromMemory(cacheHits: number, hardcoded: number): void;
  batched(outcomes: readonly BatchOutcome[]): void;
}

/** Sends indexed buckets on (to the query service); throws when it cannot. */
export type BucketForwarder = (buckets: readonly commonBuckets.IndexedBucket[]) => Promise<void>;

export interface IndexerServiceDeps {
  indexer: StringIndexer;
  shared: SharedStrings;
  batchIndexer: BatchIndexer;
  registry: UseCaseRegistry;
  /** Where IndexBatch forwards indexed buckets; none when no query service is configured. */
  forward?: BucketForwarder;
  /** Told what each recording call and batch produced (for metrics). */
  observer?: IndexerServiceObserver;
  /** Answers string requests whose strings are all static or cached, before the layers see them. */
  memory?: MemoryStringAnswers;
}

type UseCaseForm = 'id' | 'id-or-key';

const { maxStrings, maxGroups, maxIds, maxBuckets, maxStringCodePoints } = REQUEST_LIMITS;

/**
 * The IndexerService (proto mindex.indexer.v1): validates every request completely before touching the
 * layers (so bad input never leaves a partial mapping), maps it to typed keys, and maps outcomes back.
 */
export function createIndexerService(
  deps: IndexerServiceDeps,
): ServiceImpl<typeof indexerProto.IndexerService> {
  const { registry } = deps;

  const checkUseCase = (value: string, field: string, form: UseCaseForm, v: RequestViolations): UseCaseId => {
    if (form === 'id') {
      if (registry.isUseCaseId(value)) return value;
      v.add(field, `unknown use case ${JSON.stringify(value)}`);
      return value;
    }
    const result = registry.stringToUseCaseId(value);
    if (result.ok) return result.useCaseId;
    v.add(field, `unknown use case ${JSON.stringify(value)}`);
    return value;
  };

  const checkOrgId = (orgId: bigint, field: string, v: RequestViolations): void => {
    if (orgId > MAX_ORG_ID) v.add(field, `must be at most ${MAX_ORG_ID} (a signed 64-bit integer)`);
  };

  const checkString = (string: string, field: string, v: RequestViolations): void => {
    if (exceedsCodePoints(string, maxStringCodePoints))
      v.add(field, `longer than ${maxStringCodePoints} code points`);
  };

  const throwIfAny = (v: RequestViolations): void => {
    const error = v.error();
    if (error !== undefined) throw error;
  };

  const checkGroups = (groups: readonly commonStrings.OrgStrings[]): KeyGroup[] => {
    const v = createRequestViolations();
    if (groups.length === 0) v.add('groups', 'at least one group is required');
    if (groups.length > maxGroups)
      v.add('groups', `${groups.length} groups, at most ${maxGroups} per request`);
    let total = 0;
    for (const group of groups) total += group.strings.length;
    if (total > maxStrings) v.add('groups', `${total} strings, at most ${maxStrings} per request`);
    throwIfAny(v);
    const keyGroups = groups.map((group, g) => {
      const useCase = checkUseCase(group.useCase, `groups[${g}].use_case`, 'id', v);
      checkOrgId(group.orgId, `groups[${g}].org_id`, v);
      if (group.strings.length === 0) v.add(`groups[${g}].strings`, 'at least one string is required');
      // The field name is built only for a violation: this loop runs for every string of the warm path.
      const strings = group.strings;
      for (let i = 0; i < strings.length; i++) {
        if (exceedsCodePoints(strings[i]!, maxStringCodePoints))
          v.add(`groups[${g}].strings[${i}]`, `longer than ${maxStringCodePoints} code points`);
      }
      return { useCase, orgId: group.orgId, strings: group.strings };
    });
    throwIfAny(v);
    return keyGroups;
  };

  const groupResults = (
    groups: readonly KeyGroup[],
    outcomes: readonly (readonly (StringOutcome | undefined)[])[],
  ): commonStrings.OrgStringResults[] =>
    groups.map((group, g) => {
      const groupOutcomes = outcomes[g]!;
      const results = new Array<commonStrings.StringResult>(group.strings.length);
      for (let i = 0; i < results.length; i++) results[i] = stringResult(group.strings[i]!, groupOutcomes[i]);
      return { $typeName: ORG_STRING_RESULTS, useCase: group.useCase, orgId: group.orgId, results };
    });

  /** A groups request answered from memory, from its bytes when the codec left its strings undecoded. */
  const answerFromMemory = (
    request: { groups: readonly commonStrings.OrgStrings[] },
    responseSchema: DescMessage,
  ): MemoryAnswer | undefined => {
    if (deps.memory === undefined) return undefined;
    return request instanceof AsciiGroupsRequest
      ? deps.memory.answerAscii(request, responseSchema)
      : deps.memory.answer(request.groups, responseSchema);
  };

  const singleKey = (
    request: { useCase: string; orgId: bigint; string: string },
    form: UseCaseForm,
  ): KeyGroup => {
    const v = createRequestViolations();
    const useCase = checkUseCase(request.useCase, 'use_case', form, v);
    checkOrgId(request.orgId, 'org_id', v);
    checkString(request.string, 'string', v);
    throwIfAny(v);
    return { useCase, orgId: request.orgId, strings: [request.string] };
  };

  return {
    // The string methods answer from memory without a promise when they can: a warm call then costs no
    // promise and no async hook (each Resolve is one string, so these are a visible share of its cost).
    bulkRecord(request) {
      const answer = answerFromMemory(request, indexerProto.BulkRecordResponseSchema);
      if (answer !== undefined) {
        deps.observer?.recordedFromMemory(answer.cacheHits, answer.hardcoded);
        return answer.response as unknown as indexerProto.BulkRecordResponse;
      }
      const groups = checkGroups(request.groups);
      return deps.indexer.bulkRecord(groups).then((outcomes) => {
        deps.observer?.recorded(outcomes);
        return create(indexerProto.BulkRecordResponseSchema, { groups: groupResults(groups, outcomes) });
      });
    },

    record(request) {
      const group = singleKey(request, 'id');
      const known = deps.memory?.outcome(group.useCase, group.orgId, request.string);
      if (known !== undefined) {
        const hardcoded = known.fetchType === FetchType.HARDCODED ? 1 : 0;
        deps.observer?.recordedFromMemory(1 - hardcoded, hardcoded);
        return create(indexerProto.RecordResponseSchema, { result: stringResult(request.string, known) });
      }
      return deps.indexer.bulkRecord([group]).then((outcomes) => {
        deps.observer?.recorded(outcomes);
        const [[outcome]] = outcomes as [[StringOutcome]];
        return create(indexerProto.RecordResponseSchema, { result: stringResult(request.string, outcome) });
      });
    },

    resolve(request) {
      const group = singleKey(request, 'id-or-key');
      const known = deps.memory?.outcome(group.useCase, group.orgId, request.string);
      if (known !== undefined) {
        return create(indexerProto.ResolveResponseSchema, { result: stringResult(request.string, known) });
      }
      return deps.indexer.bulkResolve([group]).then((outcomes) => {
        const [[outcome]] = outcomes as [[StringOutcome | undefined]];
        return create(indexerProto.ResolveResponseSchema, { result: stringResult(request.string, outcome) });
      });
    },

    bulkResolve(request) {
      const answer = answerFromMemory(request, indexerProto.BulkResolveResponseSchema);
      if (answer !== undefined) return answer.response as unknown as indexerProto.BulkResolveResponse;
      const groups = checkGroups(request.groups);
      return deps.indexer
        .bulkResolve(groups)
        .then((outcomes) =>
          create(indexerProto.BulkResolveResponseSchema, { groups: groupResults(groups, outcomes) }),
        );
    },

    async reverseResolve(request) {
      const v = createRequestViolations();
      const useCase = checkUseCase(request.useCase, 'use_case', 'id-or-key', v);
      checkOrgId(request.orgId, 'org_id', v);
      throwIfAny(v);
      const found = await deps.indexer.reverseResolve(useCase, request.orgId, request.id);
      // An id of another organization is indistinguishable from an unknown one: no string leaks.
      if (found === undefined) throw notFound(`id ${request.id} in organization ${request.orgId}`);
      return create(indexerProto.ReverseResolveResponseSchema, {
        result: { id: request.id, string: found.string, fetchType: fetchTypeToWire(found.fetchType) },
      });
    },

    async bulkReverseResolve(request) {
      const v = createRequestViolations();
      const useCase = checkUseCase(request.useCase, 'use_case', 'id', v);
      checkOrgId(request.orgId, 'org_id', v);
      if (request.ids.length === 0) v.add('ids', 'at least one id is required');
      if (request.ids.length > maxIds)
        v.add('ids', `${request.ids.length} ids, at most ${maxIds} per request`);
      throwIfAny(v);
      const found = await deps.indexer.bulkReverseResolve(useCase, request.orgId, request.ids);
      const results: commonStrings.IdResult[] = [];
      const listed = new Set<bigint>();
      for (const id of request.ids) {
        const outcome = found.get(id);
        if (outcome === undefined || listed.has(id)) continue;
        listed.add(id);
        results.push(
          create(commonStrings.IdResultSchema, {
            id,
            string: outcome.string,
            fetchType: fetchTypeToWire(outcome.fetchType),
          }),
        );
      }
      return create(indexerProto.BulkReverseResolveResponseSchema, { results });
    },

    async resolveShared(request) {
      if (exceedsCodePoints(request.string, maxStringCodePoints)) {
        throw invalidArgument('string', `longer than ${maxStringCodePoints} code points`);
      }
      return create(indexerProto.ResolveSharedResponseSchema, { id: deps.shared.idOf(request.string) });
    },

    async reverseResolveShared(request) {
      return create(indexerProto.ReverseResolveSharedResponseSchema, {
        string: deps.shared.stringOf(request.id),
      });
    },

    async indexBatch(request) {
      if (request.buckets.length === 0) throw invalidArgument('buckets', 'at least one bucket is required');
      if (request.buckets.length > maxBuckets) {
        throw invalidArgument(
          'buckets',
          `${request.buckets.length} buckets, at most ${maxBuckets} per request`,
        );
      }
      const outcomes = await deps.batchIndexer.indexBatch(request.buckets);
      deps.observer?.batched(outcomes);
      if (deps.forward !== undefined) {
        const indexed = outcomes.flatMap((o) => (o.kind === 'indexed' ? [o.bucket] : []));
        if (indexed.length > 0) await forwardOrFail(deps.forward, indexed);
      }
      const wire: indexerProto.BucketOutcome[] = new Array(outcomes.length);
      for (let i = 0; i < outcomes.length; i++) wire[i] = outcomeToWire(outcomes[i]!);
      return { $typeName: INDEX_BATCH_RESPONSE, outcomes: wire };
    },
  };
}

async function forwardOrFail(
  forward: BucketForwarder,
  buckets: readonly commonBuckets.IndexedBucket[],
): Promise<void> {
  try {
    await forward(buckets);
  } catch (error) {
    // A refusal is a bug in what we forward (validation drifted from the query service's), not an outage:
    // retrying would not help, so it must not look like UNAVAILABLE.
    const cause = ConnectError.from(error);
    if (cause.code === Code.InvalidArgument) {
      throw new ConnectError(
        `query service rejected the indexed buckets: ${cause.rawMessage}`,
        Code.Internal,
        undefined,
        undefined,
        error,
      );
    }
    // The strings are indexed; the caller retries the batch (idempotent) once the query service is back.
    throw new ConnectError('query service unavailable', Code.Unavailable, undefined, undefined, error);
  }
}

const INDEX_BATCH_RESPONSE = indexerProto.IndexBatchResponseSchema.typeName;
const BUCKET_OUTCOME = indexerProto.BucketOutcomeSchema.typeName;
const INDEXED_OUTCOME = indexerProto.IndexedOutcomeSchema.typeName;
const INVALID_OUTCOME = indexerProto.InvalidOutcomeSchema.typeName;
const FILTERED_OUTCOME = indexerProto.FilteredOutcomeSchema.typeName;
const DROPPED_OUTCOME = indexerProto.DroppedOutcomeSchema.typeName;

/**
 * The BucketOutcome message create(BucketOutcomeSchema, ...) would build, as a literal: create() walks the
 * schema and checks every nested value, which cost more than a warm bucket's indexing.
 */
function outcomeToWire(outcome: BatchOutcome): indexerProto.BucketOutcome {
  switch (outcome.kind) {
    case 'indexed':
      return {
        $typeName: BUCKET_OUTCOME,
        outcome: {
          case: 'indexed',
          value: {
            $typeName: INDEXED_OUTCOME,
            bucket: outcome.bucket,
            removedTags: outcome.removedTags === undefined ? [] : [...outcome.removedTags],
          },
        },
      };
    case 'invalid':
      return {
        $typeName: BUCKET_OUTCOME,
        outcome: {
          case: 'invalid',
          value: { $typeName: INVALID_OUTCOME, reason: outcome.reason, message: outcome.message },
        },
      };
    case 'filtered':
      return {
        $typeName: BUCKET_OUTCOME,
        outcome: { case: 'filtered', value: { $typeName: FILTERED_OUTCOME, reason: outcome.reason } },
      };
    case 'dropped':
      return {
        $typeName: BUCKET_OUTCOME,
        outcome: {
          case: 'dropped',
          value: {
            $typeName: DROPPED_OUTCOME,
            reason: outcome.reason,
            stringType: outcome.stringType,
            globalQuota: outcome.globalQuota,
          },
        },
      };
  }
}
