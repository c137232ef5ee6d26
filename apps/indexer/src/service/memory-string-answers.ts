import type { DescMessage } from '@bufbuild/protobuf';
import { commonStrings } from '@mindex/proto';
import type { UseCaseId, UseCaseRegistry } from '@mindex/use-case-registry';
import { exceedsCodePoints } from '../index-batch/validate-bucket.js';
import type { IndexerCache } from '../indexer/indexer-cache.js';
import { FetchType } from '../indexer/fetch-type.js';
import type { SharedStrings } from '../indexer/shared-strings.js';
import type { StringOutcome } from '../indexer/string-indexer.js';
import type { AsciiGroupsRequest } from './ascii-groups-request.js';
import { EncodedGroupResults } from './encoded-group-results.js';
import { MAX_ORG_ID, REQUEST_LIMITS } from './request-limits.js';
import { GROUP_LENGTH_ROOM, RESULT_ROOM } from './strings-wire-codec.js';
import { ProtobufWriter } from './wire/protobuf-writer.js';

/** A groups request answered entirely from memory, and how many of its strings each layer answered. */
export interface MemoryAnswer {
  readonly response: EncodedGroupResults;
  readonly cacheHits: number;
  readonly hardcoded: number;
}

export interface MemoryStringAnswersDeps {
  cache: IndexerCache;
  shared: SharedStrings;
  registry: UseCaseRegistry;
}

export interface MemoryStringAnswers {
  /**
   * The response to a valid BulkRecord or BulkResolve whose every string is a static shared string or cached,
   * already encoded; undefined otherwise (the layers then answer it, or the service rejects it).
   */
  answer(groups: readonly commonStrings.OrgStrings[], responseSchema: DescMessage): MemoryAnswer | undefined;
  /** `answer` for a request read without decoding its strings: the ids are found from its bytes. */
  answerAscii(request: AsciiGroupsRequest, responseSchema: DescMessage): MemoryAnswer | undefined;
  /**
   * What the static strings and cache layers answer for one valid key (a HARDCODED or CACHE_HIT outcome), or
   * undefined when neither knows the string.
   */
  outcome(useCase: UseCaseId, orgId: bigint, string: string): StringOutcome | undefined;
}

const { maxStrings, maxGroups, maxStringCodePoints } = REQUEST_LIMITS;
const HARDCODED = commonStrings.FetchType.HARDCODED as number;
const CACHE_HIT = commonStrings.FetchType.CACHE_HIT as number;

/**
 * The warm path of BulkRecord and BulkResolve: what the static strings and cache layers would answer (the same
 * ids and fetch types; the bytes the codec would write for them), encoded as it is found, without an outcome
 * object, a result message or a bigint per string. Any string they cannot answer sends the request back to them.
 */
