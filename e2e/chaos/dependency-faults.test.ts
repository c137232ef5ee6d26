import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucket } from './support/buckets.js';
import {
  attempt,
  configurationClient,
  indexerClient,
  queryClient,
  waitUntilOk,
  type CallOutcome,
  type ConfigurationClient,
  type IndexerClient,
  type QueryClient,
} from './support/clients.js';
import { ADMIN, launchCluster, type Cluster } from './support/cluster.js';
import { reportFigure } from './support/figures.js';
import { leaksIn } from './support/leaks.js';

// Each service's dependencies fail in turn: the configuration service (the indexer keeps its last options,
// the query service says which dependency is missing), the indexer (the query service says so), and the
// query service (IndexBatch says so, and the strings stay indexed). Each comes back without restarts.
const ORG = 9101n;
const PROJECT = 3n;
const DISABLED_NAMESPACES = 'sentry-metrics.indexer.disabled-namespaces';
// Query → dependency calls have a 2 s deadline and one retry.
const DEPENDENCY_ANSWER_LIMIT_MS = 2 * 2000 + 1000;

const outcomeOf = (o: CallOutcome<unknown>) => `${o.code}: ${o.message}`;

describe('dependency faults', () => {
  let cluster: Cluster;
  let indexer: IndexerClient;
  let configuration: ConfigurationClient;
  let query: QueryClient;
  let metricId: bigint;

  const indexCustom = (name: string) =>
    indexer.indexBatch(
      { buckets: [bucket(ORG, PROJECT, `c:custom/${name}@none`, { route: '/a' })] },
      { timeoutMs: 5000 },
    );
  const outcomeCase = async (name: string) => {
    const response = await indexCustom(name);
    const outcome = response.outcomes[0]!.outcome;
    return outcome.case === 'filtered' ? `filtered: ${outcome.value.reason}` : (outcome.case ?? 'none');
  };
  const setDisabledNamespaces = (values: string[]) =>
    configuration.setOption(
      {
        name: DISABLED_NAMESPACES,
        value: { kind: { case: 'stringList', value: { values } } },
        author: 'chaos',
      },
      { ...ADMIN, timeoutMs: 5000 },
    );
  const waitFor = async (check: () => Promise<boolean>, timeoutMs: number): Promise<number> => {
    const startedAt = performance.now();
    while (performance.now() - startedAt < timeoutMs) {
      if (await check().catch(() => false)) return performance.now() - startedAt;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`condition not met within ${timeoutMs} ms`);
  };

  beforeAll(async () => {
    cluster = await launchCluster({ mongodbUri: process.env['MONGODB_URI']! });
    indexer = indexerClient(cluster.indexer.grpcAddress);
    configuration = configurationClient(cluster.configuration.grpcAddress);
    query = queryClient(cluster.query.grpcAddress);
    // Metadata for the query service to answer from.
    const batch = await indexer.indexBatch(
      {
        buckets: [
          bucket(ORG, PROJECT, 'd:transactions/dep_duration@millisecond', { route: '/x' }),
          bucket(ORG, PROJECT, 'c:sessions/session@none', { 'session.status': 'init', release: 'r1' }),
        ],
      },
      { timeoutMs: 10_000 },
    );
    expect(batch.outcomes.map((o) => o.outcome.case)).toEqual(['indexed', 'indexed']);
    const indexed = batch.outcomes[0]!.outcome;
    metricId = indexed.case === 'indexed' ? indexed.value.bucket!.metricId : 0n;
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('keeps the indexer on its last options while the configuration service is down', async () => {
    await setDisabledNamespaces(['custom']);
    const appliedMs = await waitFor(
      async () => (await outcomeCase('probe')) === 'filtered: namespace_disabled',
      10_000,
    );

    await cluster.configuration.kill();
    // Long enough for the indexer's watch to notice and retry a few times.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const whileDown = await Promise.all([outcomeCase('while_config_down'), attempt(() => indexCustom('x'))]);
    const transactions = await indexer.indexBatch(
      { buckets: [bucket(ORG, PROJECT, 'd:transactions/while_config_down@millisecond')] },
      { timeoutMs: 5000 },
    );
    const record = await attempt(() =>
      indexer.record(
        { useCase: 'spans', orgId: ORG, string: 'recorded-while-config-down' },
        { timeoutMs: 5000 },
      ),
    );

    expect(whileDown[0]).toBe('filtered: namespace_disabled');
    expect(whileDown[1].code).toBe('OK');
    expect(transactions.outcomes[0]!.outcome.case).toBe('indexed');
    expect(record.code).toBe('OK');
    expect(record.value?.result?.id).toBeDefined();

    // Back up: the indexer watches again and takes the next change.
    await cluster.configuration.start();
    await waitUntilOk(() => configuration.listUseCases({}, { timeoutMs: 2000 }), 10_000);
    await setDisabledNamespaces([]);
    const resumedMs = await waitFor(
      async () => (await outcomeCase('after_config_back')) === 'indexed',
      15_000,
    );
    reportFigure('dependency-faults/configuration-down', { appliedMs, resumedAfterReturnMs: resumedMs });
    expect(resumedMs).toBeLessThan(10_000);
  });

  it('answers UNAVAILABLE naming the indexer from every query RPC that needs it, while it is down', async () => {
    await cluster.indexer.kill();
    const t = { timeoutMs: 10_000 };
    const calls: Record<string, () => Promise<unknown>> = {
      GetMetricsMeta: () =>
        query.getMetricsMeta({ orgId: ORG, projectIds: [PROJECT], useCases: ['transactions'] }, t),
      GetTagKeys: () =>
        query.getTagKeys(
          {
            orgId: ORG,
            projectIds: [PROJECT],
            useCases: ['transactions'],
            mri: 'd:transactions/dep_duration@millisecond',
          },
          t,
        ),
      Resolve: () => query.resolve({ useCase: 'transactions', orgId: ORG, string: 'route' }, t),
      ResolveWeak: () => query.resolveWeak({ useCase: 'transactions', orgId: ORG, string: 'route' }, t),
      ResolveTagKey: () => query.resolveTagKey({ useCase: 'transactions', orgId: ORG, tagKey: 'route' }, t),
      ResolveTagValue: () => query.resolveTagValue({ useCase: 'sessions', orgId: ORG, tagValue: 'r1' }, t),
      ReverseResolve: () => query.reverseResolve({ useCase: 'transactions', orgId: ORG, id: metricId }, t),
    };
    const outcomes: Record<string, CallOutcome<unknown>> = {};
    for (const [name, call] of Object.entries(calls)) outcomes[name] = await attempt(call);
    // Calls that need no dependency keep working.
    const parse = await attempt(() => query.parseMri({ mri: 'c:custom/foo@none' }, t));

    reportFigure('dependency-faults/indexer-down', {
      msByRpc: Object.fromEntries(Object.entries(outcomes).map(([name, o]) => [name, o.ms])),
    });
    expect(Object.fromEntries(Object.entries(outcomes).map(([name, o]) => [name, outcomeOf(o)]))).toEqual(
      Object.fromEntries(
        Object.keys(calls).map((name) => [name, 'Unavailable: indexer service unavailable']),
      ),
    );
    for (const o of Object.values(outcomes)) expect(o.ms).toBeLessThan(DEPENDENCY_ANSWER_LIMIT_MS);
    expect(parse.code).toBe('OK');

    await cluster.indexer.start();
    const recoveryMs = await waitUntilOk(calls['GetMetricsMeta']!, 10_000);
    reportFigure('dependency-faults/indexer-back', { queryRecoveryMs: recoveryMs });
    expect(recoveryMs).toBeLessThan(5000);
  });

  it('answers UNAVAILABLE naming the configuration service from the query RPCs that need it', async () => {
    await cluster.configuration.kill();
    const t = { timeoutMs: 10_000 };
    const outcomes = {
      GetMetricsMeta: await attempt(() =>
        query.getMetricsMeta({ orgId: ORG, projectIds: [PROJECT], useCases: ['transactions'] }, t),
      ),
      GetAvailableOperations: await attempt(() =>
        query.getAvailableOperations({ mri: 'd:transactions/dep_duration@millisecond', orgId: ORG }, t),
      ),
    };
    const withoutOrg = await attempt(() =>
      query.getAvailableOperations({ mri: 'd:transactions/dep_duration@millisecond' }, t),
    );
    expect(Object.fromEntries(Object.entries(outcomes).map(([name, o]) => [name, outcomeOf(o)]))).toEqual({
      GetMetricsMeta: 'Unavailable: configuration service unavailable',
      GetAvailableOperations: 'Unavailable: configuration service unavailable',
    });
    for (const o of Object.values(outcomes)) expect(o.ms).toBeLessThan(DEPENDENCY_ANSWER_LIMIT_MS);
    // Without an organization no configuration is needed.
    expect(withoutOrg.code).toBe('OK');

    await cluster.configuration.start();
    const recoveryMs = await waitUntilOk(
      () => query.getAvailableOperations({ mri: 'd:transactions/dep_duration@millisecond', orgId: ORG }, t),
      10_000,
    );
    reportFigure('dependency-faults/configuration-back', { queryRecoveryMs: recoveryMs });
    expect(recoveryMs).toBeLessThan(5000);
  });

  it('answers UNAVAILABLE within its deadline when a dependency hangs instead of refusing', async () => {
    // SIGSTOP: connections are accepted by the kernel but nothing answers, so only deadlines help.
    const t = { timeoutMs: 15_000 };
    cluster.indexer.freeze();
    const meta = await attempt(() =>
      query.getMetricsMeta({ orgId: ORG, projectIds: [PROJECT], useCases: ['transactions'] }, t),
    );
    cluster.indexer.thaw();
    cluster.configuration.freeze();
    const operations = await attempt(() =>
      query.getAvailableOperations({ mri: 'd:transactions/dep_duration@millisecond', orgId: ORG }, t),
    );
    // The indexer keeps indexing on its last options while its configuration stream hangs.
    const indexed = await attempt(() =>
      indexer.indexBatch(
        { buckets: [bucket(ORG, PROJECT, 'd:transactions/while_config_hangs@millisecond')] },
        t,
      ),
    );
    cluster.configuration.thaw();
    reportFigure('dependency-faults/hung', {
      metaMs: meta.ms,
      operationsMs: operations.ms,
      indexBatchMs: indexed.ms,
    });

    expect(outcomeOf(meta)).toBe('Unavailable: indexer service unavailable');
    expect(outcomeOf(operations)).toBe('Unavailable: configuration service unavailable');
    expect(meta.ms).toBeLessThan(DEPENDENCY_ANSWER_LIMIT_MS);
    expect(operations.ms).toBeLessThan(DEPENDENCY_ANSWER_LIMIT_MS);
    expect(indexed.code).toBe('OK');
    expect(indexed.value?.outcomes[0]?.outcome.case).toBe('indexed');
    await waitUntilOk(
      () => query.getMetricsMeta({ orgId: ORG, projectIds: [PROJECT], useCases: ['transactions'] }, t),
      10_000,
    );
  });

  it('answers UNAVAILABLE naming the query service from IndexBatch, with the strings still indexed', async () => {
    await cluster.query.kill();
    const request = { buckets: [bucket(ORG, PROJECT, 'c:custom/while_query_down@none', { stage: 'one' })] };
    const outcome = await attempt(() => indexer.indexBatch(request, { timeoutMs: 10_000 }));
    const resolved = await indexer.resolve(
      { useCase: 'custom', orgId: ORG, string: 'c:custom/while_query_down@none' },
      { timeoutMs: 5000 },
    );
    expect(outcomeOf(outcome)).toBe('Unavailable: query service unavailable');
    expect(leaksIn(outcome.message)).toEqual([]);
    expect(resolved.result?.id).toBeDefined();

    // The caller retries once the query service is back: same ids, and the metadata arrives.
    await cluster.query.start();
    await waitUntilOk(() => indexer.indexBatch(request, { timeoutMs: 5000 }), 10_000);
    const retried = await indexer.indexBatch(request, { timeoutMs: 5000 });
    const indexed = retried.outcomes[0]!.outcome;
    expect(indexed.case === 'indexed' && indexed.value.bucket!.metricId).toBe(resolved.result!.id);
    const meta = await query.getMetricsMeta(
      { orgId: ORG, projectIds: [PROJECT], useCases: ['custom'] },
      { timeoutMs: 5000 },
    );
    expect(meta.metrics.map((m) => m.mri)).toContain('c:custom/while_query_down@none');
    for (const service of cluster.all()) expect(service.unexpectedExits).toEqual([]);
  });
});
