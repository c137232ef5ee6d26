import { create, toBinary, type DescMessage } from '@bufbuild/protobuf';
import {
  Code,
  ConnectError,
  createClient,
  createRouterTransport,
  type HandlerContext,
} from '@connectrpc/connect';
import { commonStrings, indexer as indexerProto } from '@mindex/proto';
import { createUseCaseRegistry } from '@mindex/use-case-registry';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryHarness } from '../../test/support/indexer-harness.js';
import type { KeyGroup, StringIndexer } from '../indexer/string-indexer.js';
import { AsciiGroupsRequest } from './ascii-groups-request.js';
import { EncodedGroupResults } from './encoded-group-results.js';
import { createIndexerService, type IndexerServiceObserver } from './indexer-service.js';
import { createMemoryStringAnswers } from './memory-string-answers.js';
import { createStringsGrpcCodecs, decodeGroupsRequest } from './strings-wire-codec.js';

const { FetchType } = commonStrings;
type OrgStringsInit = { useCase: string; orgId: bigint; strings: string[] };
type GroupResults = indexerProto.BulkRecordResponse | indexerProto.BulkResolveResponse;

function setup() {
  const h = createMemoryHarness();
  const registry = createUseCaseRegistry();
  const memory = createMemoryStringAnswers({ cache: h.core.cache, shared: h.core.shared, registry });
  const innerCalls: KeyGroup[][] = [];
  // The layers, with every call that reaches past them recorded.
  const indexer: StringIndexer = {
    ...h.core.indexer,
    bulkRecord: (groups) => (innerCalls.push([...groups]), h.core.indexer.bulkRecord(groups)),
    bulkResolve: (groups) => (innerCalls.push([...groups]), h.core.indexer.bulkResolve(groups)),
  };
  const fromMemory: [number, number][] = [];
  const asciiAnswers = { count: 0 };
  const observer: IndexerServiceObserver = {
    recorded: () => {},
    batched: () => {},
    recordedFromMemory: (hits, hardcoded) => void fromMemory.push([hits, hardcoded]),
  };
  const deps = { indexer, shared: h.core.shared, batchIndexer: h.core.batchIndexer, registry, observer };
  const layered = createIndexerService(deps);
  const service = createIndexerService({ ...deps, memory });
  const request = (groups: OrgStringsInit[]) => create(indexerProto.BulkRecordRequestSchema, { groups });
  // Answers from the decoded strings and, when they are all ASCII, from the request's bytes as the codec reads
  // them: both must give the same answer.
  const answer = (groups: OrgStringsInit[], schema: DescMessage = indexerProto.BulkRecordResponseSchema) => {
    const fromStrings = memory.answer(request(groups).groups, schema);
    const bytes = toBinary(indexerProto.BulkRecordRequestSchema, request(groups));
    const read = decodeGroupsRequest(bytes, indexerProto.BulkRecordRequestSchema.typeName);
    if (read instanceof AsciiGroupsRequest) {
      asciiAnswers.count++;
      const fromBytes = memory.answerAscii(read, schema);
      expect(fromBytes && { ...fromBytes, response: Buffer.from(fromBytes.response.bytes) }).toEqual(
        fromStrings && { ...fromStrings, response: Buffer.from(fromStrings.response.bytes) },
      );
    }
    return fromStrings;
  };
  type Impl = typeof service;
  const context = undefined as unknown as HandlerContext;
  const call = async (impl: Impl, method: 'bulkRecord' | 'bulkResolve', groups: OrgStringsInit[]) =>
    (await (method === 'bulkRecord'
      ? impl.bulkRecord(request(groups), context)
      : impl.bulkResolve(
          create(indexerProto.BulkResolveRequestSchema, { groups }),
          context,
        ))) as GroupResults;
  return { h, memory, layered, service, innerCalls, fromMemory, answer, call, asciiAnswers };
}

const bytesOf = (schema: DescMessage, message: GroupResults) => Buffer.from(toBinary(schema, message));

const useCase = fc.constantFrom('transactions', 'sessions', 'spans', 'custom');
const orgId = fc.oneof(
  fc.constantFrom(1n, 2n, 2n ** 40n, (1n << 63n) - 1n),
  fc.bigInt({ min: 0n, max: 100n }),
);
const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  // Static shared strings (HARDCODED in every org and use case) and a 200-code-point string.
  fc.constantFrom('release', 'environment', 'transaction', 'é'.repeat(200), ''),
);
const asciiText = fc.oneof(
  fc.string({ maxLength: 30, unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)) }),
  fc.constantFrom('release', 'environment', 'x'.repeat(200), ''),
);
const groupsOf = (strings: fc.Arbitrary<string>) =>
  fc.array(fc.record({ useCase, orgId, strings: fc.array(strings, { minLength: 1, maxLength: 8 }) }), {
    minLength: 1,
    maxLength: 4,
  });