export function createMemoryStringAnswers(deps: MemoryStringAnswersDeps): MemoryStringAnswers {
  const { cache, shared, registry } = deps;
  return {
    answer(groups, responseSchema) {
      if (groups.length === 0 || groups.length > maxGroups) return undefined;
      // Room for ASCII strings (`ensure` grows the buffer for longer UTF-8): one allocation, nothing to spare.
      let estimate = 0;
      let total = 0;
      for (const group of groups) {
        total += group.strings.length;
        estimate += 32 + group.useCase.length * 3 + group.strings.length * (2 + RESULT_ROOM);
        for (const string of group.strings) estimate += string.length;
      }
      if (total > maxStrings) return undefined;
      const now = cache.nowSeconds();
      const out = new ProtobufWriter(estimate);
      let cacheHits = 0;
      let hardcoded = 0;
      for (const group of groups) {
        const { useCase, orgId, strings } = group;
        if (strings.length === 0 || !isAnswerableGroup(useCase, orgId)) return undefined;
        const org = cache.org(useCase, orgId);
        const groupStart = beginGroup(out, useCase, orgId);
        for (let i = 0; i < strings.length; i++) {
          const string = strings[i]!;
          if (exceedsCodePoints(string, maxStringCodePoints)) return undefined;
          const sharedId = shared.idOf(string);
          const id = sharedId !== undefined || org === undefined ? -1 : org.getNumber(string, now);
          if (sharedId === undefined && id < 0) return undefined;
          out.ensure(2 + RESULT_ROOM + string.length * 3);
          out.tag(3, 2);
          const resultStart = out.reserve(1);
          if (string !== '') {
            out.tag(1, 2);
            out.string(string);
          }
          if (writeId(out, sharedId, id)) hardcoded++;
          else cacheHits++;
          out.backfillLength(resultStart, 1);
        }
        out.backfillLength(groupStart, GROUP_LENGTH_ROOM);
      }
      return { response: new EncodedGroupResults(responseSchema, out.finish()), cacheHits, hardcoded };
    },

    answerAscii(request, responseSchema) {
      const { asciiGroups, bytes, view } = request;
      if (asciiGroups.length === 0 || asciiGroups.length > maxGroups) return undefined;
      // The response repeats the request's strings: its size is a close first guess.
      let estimate = bytes.length;
      let total = 0;
      for (const group of asciiGroups) {
        total += group.spans.length / 3;
        estimate += 32 + (group.spans.length / 3) * RESULT_ROOM;
      }
      if (total > maxStrings) return undefined;
      const now = cache.nowSeconds();
      const out = new ProtobufWriter(estimate);
      let cacheHits = 0;
      let hardcoded = 0;
      for (const { useCase, orgId, spans } of asciiGroups) {
        if (spans.length === 0 || !isAnswerableGroup(useCase, orgId)) return undefined;
        const org = cache.org(useCase, orgId);
        const groupStart = beginGroup(out, useCase, orgId);
        for (let i = 0; i < spans.length; i += 3) {
          const start = spans[i]!;
          const end = spans[i + 1]!;
          const hash = spans[i + 2]!;
          // ASCII: one code point per byte.
          if (end - start > maxStringCodePoints) return undefined;
          // Static strings never reach the cache (their layer answers first), so looking there first is safe.
          const id = org === undefined ? -1 : org.getNumberAscii(hash, view, start, end, now);
          const sharedId = id < 0 ? shared.idOfAscii(hash, view, start, end) : undefined;
          if (sharedId === undefined && id < 0) return undefined;
          out.ensure(2 + RESULT_ROOM + end - start);
          out.tag(3, 2);
          const resultStart = out.reserve(1);
          if (end > start) {
            out.tag(1, 2);
            out.bytes(view, start, end);
          }
          if (writeId(out, sharedId, id)) hardcoded++;
          else cacheHits++;
          out.backfillLength(resultStart, 1);
        }
        out.backfillLength(groupStart, GROUP_LENGTH_ROOM);
      }
      return { response: new EncodedGroupResults(responseSchema, out.finish()), cacheHits, hardcoded };
    },

    outcome(useCase, orgId, string) {
      const sharedId = shared.idOf(string);
      if (sharedId !== undefined) return { id: sharedId, fetchType: FetchType.HARDCODED, globalQuota: false };
      const id = cache.org(useCase, orgId)?.get(string, cache.nowSeconds());
      return id === undefined ? undefined : { id, fetchType: FetchType.CACHE_HIT, globalQuota: false };
    },
  };

  function isAnswerableGroup(useCase: string, orgId: bigint): useCase is UseCaseId {
    return registry.isUseCaseId(useCase) && orgId <= MAX_ORG_ID;
  }
}

/** Writes an OrgStringResults' tag and fields before its results; returns where its length goes. */
function beginGroup(out: ProtobufWriter, useCase: string, orgId: bigint): number {
  out.ensure(1 + GROUP_LENGTH_ROOM + 1 + 5 + useCase.length * 3 + 11);
  out.tag(1, 2);
  const groupStart = out.reserve(GROUP_LENGTH_ROOM);
  out.tag(1, 2);
  out.string(useCase);
  if (orgId !== 0n) {
    out.tag(2, 0);
    out.uint64(orgId);
  }
  return groupStart;
}

/** Writes a StringResult's id and fetch type: the static id (HARDCODED) if any, else the cached id; true for static. */
function writeId(out: ProtobufWriter, sharedId: bigint | undefined, cachedId: number): boolean {
  out.tag(2, 0);
  if (sharedId !== undefined) {
    out.uint64(sharedId);
    out.tag(3, 0);
    out.varint(HARDCODED);
    return true;
  }
  out.uint53(cachedId);
  out.tag(3, 0);
  out.varint(CACHE_HIT);
  return false;
}
