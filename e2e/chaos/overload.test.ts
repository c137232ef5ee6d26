import { create, toBinary } from '@bufbuild/protobuf';
import { indexer, query } from '@mindex/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucket } from './support/buckets.js';
import {
  attempt,
  connectClient,
  indexerClient,
  queryClient,
  waitUntilOk,
  type CallOutcome,
  type IndexerClient,
  type QueryClient,
} from './support/clients.js';
import { startChaosDb, type ChaosDb } from './support/chaos-db.js';
import { launchCluster, type Cluster } from './support/cluster.js';
import { percentile, reportFigure, tally } from './support/figures.js';
import { MIB, residentBytes, sampleMemory } from './support/process-memory.js';
import { createRawClient, postConnectBytes } from './support/raw-client.js';

// A flood far beyond what the indexer and FerretDB can do on this machine: every call ends quickly (answered,
// RESOURCE_EXHAUSTED or DEADLINE_EXCEEDED at its deadline), the indexer's memory stays bounded, and it serves
// normally again soon after the flood stops. Request sizes have documented limits, enforced on both ports.
const FLOOD_MS = 6000;
const FLOOD_IN_FLIGHT = 100;
const FLOOD_STRINGS = 100;
const FLOOD_DEADLINE_MS = 1000;
const MEMORY_BOUND_MIB = 400;
const RECOVERY_LIMIT_MS = 10_000;
// How long the test waits for recovery at all (to report the figure when it is over the limit).
const RECOVERY_WAIT_MS = 30_000;
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

describe('overload: a flood beyond capacity', () => {
  let db: ChaosDb;
  let cluster: Cluster;
  let client: IndexerClient;

  beforeAll(async () => {
    // Its own database: a backlog left by the flood must not slow the other test files.
    db = await startChaosDb();
    cluster = await launchCluster({ mongodbUri: db.uri });
    client = indexerClient(cluster.indexer.grpcAddress);
    await client.record({ useCase: 'spans', orgId: 1n, string: 'warm-up' }, { timeoutMs: 10_000 });
  });

  afterAll(async () => {
    await cluster?.stop();
    await db?.dispose();
  });

  it('ends every call quickly, keeps memory bounded, and serves again soon after', async () => {
    const pid = cluster.indexer.pid!;
    const baselineBytes = (await residentBytes(pid))!;
    const memory = sampleMemory(pid);
    const outcomes: CallOutcome<unknown>[] = [];
    const floodEnds = performance.now() + FLOOD_MS;
    let sequence = 0;
    // Separate connections, as many independent clients would open.
    const clients = Array.from({ length: 8 }, () => indexerClient(cluster.indexer.grpcAddress));
    await Promise.all(
      Array.from({ length: FLOOD_IN_FLIGHT }, async (_, lane) => {
        while (performance.now() < floodEnds) {
          const n = sequence++;
          const strings = Array.from({ length: FLOOD_STRINGS }, (_, i) => `flood-${n}-${i}`);
          outcomes.push(
            await attempt(() =>
              clients[lane % clients.length]!.bulkRecord(
                { groups: [{ useCase: 'spans', orgId: BigInt(1 + (n % 50)), strings }] },
                { timeoutMs: FLOOD_DEADLINE_MS },
              ),
            ),
          );
        }
      }),
    );
    const floodStoppedAt = performance.now();
    // A call that needs the database, once the flood is over.
    let probe = 0;
    const recoveryMs = await waitUntilOk(
      () =>
        client.record({ useCase: 'spans', orgId: 1n, string: `after-flood-${probe++}` }, { timeoutMs: 2000 }),
      RECOVERY_WAIT_MS,
      200,
    ).catch(() => Number.POSITIVE_INFINITY);
    const afterMs = await attempt(() =>
      client.bulkRecord(
        {
          groups: [
            { useCase: 'spans', orgId: 1n, strings: Array.from({ length: 50 }, (_, i) => `calm-${i}`) },
          ],
        },
        { timeoutMs: 5000 },
      ),
    );
    memory.stop();
    const failed = outcomes.filter((o) => o.code !== 'OK');

    reportFigure('overload', {
      floodMs: floodStoppedAt - (floodEnds - FLOOD_MS),
      inFlight: FLOOD_IN_FLIGHT,
      stringsPerCall: FLOOD_STRINGS,
      calls: outcomes.length,
      codes: tally(outcomes.map((o) => o.code)),
      okMsP50: percentile(
        outcomes.filter((o) => o.code === 'OK').map((o) => o.ms),
        50,
      ),
      failedMsP99: percentile(
        failed.map((o) => o.ms),
        99,
      ),
      failedMsMax: Math.max(0, ...failed.map((o) => o.ms)),
      baselineRssMiB: baselineBytes / MIB,
      peakRssMiB: memory.peakBytes / MIB,
      memorySamples: memory.samples,
      recoveryMs: Number.isFinite(recoveryMs) ? recoveryMs : `> ${RECOVERY_WAIT_MS}`,
      calmBulkRecordMs: afterMs.ms,
    });

    expect(
      Object.keys(tally(outcomes.map((o) => o.code))).filter(
        (c) => !['OK', 'ResourceExhausted', 'DeadlineExceeded'].includes(c),
      ),
    ).toEqual([]);
    expect(
      failed
        .filter((o) => o.ms > FLOOD_DEADLINE_MS + 500)
        .map((o) => `${o.code} after ${Math.round(o.ms)} ms`),
    ).toEqual([]);
    expect(memory.peakBytes / MIB).toBeLessThan(MEMORY_BOUND_MIB);
    expect(recoveryMs).toBeLessThan(RECOVERY_LIMIT_MS);
    expect(afterMs.code).toBe('OK');
    expect(afterMs.ms).toBeLessThan(5000);
    expect(cluster.indexer.unexpectedExits).toEqual([]);
  });
});

