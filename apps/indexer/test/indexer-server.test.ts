import { Code, ConnectError } from '@connectrpc/connect';
import { commonStrings } from '@mindex/proto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sessionBuckets, bucket } from './support/buckets.js';
import { startTestServer, type TestServer } from './support/server.js';

const { FetchType } = commonStrings;
const UC = 'transactions';
const PER_ORG = 'sentry-metrics.writes-limiter.limits.performance.per-org';
const GLOBAL = 'sentry-metrics.writes-limiter.limits.performance.global';
const quota = (limit: number) => [{ window_seconds: 10, granularity_seconds: 10, limit }];

async function errorOf(call: Promise<unknown>): Promise<ConnectError> {
  try {
    await call;
  } catch (error) {
    return ConnectError.from(error);
  }
  throw new Error('the call succeeded');
}

describe('indexer server over gRPC on FerretDB: spec §4.10 and §5.1', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await startTestServer();
  });
  afterEach(async () => {
    await t.stop();
  });

  it('gives static strings their shared ids and new strings new ids; resolve agrees', async () => {
    const { groups } = await t.client.bulkRecord({
      groups: [
        { useCase: UC, orgId: 2n, strings: ['release', '1.0.0'] },
        { useCase: UC, orgId: 3n, strings: ['production', 'environment', 'release', '2.0.0'] },
      ],
    });
    expect(groups.map((g) => g.results.map((r) => r.fetchType))).toEqual([
      [FetchType.HARDCODED, FetchType.FIRST_SEEN],
      [FetchType.HARDCODED, FetchType.HARDCODED, FetchType.HARDCODED, FetchType.FIRST_SEEN],
    ]);
    expect(groups[1]!.results.map((r) => r.id).slice(0, 3)).toEqual([
      9223372036854776015n,
      9223372036854776010n,
      9223372036854776016n,
    ]);
    const id = groups[0]!.results[1]!.id!;
    expect((await t.client.resolve({ useCase: UC, orgId: 2n, string: '1.0.0' })).result?.id).toBe(id);
    expect((await t.client.reverseResolve({ useCase: UC, orgId: 2n, id })).result?.string).toBe('1.0.0');
    expect((await errorOf(t.client.reverseResolve({ useCase: UC, orgId: 2n, id: 1234n }))).code).toBe(
      Code.NotFound,
    );
    expect((await errorOf(t.client.reverseResolve({ useCase: UC, orgId: 3n, id }))).code).toBe(Code.NotFound);
  });

  it('answers DB_READ for strings another instance created, then CACHE_HIT', async () => {
    const other = await startTestServer({ INDEXER_MONGODB_DATABASE: t.database });
    try {
      await other.client.bulkRecord({ groups: [{ useCase: UC, orgId: 1n, strings: ['a', 'b', 'c'] }] });
      const first = await t.client.bulkRecord({
        groups: [{ useCase: UC, orgId: 1n, strings: ['a', 'b', 'c'] }],
      });
      expect(first.groups[0]!.results.map((r) => r.fetchType)).toEqual(Array(3).fill(FetchType.DB_READ));
      const second = await t.client.bulkRecord({
        groups: [{ useCase: UC, orgId: 1n, strings: ['a', 'b', 'c', 'd'] }],
      });
      expect(second.groups[0]!.results.map((r) => r.fetchType)).toEqual([
        FetchType.CACHE_HIT,
        FetchType.CACHE_HIT,
        FetchType.CACHE_HIT,
        FetchType.FIRST_SEEN,
      ]);
    } finally {
      await other.stop();
    }
  });

  it('rate limits per org, then under a new global quota (the §4.10 scenario)', async () => {
    t.setOptions({ [PER_ORG]: quota(1) });
    const request = {
      groups: [
        { useCase: UC, orgId: 1n, strings: ['a', 'b', 'c'] },
        { useCase: UC, orgId: 2n, strings: ['e', 'f'] },
        { useCase: UC, orgId: 3n, strings: ['g'] },
      ],
    };
    const first = (await t.client.bulkRecord(request)).groups.map((g) => g.results.map((r) => r.fetchType));
    expect(first).toEqual([
      [FetchType.FIRST_SEEN, FetchType.RATE_LIMITED, FetchType.RATE_LIMITED],
      [FetchType.FIRST_SEEN, FetchType.RATE_LIMITED],
      [FetchType.FIRST_SEEN],
    ]);
    const more = await t.client.bulkRecord({
      groups: [{ useCase: UC, orgId: 1n, strings: ['x', 'y', 'z'] }],
    });
    expect(more.groups[0]!.results.map((r) => [r.id, r.fetchType, r.globalQuota])).toEqual(
      Array(3).fill([undefined, FetchType.RATE_LIMITED, false]),
    );
    t.setOptions({ [GLOBAL]: quota(2) });
    const retry = (await t.client.bulkRecord(request)).groups.flatMap((g) => g.results);
    expect(retry.filter((r) => r.fetchType === FetchType.FIRST_SEEN)).toHaveLength(2);
    expect(retry.filter((r) => r.fetchType === FetchType.RATE_LIMITED).map((r) => r.globalQuota)).toEqual([
      true,
    ]);
  });

  it('shares one writes budget between instances (counters in MongoDB)', async () => {
    const other = await startTestServer({ INDEXER_MONGODB_DATABASE: t.database });
    try {
      for (const s of [t, other]) s.setOptions({ [GLOBAL]: quota(6) });
      const strings = (p: string) => [1, 2, 3].map((i) => `${p}${i}`);
      const request = (p: string) => ({
        groups: [
          { useCase: UC, orgId: 1n, strings: strings(p) },
          { useCase: UC, orgId: 2n, strings: strings(p) },
        ],
      });
      const limited = (r: Awaited<ReturnType<typeof t.client.bulkRecord>>) =>
        r.groups.flatMap((g) => g.results).filter((x) => x.fetchType === FetchType.RATE_LIMITED).length;
      expect(limited(await t.client.bulkRecord(request('a')))).toBe(0);
      expect(limited(await other.client.bulkRecord(request('b')))).toBe(6);
      expect(limited(await t.client.bulkRecord(request('c')))).toBe(6);
      t.clock.advance(10_000);
      other.clock.advance(10_000);
      expect(limited(await other.client.bulkRecord(request('d')))).toBe(0);
    } finally {
      await other.stop();
    }
  });

  it('exposes its metrics on the HTTP port', async () => {
    const request = { groups: [{ useCase: UC, orgId: 1n, strings: ['release', 'metric-1', 'metric-2'] }] };
    const first = await t.client.bulkRecord(request);
    // Answered from memory: the same ids, as cache hits, counted too.
    const again = await t.client.bulkRecord(request);
    expect(again.groups[0]!.results.map((r) => [r.id, r.fetchType])).toEqual(
      first.groups[0]!.results.map((r) => [
        r.id,
        r.fetchType === FetchType.HARDCODED ? FetchType.HARDCODED : FetchType.CACHE_HIT,
      ]),
    );
    await t.client.indexBatch({ buckets: [bucket({ name: 'c:custom/m@none' }), bucket({ name: 'bad' })] });
    const text = await (await fetch(`http://127.0.0.1:${t.server.httpPort}/metrics`)).text();
    expect(text).toContain('mindex_indexer_strings_recorded_total{fetch_type="f"} 2');
    expect(text).toContain('mindex_indexer_strings_recorded_total{fetch_type="h"} 2');
    expect(text).toContain('mindex_indexer_strings_recorded_total{fetch_type="c"} 2');
    expect(text).toContain('mindex_indexer_buckets_total{outcome="invalid",reason="invalid_mri"} 1');
    expect(text).toMatch(/mindex_indexer_cache_entries \d+/);
    expect(text).toContain('mindex_indexer_options_version 0');
    expect(text).toMatch(
      /mindex_indexer_mongodb_command_seconds_count\{command="insert",outcome="ok"\} [1-9]/,
    );
  });

  it('keeps release-health mappings per org and generic ones per use case, in one call', async () => {
    const { groups } = await t.client.bulkRecord({
      groups: [
        { useCase: 'sessions', orgId: 1n, strings: ['foo'] },
        { useCase: 'spans', orgId: 1n, strings: ['foo'] },
        { useCase: 'custom', orgId: 1n, strings: ['foo'] },
      ],
    });
    const ids = groups.map((g) => g.results[0]!.id);
    expect(new Set(ids).size).toBe(3);
    const again = await t.client.bulkResolve({
      groups: [{ useCase: 'sessions', orgId: 1n, strings: ['foo'] }],
    });
    expect(again.groups[0]!.results[0]!.id).toBe(ids[0]);
  });

  it('indexes a batch end to end: session buckets with shared ids, generic ones with new ids', async () => {
    const { outcomes } = await t.client.indexBatch({
      buckets: [
        ...sessionBuckets(),
        bucket({ name: 'c:custom/clicks@none', tags: { button: 'buy' } }),
        bucket({ name: 'x' }),
      ],
    });
    expect(outcomes.map((o) => o.outcome.case)).toEqual([
      'indexed',
      'indexed',
      'indexed',
      'indexed',
      'invalid',
    ]);
    const custom = outcomes[3]!.outcome.value as {
      bucket: { metricId: bigint; rawTags: Record<string, string>; version: number };
    };
    expect(custom.bucket.version).toBe(2);
    const reversed = await t.client.bulkReverseResolve({
      useCase: 'custom',
      orgId: 1n,
      ids: [custom.bucket.metricId, ...Object.keys(custom.bucket.rawTags).map(BigInt)],
    });
    expect(reversed.results.map((r) => r.string)).toEqual(['c:custom/clicks@none', 'button']);
  });
});

describe('indexer server when MongoDB is unreachable', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      MONGODB_URI: 'mongodb://127.0.0.1:1/',
      INDEXER_MONGODB_SERVER_SELECTION_TIMEOUT_MS: '300',
    });
  });
  afterAll(async () => {
    await t.server.stop();
  });

  it('answers UNAVAILABLE for calls that need the database, and static strings still', async () => {
    const error = await errorOf(
      t.client.bulkRecord({ groups: [{ useCase: UC, orgId: 1n, strings: ['new'] }] }),
    );
    expect([error.code, error.rawMessage]).toEqual([Code.Unavailable, 'service temporarily unavailable']);
    expect((await errorOf(t.client.reverseResolve({ useCase: UC, orgId: 1n, id: 5n }))).code).toBe(
      Code.Unavailable,
    );
    const shared = await t.client.bulkRecord({ groups: [{ useCase: UC, orgId: 1n, strings: ['release'] }] });
    expect(shared.groups[0]!.results[0]!.fetchType).toBe(FetchType.HARDCODED);
  });
});
