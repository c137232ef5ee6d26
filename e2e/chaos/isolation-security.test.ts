import type { DescService } from '@bufbuild/protobuf';
import { configuration, indexer, query } from '@mindex/proto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucket } from './support/buckets.js';
import { createTestPki, type TestPki } from '@mindex/testing';
import { startChaosDb, type ChaosDb } from './support/chaos-db.js';
import {
  attempt,
  configurationClient,
  connectClient,
  grpcClient,
  indexerClient,
  queryClient,
  type CallOutcome,
  type ClientTls,
  type ConfigurationClient,
  type IndexerClient,
  type QueryClient,
} from './support/clients.js';
import { ADMIN, ADMIN_TOKEN, launchCluster, type Cluster } from './support/cluster.js';
import { reportFigure } from './support/figures.js';
import { dumpServiceProblems } from './support/debug-logs.js';
import { leaksIn } from './support/leaks.js';
import { chaosSeed } from './support/seeded-random.js';
import { launchService, type ManagedService } from './support/services.js';
import type { AppName } from './support/app-entry.js';

const T = { timeoutMs: 10_000 };
const ORG_A = 9301n;
const ORG_B = 9302n;
const PROJECT = 7n; // the same project id in both organizations, on purpose
const SECRETS_B = ['c:custom/secret_b@none', 'secret_tag_b', 'secret_value_b', 'secret-string-b'];
const stringify = (value: unknown) =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));

describe('isolation: no RPC returns another organization’s strings', () => {
  let cluster: Cluster;
  let indexerRpc: IndexerClient;
  let queryRpc: QueryClient;
  const idsB = new Map<string, bigint>();

  beforeAll(async () => {
    cluster = await launchCluster({ mongodbUri: process.env['MONGODB_URI']! });
    indexerRpc = indexerClient(cluster.indexer.grpcAddress);
    queryRpc = queryClient(cluster.query.grpcAddress);
    const batch = await indexerRpc.indexBatch(
      {
        buckets: [
          bucket(ORG_A, PROJECT, 'c:custom/visible_a@none', { tag_a: 'value_a' }),
          bucket(ORG_B, PROJECT, SECRETS_B[0]!, { [SECRETS_B[1]!]: SECRETS_B[2]! }),
        ],
      },
      T,
    );
    expect(batch.outcomes.map((o) => o.outcome.case)).toEqual(['indexed', 'indexed']);
    const recorded = await indexerRpc.bulkRecord(
      { groups: [{ useCase: 'custom', orgId: ORG_B, strings: SECRETS_B }] },
      T,
    );
    recorded.groups[0]!.results.forEach((r, i) => idsB.set(SECRETS_B[i]!, r.id!));
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('never resolves or reverse resolves organization B’s strings and ids for organization A', async () => {
    const ids = [...idsB.values()];
    const reverse = await Promise.all(
      ids.map((id) => attempt(() => indexerRpc.reverseResolve({ useCase: 'custom', orgId: ORG_A, id }, T))),
    );
    const bulkReverse = await indexerRpc.bulkReverseResolve({ useCase: 'custom', orgId: ORG_A, ids }, T);
    const resolved = await indexerRpc.bulkResolve(
      { groups: [{ useCase: 'custom', orgId: ORG_A, strings: SECRETS_B }] },
      T,
    );
    const queryReverse = await Promise.all(
      ids.map((id) => attempt(() => queryRpc.reverseResolve({ useCase: 'custom', orgId: ORG_A, id }, T))),
    );
    const queryResolve = await Promise.all(
      SECRETS_B.map((string) =>
        attempt(() => queryRpc.resolveWeak({ useCase: 'custom', orgId: ORG_A, string }, T)),
      ),
    );

    expect(reverse.map((o) => o.code)).toEqual(ids.map(() => 'NotFound'));
    expect(bulkReverse.results).toEqual([]);
    expect(resolved.groups[0]!.results.map((r) => r.id)).toEqual(SECRETS_B.map(() => undefined));
    expect(queryReverse.map((o) => o.code)).toEqual(ids.map(() => 'NotFound'));
    expect(queryResolve.map((o) => o.value?.id)).toEqual(SECRETS_B.map(() => '-1'));
    // Not even inside an error message.
    for (const o of [...reverse, ...queryReverse])
      for (const s of SECRETS_B) expect(o.message).not.toContain(s);
  });

  it('never lists organization B’s metrics, tag keys or tag values in organization A’s metadata', async () => {
    const answers: CallOutcome<unknown>[] = [
      await attempt(() =>
        queryRpc.getMetricsMeta({ orgId: ORG_A, projectIds: [PROJECT], useCases: ['custom'] }, T),
      ),
      await attempt(() =>
        queryRpc.getTagKeys(
          { orgId: ORG_A, projectIds: [PROJECT], useCases: ['custom'], mri: SECRETS_B[0]! },
          T,
        ),
      ),
      await attempt(() =>
        queryRpc.getTagValues(
          {
            orgId: ORG_A,
            projectIds: [PROJECT],
            useCases: ['custom'],
            mri: SECRETS_B[0]!,
            tagKey: SECRETS_B[1]!,
          },
          T,
        ),
      ),
    ];
    const meta = answers[0]!.value as Awaited<ReturnType<QueryClient['getMetricsMeta']>>;
    expect(meta.metrics.map((m) => m.mri)).toEqual(['c:custom/visible_a@none']);
    for (const answer of answers) {
      expect(['OK', 'NotFound']).toContain(answer.code);
      for (const secret of SECRETS_B.slice(1))
        expect(stringify(answer.value) + answer.message).not.toContain(secret);
    }
    // B sees its own.
    const own = await queryRpc.getMetricsMeta(
      { orgId: ORG_B, projectIds: [PROJECT], useCases: ['custom'] },
      T,
    );
    expect(own.metrics.map((m) => m.mri)).toEqual([SECRETS_B[0]]);
  });

  it('keeps random strings of random organizations apart (property)', async () => {
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 9400n, max: 9410n }),
        fc.bigInt({ min: 9400n, max: 9410n }),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
        async (owner, other, text) => {
          cases++;
          const string = `iso-${owner}-${text}`;
          const recorded = await indexerRpc.record({ useCase: 'spans', orgId: owner, string }, T);
          const id = recorded.result!.id!;
          const reverse = await attempt(() =>
            indexerRpc.reverseResolve({ useCase: 'spans', orgId: other, id }, T),
          );
          const expected = owner === other ? `OK ${string}` : 'NotFound';
          return (reverse.code === 'OK' ? `OK ${reverse.value!.result!.string}` : reverse.code) === expected;
        },
      ),
      { numRuns: Number(process.env['CHAOS_FUZZ_RUNS'] ?? 40), seed: chaosSeed() },
    );
    reportFigure('isolation/property', { cases });
  });
});