describe('overload: documented request limits', () => {
  let cluster: Cluster;
  let indexerRpc: IndexerClient;
  let queryRpc: QueryClient;
  const T = { timeoutMs: 30_000 };
  const strings = (n: number) => Array.from({ length: n }, (_, i) => `limit-${i}`);

  beforeAll(async () => {
    cluster = await launchCluster({ mongodbUri: process.env['MONGODB_URI']! });
    indexerRpc = indexerClient(cluster.indexer.grpcAddress);
    queryRpc = queryClient(cluster.query.grpcAddress);
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it.each([
    [
      'BulkResolve at 10,000 strings',
      () =>
        indexerRpc.bulkResolve({ groups: [{ useCase: 'spans', orgId: 1n, strings: strings(10_000) }] }, T),
      'OK',
      '',
    ],
    [
      'BulkResolve at 10,001 strings',
      () =>
        indexerRpc.bulkResolve({ groups: [{ useCase: 'spans', orgId: 1n, strings: strings(10_001) }] }, T),
      'InvalidArgument',
      '10000',
    ],
    [
      'BulkRecord at 10,001 strings',
      () => indexerRpc.bulkRecord({ groups: [{ useCase: 'spans', orgId: 1n, strings: strings(10_001) }] }, T),
      'InvalidArgument',
      '10000',
    ],
    ['BulkRecord with no group', () => indexerRpc.bulkRecord({ groups: [] }, T), 'InvalidArgument', 'groups'],
    [
      'BulkReverseResolve at 10,001 ids',
      () =>
        indexerRpc.bulkReverseResolve(
          { useCase: 'spans', orgId: 1n, ids: Array.from({ length: 10_001 }, (_, i) => BigInt(i + 1)) },
          T,
        ),
      'InvalidArgument',
      '10000',
    ],
    [
      'IndexBatch at 5,001 buckets',
      () =>
        indexerRpc.indexBatch(
          { buckets: Array.from({ length: 5001 }, () => bucket(1n, 1n, 'c:custom/limit@none')) },
          T,
        ),
      'InvalidArgument',
      '5000',
    ],
    [
      'RecordBuckets at 10,001 buckets',
      () =>
        queryRpc.recordBuckets(
          {
            buckets: Array.from({ length: 10_001 }, () => ({
              orgId: 1n,
              projectId: 1n,
              useCaseId: 'custom',
              metricId: 1n,
              type: 'c',
              timestamp: 1n,
            })),
          },
          T,
        ),
      'InvalidArgument',
      '10000',
    ],
    [
      'GetMetricsMeta at 1,001 projects',
      () =>
        queryRpc.getMetricsMeta(
          { orgId: 1n, projectIds: Array.from({ length: 1001 }, (_, i) => BigInt(i)), useCases: ['custom'] },
          T,
        ),
      'InvalidArgument',
      '1000',
    ],
    [
      'GetTagValues with limit 1,001',
      () =>
        queryRpc.getTagValues(
          {
            orgId: 1n,
            projectIds: [1n],
            useCases: ['custom'],
            mri: 'c:custom/limit@none',
            tagKey: 'a',
            limit: 1001,
          },
          T,
        ),
      'InvalidArgument',
      '1000',
    ],
  ] as const)('%s is answered %s, naming the limit', async (_name, call, code, mentions) => {
    const outcome = await attempt(call as () => Promise<unknown>);
    expect(outcome.code).toBe(code);
    expect(outcome.message).toContain(mentions);
  });

  it.each(['grpc', 'connect'] as const)(
    'a request over the 16 MiB message limit gets RESOURCE_EXHAUSTED at once on the %s port',
    async (port) => {
      // One group of 87,000 strings of 200 code points: about 17 MiB on the wire.
      const request = create(indexer.BulkRecordRequestSchema, {
        groups: [
          {
            useCase: 'spans',
            orgId: 1n,
            strings: Array.from({ length: 87_000 }, (_, i) => String(i).padEnd(200, 'x')),
          },
        ],
      });
      const bytes = toBinary(indexer.BulkRecordRequestSchema, request);
      expect(bytes.length).toBeGreaterThan(MAX_MESSAGE_BYTES);
      const startedAt = performance.now();
      let code: string;
      let message: string;
      if (port === 'grpc') {
        const raw = createRawClient(cluster.indexer.grpcAddress);
        const outcome = await raw.call('/mindex.indexer.v1.IndexerService/BulkRecord', bytes, {
          timeoutMs: 30_000,
        });
        raw.close();
        [code, message] = [outcome.codeName, outcome.details];
      } else {
        const outcome = await postConnectBytes(
          `127.0.0.1:${cluster.indexer.httpPort}`,
          '/mindex.indexer.v1.IndexerService/BulkRecord',
          bytes,
        );
        [code, message] = [outcome.code, outcome.message];
      }
      const ms = performance.now() - startedAt;
      reportFigure('overload/message-limit', { port, bytes: bytes.length, code, message, ms });
      expect(code.toLowerCase()).toBe('resource_exhausted');
      expect(message).not.toBe('');
      expect(ms).toBeLessThan(5000);
      // The service is fine afterwards.
      expect(
        (
          await attempt(() =>
            connectClient(query.QueryService, `127.0.0.1:${cluster.query.httpPort}`).parseMri({
              mri: 'c:custom/a@none',
            }),
          )
        ).code,
      ).toBe('OK');
      expect(cluster.indexer.unexpectedExits).toEqual([]);
    },
  );
});
