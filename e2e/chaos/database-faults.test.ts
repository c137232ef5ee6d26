import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucket } from './support/buckets.js';
import { startChaosDb, type ChaosDb } from './support/chaos-db.js';
import {
  attempt,
  configurationClient,
  indexerClient,
  queryClient,
  waitUntilOk,
  type ConfigurationClient,
  type IndexerClient,
  type QueryClient,
} from './support/clients.js';
import { ADMIN, launchCluster, type Cluster } from './support/cluster.js';
import { percentile, reportFigure, tally } from './support/figures.js';
import { createIdLedger } from './support/id-ledger.js';
import { dumpServiceProblems } from './support/debug-logs.js';
import { leaksIn } from './support/leaks.js';
import { startLoad, type Load, type LoadCall } from './support/load.js';
import { duplicateStoredKeys, rerecordMismatches, reverseMismatches } from './support/verify-mappings.js';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy.js';
import { launchService, type ManagedService } from './support/services.js';

// FerretDB is killed in the middle of load and started again on the same data. While it is down every call
// fails fast with UNAVAILABLE (or is answered correctly from cache); within 5 s of its return every service
// answers again without a restart; nothing recorded before the fault is lost or changed.
const DEADLINE_MS = 3000;
const DOWN_FOR_MS = 5000;
const RECOVERY_LIMIT_MS = 5000;
const ORG = 8001n;
const PROJECT = 1n;
const METRICS = ['c:custom/fault_clicks@none', 'd:custom/fault_latency@millisecond'];

