import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FetchType } from '../../src/indexer/fetch-type.js';
import type { KeyGroup, StringOutcome } from '../../src/indexer/string-indexer.js';
import type { IndexerHarness, JsonOptions } from '../support/indexer-harness.js';

const UC = 'transactions';
const PER_ORG = 'sentry-metrics.writes-limiter.limits.performance.per-org';
const GLOBAL = 'sentry-metrics.writes-limiter.limits.performance.global';
const quota = (limit: number) => [{ window_seconds: 10, granularity_seconds: 10, limit }];

const SHARED = {
  release: 9223372036854776016n,
  production: 9223372036854776015n,
  environment: 9223372036854776010n,
};

/** `{org: [strings]}` of one use case as key groups. */
function groups(useCase: string, byOrg: Record<string, string[]>): KeyGroup[] {
  return Object.entries(byOrg).map(([org, strings]) => ({ useCase, orgId: BigInt(org), strings }));
}

/** The outcomes of one call as `{org: {string: outcome}}`. */
function byOrg(request: KeyGroup[], outcomes: (StringOutcome | undefined)[][]) {
  const result: Record<string, Record<string, StringOutcome | undefined>> = {};
  request.forEach((group, g) => {
    const org = (result[String(group.orgId)] ??= {});
    group.strings.forEach((s, i) => (org[s] = outcomes[g]![i]));
  });
  return result;
}

/**
 * The cross-backend acceptance list (spec §4.10) and the release-health semantics (§4.6), against an indexer
 * stack built by `create` (fresh database each test).
 */
