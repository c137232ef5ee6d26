import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { ADMIN, ADMIN_TOKEN } from './support/cluster.js';
import { dumpServiceProblems } from './support/debug-logs.js';
import { reportFigure, tally } from './support/figures.js';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy.js';
import { createIdLedger } from './support/id-ledger.js';
import { launchService, stopAll, type ManagedService } from './support/services.js';
import { duplicateStoredKeys, reverseMismatches } from './support/verify-mappings.js';

// The database stops answering without closing its connections (a wedged server, or packets dropped without a
// reset). Each service gives up on a database call after its operation timeout and answers UNAVAILABLE, long
// before its caller's deadline; the indexer's admission slots are not held hostage; cached strings are still
// answered; once the database answers again everything works without a restart and nothing is inconsistent.
const OPERATION_TIMEOUT_MS = 1000;
const CALLER_DEADLINE_MS = 20_000;
// 24 string calls share 16 admission slots: two rounds of timeouts, plus one more and a second of slack for a
// loaded machine. Measured: 2.1 s.
const GIVE_UP_WITHIN_MS = 3 * OPERATION_TIMEOUT_MS + 1000;
const ORG = 8101n;

describe('database faults: the database stops answering', () => {
  let proxy: FaultProxy;
  let services: ManagedService[] = [];
  let indexer: IndexerClient;
  let configuration: ConfigurationClient;
  let query: QueryClient;
  const ledger = createIdLedger();
  const known = Array.from({ length: 50 }, (_, i) => `before-hang-${i}`);

  beforeAll(async () => {
    const target = new URL(process.env['MONGODB_URI']!);
    proxy = await startFaultProxy({ host: target.hostname, port: Number(target.port) });
    const timeout = String(OPERATION_TIMEOUT_MS);
    const [indexerService, configurationService, queryService] = await Promise.all([
      launchService('indexer', {
        mongodbUri: proxy.uri,
        env: { INDEXER_MONGODB_OPERATION_TIMEOUT_MS: timeout },
      }),
      launchService('configuration', {
        mongodbUri: proxy.uri,
        env: { CONFIGURATION_MONGODB_OPERATION_TIMEOUT_MS: timeout, CONFIGURATION_ADMIN_TOKEN: ADMIN_TOKEN },
      }),
      launchService('query', {
        mongodbUri: proxy.uri,
        env: { QUERY_MONGODB_OPERATION_TIMEOUT_MS: timeout, QUERY_INDEXER_ADDRESS: '127.0.0.1:1' },
      }),
    ]);
    services = [indexerService, configurationService, queryService];
    indexer = indexerClient(indexerService.grpcAddress);
    configuration = configurationClient(configurationService.grpcAddress);
    query = queryClient(queryService.grpcAddress);

    const recorded = await indexer.bulkRecord(
      { groups: [{ useCase: 'transactions', orgId: ORG, strings: known }] },
      { timeoutMs: 30_000 },
    );
    recorded.groups[0]!.results.forEach((r, i) => ledger.observe('transactions', ORG, known[i]!, r.id!));
  });

  afterAll(async () => {
    proxy?.setHung(false);
    dumpServiceProblems(services);
    await stopAll(services);
    await proxy?.close();
  });

  it('answers UNAVAILABLE within the operation timeout, not at the caller deadline', async () => {
    proxy.setHung(true);
    // More string calls than the indexer runs database work for at once (16): the rest wait for a slot.
    const writes = Array.from({ length: 24 }, (_, w) =>
      attempt(() =>
        indexer.bulkRecord(
          {
            groups: [
              {
                useCase: 'transactions',
                orgId: ORG,
                strings: Array.from({ length: 5 }, (_, i) => `during-hang-${w}-${i}`),
              },
            ],
          },
          { timeoutMs: CALLER_DEADLINE_MS },
        ),
      ),
    );
    const others = [
      attempt(() =>
        configuration.setOrganizationOptions(
          { orgId: ORG, metricsActivatePercentiles: true },
          { ...ADMIN, timeoutMs: CALLER_DEADLINE_MS },
        ),
      ),
      attempt(() =>
        query.getMetricsMeta(
          { orgId: ORG, projectIds: [1n], useCases: ['custom'] },
          { timeoutMs: CALLER_DEADLINE_MS },
        ),
      ),
    ];
    // Strings the indexer has cached need no database.
    const cached = await attempt(() =>
      indexer.bulkResolve(
        { groups: [{ useCase: 'transactions', orgId: ORG, strings: known }] },
        { timeoutMs: CALLER_DEADLINE_MS },
      ),
    );
    const outcomes = await Promise.all([...writes, ...others]);
    proxy.setHung(false);

    reportFigure('database-hang/outcomes', {
      codes: tally(outcomes.map((o) => `${o.code}: ${o.message}`)),
      slowestMs: Math.round(Math.max(...outcomes.map((o) => o.ms))),
      cachedMs: Math.round(cached.ms),
    });
    expect(cached.code).toBe('OK');
    cached.value!.groups[0]!.results.forEach((r, i) =>
      expect(r.id, known[i]).toBe(ledger.idOf('transactions', ORG, known[i]!)),
    );
    expect(outcomes.map((o) => `${o.code}: ${o.message}`)).toEqual(
      outcomes.map(() => 'Unavailable: service temporarily unavailable'),
    );
    expect(outcomes.filter((o) => o.ms > GIVE_UP_WITHIN_MS).map((o) => Math.round(o.ms))).toEqual([]);
  });

  it('works again once the database answers, with consistent ids and no duplicate rows', async () => {
    const strings = Array.from({ length: 24 * 5 }, (_, i) => `during-hang-${Math.floor(i / 5)}-${i % 5}`);
    const request = { groups: [{ useCase: 'transactions', orgId: ORG, strings: [...known, ...strings] }] };
    await waitUntilOk(() => indexer.bulkRecord(request, { timeoutMs: 5000 }), 15_000);
    const again = await indexer.bulkRecord(request, { timeoutMs: 30_000 });
    again.groups[0]!.results.forEach((r, i) =>
      ledger.observe('transactions', ORG, request.groups[0]!.strings[i]!, r.id!),
    );
    await waitUntilOk(
      () =>
        configuration.setOrganizationOptions(
          { orgId: ORG, metricsActivatePercentiles: true },
          { ...ADMIN, timeoutMs: 5000 },
        ),
      15_000,
    );
    await waitUntilOk(
      () => query.getMetricsMeta({ orgId: ORG, projectIds: [1n], useCases: ['custom'] }, { timeoutMs: 5000 }),
      15_000,
    );

    expect(ledger.conflicts).toEqual([]);
    expect(await reverseMismatches(indexer, ledger)).toEqual([]);
    const stored = await duplicateStoredKeys(process.env['MONGODB_URI']!, services[0]!.database);
    expect(stored.duplicates).toEqual([]);
    expect(services.flatMap((s) => s.unexpectedExits)).toEqual([]);
  });
});