describe('security: driver and internal error text never reaches clients', () => {
  let db: ChaosDb;
  let cluster: Cluster;

  beforeAll(async () => {
    db = await startChaosDb();
    cluster = await launchCluster({ mongodbUri: db.uri });
    await indexerClient(cluster.indexer.grpcAddress).indexBatch(
      { buckets: [bucket(ORG_A, PROJECT, 'c:custom/leak_probe@none', { t: 'v' })] },
      T,
    );
  });

  afterAll(async () => {
    dumpServiceProblems(cluster?.all() ?? []);
    await cluster?.stop();
    await db?.dispose();
  });

  it('answers with generic messages on both ports when the database is gone', async () => {
    await db.kill();
    const calls = (grpc: boolean): Record<string, () => Promise<unknown>> => {
      const idx = grpc
        ? indexerClient(cluster.indexer.grpcAddress)
        : connectClient(indexer.IndexerService, `127.0.0.1:${cluster.indexer.httpPort}`);
      const cfg = grpc
        ? configurationClient(cluster.configuration.grpcAddress)
        : connectClient(configuration.ConfigurationService, `127.0.0.1:${cluster.configuration.httpPort}`);
      const qry = grpc
        ? queryClient(cluster.query.grpcAddress)
        : connectClient(query.QueryService, `127.0.0.1:${cluster.query.httpPort}`);
      return {
        'indexer BulkRecord': () =>
          idx.bulkRecord({ groups: [{ useCase: 'custom', orgId: 1n, strings: ['x-new'] }] }, T),
        'indexer ReverseResolve': () => idx.reverseResolve({ useCase: 'custom', orgId: 1n, id: 12345n }, T),
        'indexer IndexBatch': () =>
          idx.indexBatch({ buckets: [bucket(1n, 1n, 'c:custom/leak_new@none')] }, T),
        'configuration SetOption': () =>
          cfg.setOption(
            { name: 'sentry-metrics.10s-granularity', value: { kind: { case: 'boolValue', value: true } } },
            { ...ADMIN, ...T },
          ),
        'configuration GetOrganizationOptions': () => cfg.getOrganizationOptions({ orgId: 777n }, T),
        'configuration GetMetricsBlockingState': () =>
          cfg.getMetricsBlockingState({ orgId: 1n, projectIds: [1n] }, T),
        'query GetMetricsMeta': () =>
          qry.getMetricsMeta({ orgId: ORG_A, projectIds: [PROJECT], useCases: ['custom'] }, T),
        'query RecordBuckets': () =>
          qry.recordBuckets(
            {
              buckets: [
                { orgId: 1n, projectId: 1n, useCaseId: 'custom', metricId: 5n, type: 'c', timestamp: 1n },
              ],
            },
            T,
          ),
      };
    };
    const outcomes: Record<string, string> = {};
    for (const grpc of [true, false]) {
      for (const [name, call] of Object.entries(calls(grpc))) {
        const outcome = await attempt(call);
        outcomes[`${grpc ? 'grpc' : 'connect'} ${name}`] = `${outcome.code}: ${outcome.message}`;
      }
    }
    await db.start();
    reportFigure('security/errors-with-db-down', { outcomes });
    for (const [name, text] of Object.entries(outcomes)) {
      expect(text, name).toMatch(/^Unavailable: /);
      expect(leaksIn(text), `${name}: ${text}`).toEqual([]);
    }
  });
});