// Half of them all ASCII, which the codec reads without decoding (answered from their bytes).
const groups = fc.oneof(groupsOf(text), groupsOf(asciiText));

describe('createMemoryStringAnswers', () => {
  it.each([
    ['BulkRecord', indexerProto.BulkRecordResponseSchema, 'bulkRecord'],
    ['BulkResolve', indexerProto.BulkResolveResponseSchema, 'bulkResolve'],
  ] as const)(
    "answers a warm %s with exactly the layers' bytes and fetch types",
    async (_, schema, method) => {
      let fromBytes = 0;
      await fc.assert(
        fc.asyncProperty(groups, async (input) => {
          const s = setup();
          await s.call(s.layered, 'bulkRecord', input);
          const expected = await s.call(s.layered, method, input);
          const answer = s.answer(input, schema);
          expect(answer).toBeDefined();
          expect(Buffer.from(answer!.response.bytes)).toEqual(bytesOf(schema, expected));
          const fetchTypes = expected.groups.flatMap((g) => g.results.map((r) => r.fetchType));
          expect([answer!.cacheHits, answer!.hardcoded]).toEqual([
            fetchTypes.filter((t) => t === FetchType.CACHE_HIT).length,
            fetchTypes.filter((t) => t === FetchType.HARDCODED).length,
          ]);
          fromBytes += s.asciiAnswers.count;
        }),
        { numRuns: 150 },
      );
      // The all-ASCII requests were answered from their bytes too (and matched).
      expect(fromBytes).toBeGreaterThan(30);
    },
  );

  it('leaves a request with any string it does not hold to the layers', async () => {
    const s = setup();
    await s.call(s.layered, 'bulkRecord', [{ useCase: 'spans', orgId: 1n, strings: ['a', 'b'] }]);
    expect(s.answer([{ useCase: 'spans', orgId: 1n, strings: ['a', 'b'] }])).toBeDefined();
    expect(s.answer([{ useCase: 'spans', orgId: 1n, strings: ['a', 'new'] }])).toBeUndefined();
    expect(s.answer([{ useCase: 'spans', orgId: 2n, strings: ['a'] }])).toBeUndefined();
    expect(s.answer([{ useCase: 'transactions', orgId: 1n, strings: ['a'] }])).toBeUndefined();
    // Static strings need no cache entry.
    expect(s.answer([{ useCase: 'spans', orgId: 99n, strings: ['release'] }])?.hardcoded).toBe(1);
  });

  it('leaves expired entries to the layers', async () => {
    const s = setup();
    await s.call(s.layered, 'bulkRecord', [{ useCase: 'spans', orgId: 1n, strings: ['a'] }]);
    s.h.clock.advance(3 * 3600 * 1000);
    expect(s.answer([{ useCase: 'spans', orgId: 1n, strings: ['a'] }])).toBeUndefined();
  });

  it('leaves invalid requests to the service, which rejects them as before', async () => {
    const s = setup();
    const cached = ['a', 'x'.repeat(201)];
    await s.call(s.layered, 'bulkRecord', [{ useCase: 'spans', orgId: 1n, strings: ['a'] }]);
    s.h.core.cache.set('spans', 1n, cached[1]!, 5n);
    s.h.core.cache.set('spans', 1n << 63n, 'a', 6n);
    const invalid: OrgStringsInit[][] = [
      [],
      [{ useCase: 'spans', orgId: 1n, strings: [] }],
      [{ useCase: 'nope', orgId: 1n, strings: ['release'] }],
      [{ useCase: 'spans', orgId: 1n << 63n, strings: ['a'] }],
      [{ useCase: 'spans', orgId: 1n, strings: cached }],
      [{ useCase: 'spans', orgId: 1n, strings: Array.from({ length: 10_001 }, () => 'release') }],
    ];
    for (const groups of invalid) {
      expect(s.answer(groups)).toBeUndefined();
      const error = await s.call(s.service, 'bulkRecord', groups).then(
        () => undefined,
        (e: unknown) => ConnectError.from(e),
      );
      expect(error?.code).toBe(Code.InvalidArgument);
    }
  });

  it('lets the service answer warm calls without the layers, and counts them', async () => {
    const s = setup();
    const groups = [{ useCase: 'spans', orgId: 1n, strings: ['a', 'release', 'a'] }];
    await s.call(s.service, 'bulkRecord', groups);
    expect(s.innerCalls).toHaveLength(1);
    const response = await s.call(s.service, 'bulkRecord', groups);
    expect(s.innerCalls).toHaveLength(1);
    expect(s.fromMemory).toEqual([[2, 1]]);
    expect(response).toBeInstanceOf(EncodedGroupResults);
    // Anything reading the message gets the decoded results.
    expect(response.groups[0]!.results.map((r) => [r.string, r.fetchType])).toEqual([
      ['a', FetchType.CACHE_HIT],
      ['release', FetchType.HARDCODED],
      ['a', FetchType.CACHE_HIT],
    ]);
    // The gRPC codec sends the bytes as they are.
    const codec = createStringsGrpcCodecs().bulkRecord!;
    expect(codec.encodeResponse!(response)).toBe((response as unknown as EncodedGroupResults).bytes);
    await s.call(s.service, 'bulkResolve', groups);
    expect(s.innerCalls).toHaveLength(1);
  });

  it('answers a warm Resolve and Record at once (no promise), exactly as the layers do', async () => {
    const context = undefined as unknown as HandlerContext;
    await fc.assert(
      fc.asyncProperty(useCase, orgId, text, async (uc, org, string) => {
        const s = setup();
        const key = { useCase: uc, orgId: org, string };
        const resolveRequest = create(indexerProto.ResolveRequestSchema, key);
        const recordRequest = create(indexerProto.RecordRequestSchema, key);
        await s.layered.record(recordRequest, context);
        const layerCalls = s.innerCalls.length;

        const resolved = s.service.resolve(resolveRequest, context);
        const recorded = s.service.record(recordRequest, context);
        expect(resolved).not.toBeInstanceOf(Promise);
        expect(recorded).not.toBeInstanceOf(Promise);
        expect(s.innerCalls).toHaveLength(layerCalls);
        expect(resolved).toEqual(await s.layered.resolve(resolveRequest, context));
        expect(recorded).toEqual(await s.layered.record(recordRequest, context));
        const hardcoded = (recorded as indexerProto.RecordResponse).result!.fetchType === FetchType.HARDCODED;
        expect(s.fromMemory).toEqual([hardcoded ? [0, 1] : [1, 0]]);
      }),
      { numRuns: 150 },
    );
  });

  it('leaves a Resolve or Record of a string it does not hold, or holds expired, to the layers', async () => {
    const s = setup();
    const context = undefined as unknown as HandlerContext;
    const key = { useCase: 'spans', orgId: 1n, string: 'new' };
    const resolve = () => s.service.resolve(create(indexerProto.ResolveRequestSchema, key), context);
    const fetchTypeOf = async (response: ReturnType<typeof resolve>) => (await response).result!.fetchType;

    const unknown = resolve();
    expect(unknown).toBeInstanceOf(Promise);
    expect(await fetchTypeOf(unknown)).toBe(FetchType.UNSPECIFIED);
    const recorded = s.service.record(create(indexerProto.RecordRequestSchema, key), context);
    expect(recorded).toBeInstanceOf(Promise);
    expect((await recorded).result!.fetchType).toBe(FetchType.FIRST_SEEN);
    expect(s.innerCalls).toHaveLength(2);
    expect(await fetchTypeOf(resolve())).toBe(FetchType.CACHE_HIT);
    expect(s.innerCalls).toHaveLength(2);

    s.h.clock.advance(3 * 3600 * 1000);
    const expired = resolve();
    expect(expired).toBeInstanceOf(Promise);
    expect(await fetchTypeOf(expired)).toBe(FetchType.DB_READ);
    expect(s.innerCalls).toHaveLength(3);
  });

  it('answers over the Connect port too (the response is re-encoded from its decoded groups)', async () => {
    const s = setup();
    const transport = createRouterTransport(({ service }) => service(indexerProto.IndexerService, s.service));
    const client = createClient(indexerProto.IndexerService, transport);
    const groups = [{ useCase: 'spans', orgId: 1n, strings: ['a', 'release'] }];
    const first = await client.bulkRecord({ groups });
    const again = await client.bulkRecord({ groups });
    expect(s.fromMemory).toEqual([[1, 1]]);
    expect(again.groups[0]!.results.map((r) => [r.string, r.id, r.fetchType])).toEqual([
      ['a', first.groups[0]!.results[0]!.id, FetchType.CACHE_HIT],
      ['release', first.groups[0]!.results[1]!.id, FetchType.HARDCODED],
    ]);
  });
});