export function stringIndexerContract(
  name: string,
  create: (options?: JsonOptions) => Promise<IndexerHarness>,
): void {
  describe(`StringIndexer acceptance (spec §4.10): ${name}`, () => {
    let h: IndexerHarness;
    beforeEach(async () => {
      h = await create();
    });
    afterEach(async () => {
      await h.close();
    });

    it('gives static strings their shared ids (HARDCODED) and others new ids (FIRST_SEEN)', async () => {
      const request = groups(UC, {
        2: ['release', '1.0.0'],
        3: ['production', 'environment', 'release', '2.0.0'],
      });
      const result = byOrg(request, await h.indexer.bulkRecord(request));
      expect(result['2']!['release']).toEqual({
        id: SHARED.release,
        fetchType: FetchType.HARDCODED,
        globalQuota: false,
      });
      expect(result['3']!['production']?.id).toBe(SHARED.production);
      expect(result['3']!['environment']).toMatchObject({
        id: SHARED.environment,
        fetchType: FetchType.HARDCODED,
      });
      expect(result['3']!['release']?.id).toBe(SHARED.release);
      expect(result['2']!['1.0.0']?.fetchType).toBe(FetchType.FIRST_SEEN);
      expect(result['3']!['2.0.0']?.fetchType).toBe(FetchType.FIRST_SEEN);
      const id = result['2']!['1.0.0']!.id!;
      expect(id).toBeGreaterThan(0n);
      expect(id).toBeLessThan(1n << 63n);
      const [[resolved]] = (await h.indexer.bulkResolve(groups(UC, { 2: ['1.0.0'] }))) as [[StringOutcome]];
      expect(resolved.id).toBe(id);
    });

    it('gives the same string different ids in different orgs', async () => {
      const request = groups(UC, { 1: ['x'], 2: ['x'] });
      const [[a], [b]] = (await h.indexer.bulkRecord(request)) as [[StringOutcome], [StringOutcome]];
      expect(a.id).not.toBe(b.id);
    });

    it('round-trips resolve and reverse resolve; record of an existing string returns its id', async () => {
      const [[recorded]] = (await h.indexer.bulkRecord(groups(UC, { 1: ['hello'] }))) as [[StringOutcome]];
      const [[again]] = (await h.indexer.bulkRecord(groups(UC, { 1: ['hello'] }))) as [[StringOutcome]];
      expect(again.id).toBe(recorded.id);
      expect((await h.indexer.reverseResolve(UC, 1n, recorded.id!))?.string).toBe('hello');
      const unknown = await h.indexer.bulkResolve(groups(UC, { 1: ['never-recorded'] }));
      expect(unknown).toEqual([[undefined]]);
      expect(await h.indexer.reverseResolve(UC, 1n, 1234n)).toBeUndefined();
    });

    it('never reverse resolves an id for another organization', async () => {
      const [[recorded]] = (await h.indexer.bulkRecord(groups(UC, { 1: ['secret'] }))) as [[StringOutcome]];
      expect(await h.indexer.reverseResolve(UC, 2n, recorded.id!)).toBeUndefined();
      expect((await h.indexer.bulkReverseResolve(UC, 2n, [recorded.id!])).size).toBe(0);
      const own = await h.indexer.bulkReverseResolve(UC, 1n, [recorded.id!, 424242n]);
      expect([...own.entries()].map(([id, o]) => [id, o.string])).toEqual([[recorded.id, 'secret']]);
    });

    it('reads strings created elsewhere (DB_READ), caches them, then answers CACHE_HIT', async () => {
      await h.raw.bulkRecord(groups(UC, { 1: ['a', 'b', 'c'] }));
      const first = byOrg(
        groups(UC, { 1: ['a', 'b', 'c'] }),
        await h.indexer.bulkRecord(groups(UC, { 1: ['a', 'b', 'c'] })),
      );
      expect(Object.values(first['1']!).map((o) => o?.fetchType)).toEqual(['d', 'd', 'd']);
      const request = groups(UC, { 1: ['a', 'b', 'c', 'd'] });
      const second = byOrg(request, await h.indexer.bulkRecord(request));
      expect(Object.values(second['1']!).map((o) => o?.fetchType)).toEqual(['c', 'c', 'c', 'f']);
    });

    it('answers pre-seeded cache entries as CACHE_HIT without touching the database', async () => {
      h.core.cache.set(UC, 8n, 'beep', 10n);
      h.core.cache.set(UC, 8n, 'boop', 11n);
      const first = byOrg(
        groups(UC, { 8: ['beep', 'boop'] }),
        await h.indexer.bulkRecord(groups(UC, { 8: ['beep', 'boop'] })),
      );
      expect(first['8']).toEqual({
        beep: { id: 10n, fetchType: 'c', globalQuota: false },
        boop: { id: 11n, fetchType: 'c', globalQuota: false },
      });
      expect((await h.raw.bulkResolve(groups(UC, { 8: ['beep', 'boop'] }))).flat()).toEqual([
        undefined,
        undefined,
      ]);
      await h.raw.bulkRecord(groups(UC, { 8: ['bam'] }));
      const request = groups(UC, { 8: ['beep', 'boop', 'bam'] });
      const second = byOrg(request, await h.indexer.bulkRecord(request));
      expect(second['8']!['bam']?.fetchType).toBe(FetchType.DB_READ);
    });

    it('reports all DB_READ the second time the raw backend records the same input', async () => {
      const request = groups(UC, { 1: ['p', 'q'], 2: ['p'] });
      await h.raw.bulkRecord(request);
      expect((await h.raw.bulkRecord(request)).flat().map((o) => o.fetchType)).toEqual(['d', 'd', 'd']);
    });

    it('rate limits new strings per org and then globally (writes limiter)', async () => {
      h.setOptions({ [PER_ORG]: quota(1) });
      const request = groups(UC, { 1: ['a', 'b', 'c'], 2: ['e', 'f'], 3: ['g'] });
      const outcomes = (await h.indexer.bulkRecord(request)).flat();
      expect(outcomes).toHaveLength(6);
      const limited = outcomes.filter((o) => o.id === undefined);
      expect(limited).toHaveLength(3);
      for (const o of limited)
        expect(o).toEqual({ id: undefined, fetchType: FetchType.RATE_LIMITED, globalQuota: false });
      const result = byOrg(request, await h.indexer.bulkResolve(request));
      expect(Object.values(result['1']!).filter((o) => o === undefined)).toHaveLength(2);
      expect(Object.values(result['2']!).filter((o) => o === undefined)).toHaveLength(1);
      expect(result['3']!['g']?.id).toBeDefined();

      const more = await h.indexer.bulkRecord(groups(UC, { 1: ['x', 'y', 'z'] }));
      expect(more.flat().map((o) => o.fetchType)).toEqual(['r', 'r', 'r']);

      // A different quota is a different window: the previously limited strings fit again, up to 2.
      h.setOptions({ [GLOBAL]: quota(2) });
      const retry = (await h.indexer.bulkRecord(request)).flat();
      expect(retry.filter((o) => o.fetchType === FetchType.FIRST_SEEN)).toHaveLength(2);
      const stillLimited = retry.filter((o) => o.id === undefined);
      expect(stillLimited).toEqual([{ id: undefined, fetchType: FetchType.RATE_LIMITED, globalQuota: true }]);
    });

    it('counts only new strings against the writes limits: stored ones stay DB_READ', async () => {
      await h.raw.bulkRecord(groups(UC, { 1: ['a', 'b', 'c'] }));
      h.setOptions({ [PER_ORG]: quota(2) });
      const request = groups(UC, { 1: ['a', 'b', 'c', 'd', 'e'] });
      const outcomes = (await h.indexer.bulkRecord(request)).flat().map((o) => o.fetchType);
      expect(outcomes).toEqual(['d', 'd', 'd', 'f', 'f']);
      expect((await h.indexer.bulkRecord(groups(UC, { 1: ['g'] }))).flat()[0]?.fetchType).toBe('r');
    });

    it('consumes no quota for stored strings found by the insert', async () => {
      await h.raw.bulkRecord(groups(UC, { 1: ['a', 'b'] }));
      h.setOptions({ [PER_ORG]: quota(3) });
      const first = await h.indexer.bulkRecord(groups(UC, { 1: ['a', 'b', 'new'] }));
      expect(first.flat().map((o) => o.fetchType)).toEqual(['d', 'd', 'f']);
      const second = await h.indexer.bulkRecord(groups(UC, { 1: ['x', 'y', 'z'] }));
      expect(second.flat().map((o) => o.fetchType)).toEqual(['f', 'f', 'r']);
    });

    it('never caches rate-limited strings', async () => {
      h.setOptions({ [PER_ORG]: quota(0) });
      expect((await h.indexer.bulkRecord(groups(UC, { 5: ['later'] }))).flat()[0]?.fetchType).toBe('r');
      h.setOptions({});
      expect((await h.indexer.bulkRecord(groups(UC, { 5: ['later'] }))).flat()[0]?.fetchType).toBe('f');
      expect((await h.indexer.bulkRecord(groups(UC, { 5: ['later'] }))).flat()[0]?.fetchType).toBe('c');
    });

    it('gives sessions one id per (org, string) and generic use cases one id per use case', async () => {
      const request: KeyGroup[] = [
        { useCase: 'sessions', orgId: 1n, strings: ['foo'] },
        { useCase: 'spans', orgId: 1n, strings: ['foo'] },
        { useCase: 'transactions', orgId: 1n, strings: ['foo'] },
      ];
      const [[sessions], [spans], [transactions]] = (await h.indexer.bulkRecord(request)) as [
        [StringOutcome],
        [StringOutcome],
        [StringOutcome],
      ];
      expect(new Set([sessions!.id, spans!.id, transactions!.id]).size).toBe(3);
      expect((await h.indexer.reverseResolve('sessions', 1n, sessions!.id!))?.string).toBe('foo');
      expect(await h.indexer.reverseResolve('spans', 1n, transactions!.id!)).toBeUndefined();
    });

    it('answers every occurrence of a string repeated within and across groups with one id', async () => {
      const request = groups(UC, { 1: ['dup', 'dup', 'other'] });
      request.push({ useCase: UC, orgId: 1n, strings: ['dup'] });
      const outcomes = await h.indexer.bulkRecord(request);
      const ids = [outcomes[0]![0]!.id, outcomes[0]![1]!.id, outcomes[1]![0]!.id];
      expect(new Set(ids).size).toBe(1);
      expect(ids[0]).toBeDefined();
    });

    it('gives concurrent callers recording the same new strings the same ids', async () => {
      const strings = Array.from({ length: 50 }, (_, i) => `concurrent-${i}`);
      const calls = await Promise.all(
        Array.from({ length: 8 }, () => h.raw.bulkRecord(groups(UC, { 9: strings }))),
      );
      const first = calls[0]!.flat().map((o) => o.id);
      for (const call of calls) expect(call.flat().map((o) => o.id)).toEqual(first);
      expect(new Set(first).size).toBe(50);
    });
  });
}