describe('security: the configuration service enforces its admin token', () => {
  let service: ManagedService;
  const OPTION = 'sentry-metrics.10s-granularity';

  beforeAll(async () => {
    service = await launchService('configuration', {
      mongodbUri: process.env['MONGODB_URI']!,
      env: { CONFIGURATION_ADMIN_TOKEN: ADMIN_TOKEN },
    });
  });

  afterAll(async () => {
    await service?.stop();
  });

  const mutations = (
    client: ConfigurationClient,
    headers: Record<string, string>,
  ): Record<string, () => Promise<unknown>> => ({
    SetOption: () =>
      client.setOption(
        { name: OPTION, value: { kind: { case: 'boolValue', value: true } }, author: 'x' },
        { headers, ...T },
      ),
    DeleteOption: () => client.deleteOption({ name: OPTION, author: 'x' }, { headers, ...T }),
    SetOrganizationOptions: () =>
      client.setOrganizationOptions({ orgId: 42n, metricsActivatePercentiles: false }, { headers, ...T }),
    UpdateMetricBlocking: () =>
      client.updateMetricBlocking(
        { orgId: 42n, projectIds: [1n], metricMri: 'c:custom/blocked@none', blockMetric: true },
        { headers, ...T },
      ),
  });

  it.each([
    ['no token', {}, 'Unauthenticated'],
    [
      'a basic credential',
      { authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}` },
      'Unauthenticated',
    ],
    ['an empty bearer', { authorization: 'Bearer ' }, 'Unauthenticated'],
    ['a wrong token', { authorization: 'Bearer not-the-token' }, 'PermissionDenied'],
    ['the token with a suffix', { authorization: `Bearer ${ADMIN_TOKEN}x` }, 'PermissionDenied'],
    [
      'the token in another case',
      { authorization: `Bearer ${ADMIN_TOKEN.toUpperCase()}` },
      'PermissionDenied',
    ],
  ] as const)('refuses every mutating RPC on both ports with %s (%s)', async (_name, headers, code) => {
    const before = await configurationClient(service.grpcAddress).getOption({ name: OPTION }, T);
    const blockingBefore = await configurationClient(service.grpcAddress).getMetricsBlockingState(
      { orgId: 42n, projectIds: [1n] },
      T,
    );
    for (const client of [
      configurationClient(service.grpcAddress),
      connectClient(configuration.ConfigurationService, `127.0.0.1:${service.httpPort}`),
    ]) {
      const outcomes = Object.fromEntries(
        await Promise.all(
          Object.entries(mutations(client, headers)).map(async ([rpc, call]) => [
            rpc,
            (await attempt(call)).code,
          ]),
        ),
      );
      expect(outcomes).toEqual({
        SetOption: code,
        DeleteOption: code,
        SetOrganizationOptions: code,
        UpdateMetricBlocking: code,
      });
    }
    // Nothing changed.
    const after = await configurationClient(service.grpcAddress).getOption({ name: OPTION }, T);
    expect(stringify(after.option)).toBe(stringify(before.option));
    const blockingAfter = await configurationClient(service.grpcAddress).getMetricsBlockingState(
      { orgId: 42n, projectIds: [1n] },
      T,
    );
    expect(stringify(blockingAfter)).toBe(stringify(blockingBefore));
  });

  it('accepts every mutating RPC with the token, and reads without one', async () => {
    for (const client of [
      configurationClient(service.grpcAddress),
      connectClient(configuration.ConfigurationService, `127.0.0.1:${service.httpPort}`),
    ]) {
      for (const [rpc, call] of Object.entries(mutations(client, ADMIN.headers))) {
        expect([rpc, (await attempt(call)).code]).toEqual([rpc, 'OK']);
      }
      expect((await attempt(() => client.listOptions({ prefix: 'sentry-metrics' }, T))).code).toBe('OK');
    }
  });
});

// TLS on every port, from certificate files (<SVC>_TLS_CERT_FILE, <SVC>_TLS_KEY_FILE), and mutual TLS when
// <SVC>_TLS_CLIENT_CA_FILE is set. Certificates are made here with openssl.
describe('security: TLS and mutual TLS on every port', () => {
  let pki: TestPki;
  const ENV_PREFIX: Record<AppName, string> = {
    indexer: 'INDEXER',
    configuration: 'CONFIGURATION',
    query: 'QUERY',
  };
  const SERVICES: Record<AppName, DescService> = {
    indexer: indexer.IndexerService,
    configuration: configuration.ConfigurationService,
    query: query.QueryService,
  };
  // One cheap call per service that needs no database or dependency.
  const probe = (app: AppName, client: unknown): Promise<unknown> => {
    switch (app) {
      case 'indexer':
        return (client as IndexerClient).resolveShared({ string: 'environment' }, T);
      case 'configuration':
        return (client as ConfigurationClient).listUseCases({}, T);
      case 'query':
        return (client as QueryClient).parseMri({ mri: 'c:custom/a@none' }, T);
    }
  };
  const services: ManagedService[] = [];

  beforeAll(async () => {
    pki = await createTestPki();
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await pki?.dispose();
  });

  const launchTls = async (app: AppName, mutual: boolean) => {
    const prefix = ENV_PREFIX[app];
    const service = await launchService(app, {
      mongodbUri: process.env['MONGODB_URI']!,
      env: {
        [`${prefix}_TLS_CERT_FILE`]: pki.server.certFile,
        [`${prefix}_TLS_KEY_FILE`]: pki.server.keyFile,
        ...(mutual && { [`${prefix}_TLS_CLIENT_CA_FILE`]: pki.caFile }),
        ...(app === 'query' && { QUERY_INDEXER_ADDRESS: '127.0.0.1:1' }),
      },
    });
    services.push(service);
    return service;
  };

  /** The probe's outcome over gRPC and over Connect (HTTP/1.1), with the given client TLS (or none). */
  const probeBoth = async (app: AppName, service: ManagedService, tls: ClientTls | undefined) => {
    const grpc = await attempt(() => probe(app, grpcClient(SERVICES[app], service.grpcAddress, tls)));
    const connect = await attempt(() =>
      probe(app, connectClient(SERVICES[app], `127.0.0.1:${service.httpPort}`, tls)),
    );
    return [grpc.code === 'OK' ? 'OK' : 'refused', connect.code === 'OK' ? 'OK' : 'refused'];
  };

  it.each(['indexer', 'configuration', 'query'] as const)(
    'the %s serves TLS on both ports and refuses plaintext and untrusted certificates',
    async (app) => {
      const service = await launchTls(app, false);
      expect(await probeBoth(app, service, { ca: pki.ca })).toEqual(['OK', 'OK']);
      expect(await probeBoth(app, service, undefined)).toEqual(['refused', 'refused']);
      expect(await probeBoth(app, service, { ca: pki.rogueCa })).toEqual(['refused', 'refused']);
      await service.stop();
    },
  );

  it.each(['indexer', 'configuration', 'query'] as const)(
    'the %s requires a client certificate from its CA under mutual TLS, on both ports',
    async (app) => {
      const service = await launchTls(app, true);
      const trusted = { ca: pki.ca, cert: pki.client.cert, key: pki.client.key };
      const rogue = { ca: pki.ca, cert: pki.rogueClient.cert, key: pki.rogueClient.key };
      expect(await probeBoth(app, service, trusted)).toEqual(['OK', 'OK']);
      expect(await probeBoth(app, service, { ca: pki.ca })).toEqual(['refused', 'refused']);
      expect(await probeBoth(app, service, rogue)).toEqual(['refused', 'refused']);
      await service.stop();
    },
  );
});