describe('database faults: FerretDB stopped in the middle of load, then started again', () => {
  let db: ChaosDb;
  let cluster: Cluster;
  let indexer: IndexerClient;
  let configuration: ConfigurationClient;
  let query: QueryClient;
  const ledger = createIdLedger();
  const wrongIds: string[] = [];
  let load: Load | undefined;
  let downAt = 0;
  let upAt = 0;
  let metaBefore = '';

  const metricsMeta = () =>
    query.getMetricsMeta(
      { orgId: ORG, projectIds: [PROJECT], useCases: ['custom'] },
      { timeoutMs: DEADLINE_MS },
    );

  beforeAll(async () => {
    db = await startChaosDb();
    cluster = await launchCluster({ mongodbUri: db.uri });
    indexer = indexerClient(cluster.indexer.grpcAddress);
    configuration = configurationClient(cluster.configuration.grpcAddress);
    query = queryClient(cluster.query.grpcAddress);

    // Recorded before the fault: strings, indexed buckets (query metadata) and organization options.
    const strings = Array.from({ length: 400 }, (_, i) => `before-fault-${i}`);
    const recorded = await indexer.bulkRecord(
      { groups: [{ useCase: 'transactions', orgId: ORG, strings }] },
      { timeoutMs: 30_000 },
    );
    recorded.groups[0]!.results.forEach((r, i) => ledger.observe('transactions', ORG, strings[i]!, r.id!));
    const batch = await indexer.indexBatch(
      { buckets: METRICS.map((mri, i) => bucket(ORG, PROJECT, mri, { route: `/r${i}`, env: 'prod' })) },
      { timeoutMs: 30_000 },
    );
    expect(batch.outcomes.map((o) => o.outcome.case)).toEqual(['indexed', 'indexed']);
    await configuration.setOrganizationOptions(
      { orgId: ORG, metricsActivatePercentiles: false, metricsActivateLastForGauges: true },
      { ...ADMIN, timeoutMs: DEADLINE_MS },
    );
    metaBefore = JSON.stringify(
      (await metricsMeta()).metrics.map((m) => [m.mri, m.operations, m.projectIds.map(String)]),
    );
    expect((await metricsMeta()).metrics.map((m) => m.mri).sort()).toEqual([...METRICS].sort());
  });

  afterAll(async () => {
    await load?.stop();
    if (process.env['CHAOS_DEBUG'] && load !== undefined) {
      // The calls' timeline relative to the kill: worker, start, end, outcome.
      for (const c of load.calls) {
        const at = (t: number) => Math.round(t - downAt);
        console.log(
          `${c.worker} ${at(c.startedAt)}..${at(c.endedAt)} ${c.outcome.code} ${c.outcome.message}`,
        );
      }
    }
    dumpServiceProblems(cluster?.all() ?? []);
    await cluster?.stop();
    await db?.dispose();
  });

  it('fails fast with UNAVAILABLE while FerretDB is down, and never answers a wrong id', async () => {
    const known = ledger.entries();
    load = startLoad([
      ...[0, 1, 2, 3].map((w) => ({
        name: `indexer-${w}`,
        // Known strings (may come from the cache) and new ones (need the database). Volumes stay small:
        // FerretDB's SQLite backend slows down as collections grow.
        strings: (n: number) => [
          ...Array.from({ length: 10 }, (_, i) => known[(n * 10 + i + w * 97) % known.length]!.string),
          ...Array.from({ length: 20 }, (_, i) => `during-fault-${w}-${n}-${i}`),
        ],
        call(n: number) {
          return indexer.bulkRecord(
            { groups: [{ useCase: 'transactions', orgId: ORG, strings: this.strings(n) }] },
            { timeoutMs: DEADLINE_MS },
          );
        },
        check(n: number, value: unknown) {
          const strings = this.strings(n);
          const response = value as Awaited<ReturnType<IndexerClient['bulkRecord']>>;
          response.groups[0]!.results.forEach((r, i) => {
            if (r.id === undefined) wrongIds.push(`${strings[i]} answered without an id`);
            else ledger.observe('transactions', ORG, strings[i]!, r.id);
          });
        },
        pauseMs: 20,
      })),
      { name: 'query', call: () => metricsMeta(), pauseMs: 50 },
      {
        name: 'configuration',
        call: () => configuration.getOrganizationOptions({ orgId: ORG }, { timeoutMs: DEADLINE_MS }),
        check: (_n, value) => {
          const options = (value as Awaited<ReturnType<ConfigurationClient['getOrganizationOptions']>>)
            .options;
          if (options?.metricsActivatePercentiles !== false || options.metricsActivateLastForGauges !== true)
            wrongIds.push(`organization options changed: ${JSON.stringify(options)}`);
        },
        pauseMs: 50,
      },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    downAt = performance.now();
    await db.kill();
    await new Promise((resolve) => setTimeout(resolve, DOWN_FOR_MS));

    // Every call the fault touched: in flight when the database died, or begun while it was gone.
    const whileDown = load.calls.filter((c) => c.endedAt > downAt);
    const failed = whileDown.filter((c) => c.outcome.code !== 'OK');
    const byWorker = (prefix: string) => whileDown.filter((c) => c.worker.startsWith(prefix));
    const codes = (calls: readonly LoadCall[]) => tally(calls.map((c) => c.outcome.code));
    const overDeadline = whileDown.filter((c) => c.outcome.ms > DEADLINE_MS + 250);
    const leaks = failed.flatMap((c) => leaksIn(c.outcome.message).map((l) => `${c.outcome.message} ~ ${l}`));

    reportFigure('database-faults/down', {
      callsWhileDown: whileDown.length,
      codes: codes(whileDown),
      failedMsP50: percentile(
        failed.map((c) => c.outcome.ms),
        50,
      ),
      failedMsP99: percentile(
        failed.map((c) => c.outcome.ms),
        99,
      ),
      failedMsMax: Math.max(...failed.map((c) => c.outcome.ms)),
      messages: tally(failed.map((c) => `${c.worker.replace(/-\d+$/, '')}: ${c.outcome.message}`)),
    });

    expect(whileDown.length).toBeGreaterThan(5);
    // Every service was called, and the calls that need the database failed with UNAVAILABLE only.
    for (const prefix of ['indexer', 'query', 'configuration']) {
      expect(byWorker(prefix).length, prefix).toBeGreaterThan(0);
      expect(
        byWorker(prefix)
          .filter((c) => c.outcome.code !== 'OK' && c.outcome.code !== 'Unavailable')
          .map(
            (c) =>
              `${c.worker}: ${c.outcome.code} "${c.outcome.message}" after ${Math.round(c.outcome.ms)} ms`,
          ),
      ).toEqual([]);
    }
    // New strings cannot be created without the database: the indexer must say so, not hang.
    expect(codes(byWorker('indexer'))['Unavailable'] ?? 0).toBeGreaterThan(0);
    expect(codes(byWorker('query'))['Unavailable'] ?? 0).toBeGreaterThan(0);
    expect(overDeadline.map((c) => `${c.worker} ${c.outcome.code} ${Math.round(c.outcome.ms)} ms`)).toEqual(
      [],
    );
    expect(leaks).toEqual([]);
    expect(wrongIds).toEqual([]);
    expect(ledger.conflicts).toEqual([]);
  });

  it('answers again within 5 s of FerretDB coming back, without restarting any service', async () => {
    const pids = cluster.all().map((s) => s.pid);
    await db.start();
    upAt = performance.now();
    // Each probe needs the database: a brand-new string, an org never read, the stored metadata.
    let probe = 0;
    const [indexerMs, configurationMs, queryMs] = await Promise.all([
      waitUntilOk(
        () =>
          indexer.record(
            { useCase: 'transactions', orgId: ORG, string: `after-fault-probe-${probe++}` },
            { timeoutMs: DEADLINE_MS },
          ),
        RECOVERY_LIMIT_MS + DEADLINE_MS,
      ),
      waitUntilOk(
        () =>
          configuration.getOrganizationOptions(
            { orgId: 900_000n + BigInt(probe++) },
            { timeoutMs: DEADLINE_MS },
          ),
        RECOVERY_LIMIT_MS + DEADLINE_MS,
      ),
      waitUntilOk(() => metricsMeta(), RECOVERY_LIMIT_MS + DEADLINE_MS),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await load!.stop();
    const afterUp = load!.calls.filter((c) => c.startedAt >= upAt + RECOVERY_LIMIT_MS);
    // Calls waiting for the database when it came back: answered, UNAVAILABLE, or at worst out of time at
    // their deadline (they may have had too little of it left); never another error.
    const straddling = load!.calls.filter((c) => c.startedAt < upAt && c.endedAt > upAt);
    const allowed = new Set(['OK', 'Unavailable', 'DeadlineExceeded']);

    reportFigure('database-faults/recovery', {
      downMs: upAt - downAt,
      indexerRecoveryMs: indexerMs,
      configurationRecoveryMs: configurationMs,
      queryRecoveryMs: queryMs,
      straddlingCodes: tally(straddling.map((c) => c.outcome.code)),
      totalCalls: load!.calls.length,
      codesOverall: tally(load!.calls.map((c) => c.outcome.code)),
    });

    expect(
      straddling
        .filter((c) => !allowed.has(c.outcome.code) || c.outcome.ms > DEADLINE_MS + 250)
        .map(
          (c) => `${c.worker}: ${c.outcome.code} "${c.outcome.message}" after ${Math.round(c.outcome.ms)} ms`,
        ),
    ).toEqual([]);
    expect(indexerMs).toBeLessThanOrEqual(RECOVERY_LIMIT_MS);
    expect(configurationMs).toBeLessThanOrEqual(RECOVERY_LIMIT_MS);
    expect(queryMs).toBeLessThanOrEqual(RECOVERY_LIMIT_MS);
    expect(cluster.all().map((s) => s.pid)).toEqual(pids);
    expect(
      afterUp.filter((c) => c.outcome.code !== 'OK').map((c) => `${c.worker} ${c.outcome.code}`),
    ).toEqual([]);
    for (const service of cluster.all()) expect(service.unexpectedExits).toEqual([]);
  });

  it('lost or changed nothing recorded before or during the fault', async () => {
    expect(ledger.conflicts).toEqual([]);
    expect(await reverseMismatches(indexer, ledger)).toEqual([]);
    expect(await rerecordMismatches(indexer, ledger)).toEqual([]);
    const options = await configuration.getOrganizationOptions({ orgId: ORG }, { timeoutMs: DEADLINE_MS });
    expect(options.options).toMatchObject({
      metricsActivatePercentiles: false,
      metricsActivateLastForGauges: true,
    });
    const meta = await attempt(() => metricsMeta());
    expect(meta.code).toBe('OK');
    expect(
      JSON.stringify(meta.value!.metrics.map((m) => [m.mri, m.operations, m.projectIds.map(String)])),
    ).toBe(metaBefore);
    reportFigure('database-faults/verified', { stringsVerified: ledger.size });
  });
});

// A proxy between the indexer and the database cuts every connection at the exact moment a given command
// passes: before the database sees it, or after it ran but before its answer arrives. Whatever the moment,
// the call is UNAVAILABLE (never INTERNAL), and recording the same strings afterwards gives consistent ids.
describe('database faults: the connection cut in the middle of a command', () => {
  let proxy: FaultProxy;
  let service: ManagedService;
  let indexer: IndexerClient;
  const ledger = createIdLedger();

  beforeAll(async () => {
    const target = new URL(process.env['MONGODB_URI']!);
    proxy = await startFaultProxy({ host: target.hostname, port: Number(target.port) });
    service = await launchService('indexer', { mongodbUri: proxy.uri });
    indexer = indexerClient(service.grpcAddress);
  });

  afterAll(async () => {
    dumpServiceProblems([service]);
    await service?.stop();
    await proxy?.close();
  });

  // The first case runs on a fresh process, whose first write claims an id block.
  it.each([
    { command: 'insert', collection: 'id_blocks', when: 'request', strings: 20 },
    { command: 'insert', collection: 'string_mappings', when: 'request', strings: 20 },
    { command: 'insert', collection: 'string_mappings', when: 'reply', strings: 20 },
    // New strings are inserted without a read (refused rows are read back); a read is a lookup of strings
    // this process has not cached.
    { command: 'find', collection: 'string_mappings', when: 'request', strings: 20, call: 'bulkResolve' },
    { command: 'find', collection: 'string_mappings', when: 'reply', strings: 20, call: 'bulkResolve' },
    // More strings than one id block holds: a second claim, whose answer is lost.
    { command: 'insert', collection: 'id_blocks', when: 'reply', strings: 1200 },
  ] as const)(
    'answers UNAVAILABLE when $command on $collection is cut at the $when',
    async ({ command, collection, when, strings: count, ...rest }) => {
      proxy.setDown(false);
      await waitUntilOk(() => indexer.resolve({ useCase: 'spans', orgId: ORG, string: 'probe' }), 10_000);
      const strings = Array.from({ length: count }, (_, i) => `cut-${command}-${collection}-${when}-${i}`);
      const request = { groups: [{ useCase: 'spans', orgId: ORG, strings }] };
      let fired = false;
      const cut = proxy.cutOn(command, collection, when).then(() => (fired = true));
      const call: 'bulkRecord' | 'bulkResolve' = 'call' in rest && rest.call ? rest.call : 'bulkRecord';
      const outcome = await attempt<unknown>(() =>
        call === 'bulkResolve'
          ? indexer.bulkResolve(request, { timeoutMs: 10_000 })
          : indexer.bulkRecord(request, { timeoutMs: 10_000 }),
      );
      reportFigure('database-faults/cut', { command, collection, when, code: outcome.code, ms: outcome.ms });

      expect(fired, `${command} ${collection} never passed the proxy`).toBe(true);
      expect([outcome.code, outcome.message]).toEqual(['Unavailable', 'service temporarily unavailable']);
      expect(outcome.ms).toBeLessThan(DEADLINE_MS + 1000);

      // Back up: the same strings get ids, consistent with everything recorded so far.
      proxy.setDown(false);
      void cut;
      await waitUntilOk(() => indexer.bulkRecord(request, { timeoutMs: DEADLINE_MS }), 10_000);
      const again = await indexer.bulkRecord(request, { timeoutMs: 30_000 });
      again.groups[0]!.results.forEach((r, i) => {
        expect(r.id, strings[i]).toBeDefined();
        ledger.observe('spans', ORG, strings[i]!, r.id!);
      });
      expect(ledger.conflicts).toEqual([]);
      expect(await reverseMismatches(indexer, ledger)).toEqual([]);
    },
  );

  it('answers UNAVAILABLE to every one of several writes in flight when the database dies', async () => {
    // The driver labels only the first failed write of a pool as a connection problem ("ResetPool"); the
    // writes in flight beside it fail without a label and must still be UNAVAILABLE.
    proxy.setDown(false);
    await waitUntilOk(() => indexer.resolve({ useCase: 'spans', orgId: ORG, string: 'probe' }), 10_000);
    const requests = [0, 1, 2, 3].map((w) => ({
      groups: [
        {
          useCase: 'spans',
          orgId: ORG,
          strings: Array.from({ length: 20 }, (_, i) => `in-flight-${w}-${i}`),
        },
      ],
    }));
    let fired = false;
    void proxy.cutOn('insert', 'string_mappings', 'request', requests.length).then(() => (fired = true));
    const outcomes = await Promise.all(
      requests.map((request) => attempt(() => indexer.bulkRecord(request, { timeoutMs: 10_000 }))),
    );
    proxy.setDown(false);
    reportFigure('database-faults/cut-in-flight', {
      codes: tally(outcomes.map((o) => `${o.code}: ${o.message}`)),
    });
    expect(fired).toBe(true);
    expect(outcomes.map((o) => `${o.code}: ${o.message}`)).toEqual(
      requests.map(() => 'Unavailable: service temporarily unavailable'),
    );
    for (const request of requests) {
      await waitUntilOk(() => indexer.bulkRecord(request, { timeoutMs: DEADLINE_MS }), 10_000);
      const again = await indexer.bulkRecord(request, { timeoutMs: DEADLINE_MS });
      again.groups[0]!.results.forEach((r, i) =>
        ledger.observe('spans', ORG, request.groups[0]!.strings[i]!, r.id!),
      );
    }
    expect(ledger.conflicts).toEqual([]);
  });

  it('stored every key once after all the cuts', async () => {
    const stored = await duplicateStoredKeys(process.env['MONGODB_URI']!, service.database);
    expect(stored.duplicates).toEqual([]);
    expect(stored.rows).toBe(ledger.size);
    expect(await rerecordMismatches(indexer, ledger)).toEqual([]);
    expect(service.unexpectedExits).toEqual([]);
  });
});
