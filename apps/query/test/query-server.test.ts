import { create } from '@bufbuild/protobuf';
import { Code, ConnectError, createClient, type Client } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { commonBuckets, query } from '@mindex/proto';
import { createLogger } from '@mindex/rpc-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { startQueryServer, type QueryServer } from '../src/server/start-query-server.js';
import { createFakeConfiguration } from './support/fake-configuration.js';
import {
  serveFakeConfiguration,
  serveFakeIndexer,
  type FakeServer,
} from './support/fake-dependency-servers.js';
import { createFakeIndexer } from './support/fake-indexer.js';
import { openTestDatabase, type TestDatabase } from './support/test-database.js';

// The query server built by startQueryServer, on real loopback ports and the test database, with real gRPC
// servers standing in for the indexer and the configuration service.
describe('query server', () => {
  const fakeIndexer = createFakeIndexer();
  const fakeConfiguration = createFakeConfiguration();
  let indexerServer: FakeServer;
  let configurationServer: FakeServer;
  let database: TestDatabase;
  let server: QueryServer;
  let client: Client<typeof query.QueryService>;

  beforeAll(async () => {
    database = await openTestDatabase();
    indexerServer = await serveFakeIndexer(fakeIndexer);
    configurationServer = await serveFakeConfiguration(fakeConfiguration);
    const config = loadConfig({
      QUERY_GRPC_PORT: '0',
      QUERY_HTTP_PORT: '0',
      MONGODB_URI: process.env['MONGODB_URI'],
      QUERY_MONGODB_DATABASE: database.name,
      QUERY_INDEXER_ADDRESS: indexerServer.address,
      QUERY_CONFIGURATION_ADDRESS: configurationServer.address,
      QUERY_DEPENDENCY_TIMEOUT_MS: '1000',
    });
    server = await startQueryServer(config, { logger: createLogger({ level: 'error', write: () => {} }) });
    client = createClient(
      query.QueryService,
      createGrpcTransport({ baseUrl: `http://127.0.0.1:${server.grpcPort}` }),
    );
  });

  afterAll(async () => {
    await server?.stop();
    await indexerServer?.stop();
    await configurationServer?.stop();
    await database?.drop();
  });

  const bucket = (mri: string, projectId: bigint, tags: Record<string, string>) =>
    create(commonBuckets.IndexedBucketSchema, {
      orgId: 1n,
      projectId,
      useCaseId: 'custom',
      metricId: fakeIndexer.add('custom', 1n, mri),
      type: mri[0],
      timestamp: BigInt(Math.floor(Date.now() / 1000) - 3600),
      rawTags: Object.fromEntries(
        Object.entries(tags).map(([k, v]) => [fakeIndexer.add('custom', 1n, k).toString(), v]),
      ),
      retentionDays: 90,
      version: 2,
    });

  it('records buckets over gRPC and answers metadata from the database', async () => {
    fakeConfiguration.hidden.set(1n, ['last', 'histogram', 'min_timestamp', 'max_timestamp']);
    fakeConfiguration.blocking.set(11n, [
      { mri: 'c:custom/clicks@none', isBlocked: false, blockedTags: ['os'] },
    ]);
    const buckets = [
      bucket('c:custom/clicks@none', 11n, { browser: 'firefox', os: 'linux' }),
      bucket('c:custom/clicks@none', 10n, { browser: 'chrome' }),
      bucket('g:custom/memory@byte', 10n, { host: 'a' }),
    ];
    expect((await client.recordBuckets({ buckets })).recorded).toBe(3);
    expect((await client.recordBuckets({ buckets })).recorded).toBe(3);

    const { metrics } = await client.getMetricsMeta({
      orgId: 1n,
      projectIds: [10n, 11n],
      useCases: ['custom'],
    });
    expect(
      metrics.map((m) => [m.mri, m.operations, m.projectIds, m.blockingStatus.map((b) => b.projectId)]),
    ).toEqual([
      ['c:custom/clicks@none', ['sum'], [10n, 11n], [11n]],
      ['g:custom/memory@byte', ['avg', 'count', 'max', 'min', 'sum'], [10n], []],
    ]);
    const keys = await client.getTagKeys({
      orgId: 1n,
      projectIds: [10n, 11n],
      useCases: ['custom'],
      mri: 'c:custom/clicks@none',
    });
    expect(keys.tagKeys).toEqual(['browser', 'os']);
    const values = await client.getTagValues({
      orgId: 1n,
      projectIds: [10n, 11n],
      useCases: ['custom'],
      mri: 'c:custom/clicks@none',
      tagKey: 'browser',
    });
    expect(values.tagValues).toEqual(['chrome', 'firefox']);
  });

  it('speaks Connect JSON on the HTTP/1.1 port', async () => {
    const response = await fetch(
      `http://127.0.0.1:${server.httpPort}/mindex.query.v1.QueryService/FormatMriField`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ field: 'avg(c:transactions/foo@none)' }),
      },
    );
    expect(await response.json()).toEqual({ formatted: 'avg(foo)' });
  });

  it('is UNAVAILABLE naming the configuration service once it stops, and the indexer once it stops', async () => {
    const request = { orgId: 1n, projectIds: [10n], useCases: ['custom'] };
    await configurationServer.stop();
    const noConfiguration = await client.getMetricsMeta(request).catch((e: unknown) => ConnectError.from(e));
    expect(noConfiguration).toMatchObject({
      code: Code.Unavailable,
      rawMessage: 'configuration service unavailable',
    });

    await indexerServer.stop();
    const noIndexer = await client
      .getTagKeys({ ...request, mri: 'c:custom/clicks@none' })
      .catch((e: unknown) => ConnectError.from(e));
    expect(noIndexer).toMatchObject({ code: Code.Unavailable, rawMessage: 'indexer service unavailable' });
    // What needs neither dependency still works.
    expect((await client.parseMri({ mri: 'c:custom/x@none' })).parsed?.name).toBe('x');
  });
});
