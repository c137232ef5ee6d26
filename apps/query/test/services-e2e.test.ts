import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Code, ConnectError, createClient, type Client } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { commonBuckets, configuration, indexer, query } from '@mindex/proto';
import { spawnService, type ServiceProcess } from '@mindex/testing';
import type { MessageInitShape } from '@bufbuild/protobuf';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/free-port.js';

// The three real services, as built (node apps/<name>/dist/main.js), on the integration FerretDB: buckets go to
// the indexer's IndexBatch, which forwards the indexed buckets to the query service; the query service reads
// hidden operations and blocking from the configuration service.
const entry = (app: string) => fileURLToPath(new URL(`../../${app}/dist/main.js`, import.meta.url));
const ADMIN_TOKEN = 'e2e-token';
const admin = { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } };

type BucketInit = MessageInitShape<typeof commonBuckets.MetricBucketSchema>;
const now = Math.floor(Date.now() / 1000);

function bucket(
  orgId: bigint,
  projectId: bigint,
  name: string,
  tags: Record<string, string> = {},
): BucketInit {
  const type = name.split(':')[0]!;
  const value: BucketInit['value'] = {
    kind:
      type === 'c'
        ? { case: 'counter', value: 1 }
        : type === 's'
          ? { case: 'set', value: { values: [1, 2] } }
          : type === 'g'
            ? { case: 'gauge', value: { min: 1, max: 2, sum: 3, count: 2n, last: 2 } }
            : { case: 'distribution', value: { values: [1.5, 2.5] } },
  };
  const namespace = name.slice(2, name.indexOf('/'));
  return {
    namespace,
    orgId,
    projectId,
    name,
    type,
    timestamp: BigInt(now - 3600),
    tags,
    value,
    retentionDays: 90,
  };
}

describe('indexer → query → configuration, end to end', () => {
  const suffix = randomBytes(4).toString('hex');
  const databases = [`mindex_e2e_cfg_${suffix}`, `mindex_e2e_idx_${suffix}`, `mindex_e2e_query_${suffix}`];
  const services: ServiceProcess[] = [];
  let configurationService: ServiceProcess;
  let indexerService: ServiceProcess;
  let queryClient: Client<typeof query.QueryService>;
  let indexerClient: Client<typeof indexer.IndexerService>;
  let configurationClient: Client<typeof configuration.ConfigurationService>;
  const connect = (address: string) => createGrpcTransport({ baseUrl: `http://${address}` });

  beforeAll(async () => {
    for (const app of ['configuration', 'indexer', 'query']) {
      if (!existsSync(entry(app)))
        throw new Error(`${entry(app)} is missing: build with npx tsc -b tsconfig.json`);
    }
    const mongodbUri = process.env['MONGODB_URI']!;
    configurationService = await spawnService({
      entry: entry('configuration'),
      env: {
        CONFIGURATION_GRPC_PORT: '0',
        CONFIGURATION_HTTP_PORT: '0',
        CONFIGURATION_MONGODB_DATABASE: databases[0]!,
        CONFIGURATION_ADMIN_TOKEN: ADMIN_TOKEN,
        MONGODB_URI: mongodbUri,
      },
    });
    services.push(configurationService);
    // The indexer and the query service call each other: the indexer's port is chosen first.
    const indexerPort = await freePort();
    const queryService = await spawnService({
      entry: entry('query'),
      env: {
        QUERY_GRPC_PORT: '0',
        QUERY_HTTP_PORT: '0',
        QUERY_MONGODB_DATABASE: databases[2]!,
        QUERY_INDEXER_ADDRESS: `127.0.0.1:${indexerPort}`,
        QUERY_CONFIGURATION_ADDRESS: configurationService.grpcAddress,
        QUERY_DEPENDENCY_TIMEOUT_MS: '2000',
        MONGODB_URI: mongodbUri,
      },
    });
    services.push(queryService);
    indexerService = await spawnService({
      entry: entry('indexer'),
      env: {
        INDEXER_GRPC_PORT: String(indexerPort),
        INDEXER_HTTP_PORT: '0',
        INDEXER_MONGODB_DATABASE: databases[1]!,
        INDEXER_QUERY_ADDRESS: queryService.grpcAddress,
        INDEXER_CONFIGURATION_ADDRESS: configurationService.grpcAddress,
        MONGODB_URI: mongodbUri,
      },
    });
    services.push(indexerService);
    queryClient = createClient(query.QueryService, connect(queryService.grpcAddress));
    indexerClient = createClient(indexer.IndexerService, connect(indexerService.grpcAddress));
    configurationClient = createClient(
      configuration.ConfigurationService,
      connect(configurationService.grpcAddress),
    );

    // Org 1 hides percentiles and shows `last`; org 2 keeps the defaults.
    await configurationClient.setOrganizationOptions(
      { orgId: 1n, metricsActivatePercentiles: false, metricsActivateLastForGauges: true },
      admin,
    );
    await configurationClient.updateMetricBlocking(
      { orgId: 1n, projectIds: [11n], metricMri: 'c:custom/clicks@none', blockTags: ['os'] },
      admin,
    );
    await configurationClient.updateMetricBlocking(
      { orgId: 1n, projectIds: [10n], metricMri: 'd:custom/never@second', blockMetric: true },
      admin,
    );

    const response = await indexerClient.indexBatch({
      buckets: [
        bucket(1n, 10n, 'c:custom/clicks@none', { browser: 'firefox', os: 'linux' }),
        bucket(1n, 11n, 'c:custom/clicks@none', { browser: 'chrome' }),
        bucket(1n, 11n, 'd:custom/latency@millisecond', { route: '/a' }),
        bucket(1n, 10n, 'g:custom/memory@byte', { host: 'h1' }),
        bucket(1n, 10n, 's:custom/users@none'),
        bucket(1n, 10n, 'd:spans/duration@millisecond', { 'span.op': 'db' }),
        bucket(1n, 10n, 'c:sessions/session@none', {
          'session.status': 'init',
          release: '1.0',
          environment: 'prod',
        }),
        bucket(1n, 11n, 'c:sessions/session@none', { 'session.status': 'crashed', release: '2.0' }),
        bucket(2n, 10n, 'c:custom/clicks@none', { browser: 'safari' }),
        bucket(2n, 10n, 'd:custom/latency@millisecond'),
      ],
    });
    expect(response.outcomes.map((o) => o.outcome.case)).toEqual(Array(10).fill('indexed'));
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    const uri = process.env['MONGODB_URI'];
    if (uri === undefined) return;
    const client = new MongoClient(uri);
    await Promise.all(databases.map((name) => client.db(name).dropDatabase()));
    await client.close();
  });

  const DIST_VISIBLE_ORG1 = ['avg', 'count', 'max', 'min', 'sum'];
  const metas = async (orgId: bigint, projectIds: bigint[], useCases: string[]) =>
    (await queryClient.getMetricsMeta({ orgId, projectIds, useCases })).metrics.map((m) => ({
      type: m.type,
      name: m.name,
      unit: m.unit,
      mri: m.mri,
      operations: m.operations,
      projectIds: m.projectIds,
      blockingStatus: m.blockingStatus.map((b) => ({
        isBlocked: b.isBlocked,
        blockedTags: b.blockedTags,
        projectId: b.projectId,
      })),
    }));

  it('GetMetricsMeta answers every use case in order, with hidden operations and blocking applied', async () => {
    expect(await metas(1n, [10n, 11n], ['custom', 'spans', 'sessions'])).toEqual([
      {
        type: 'c',
        name: 'clicks',
        unit: 'none',
        mri: 'c:custom/clicks@none',
        operations: ['sum'],
        projectIds: [10n, 11n],
        blockingStatus: [{ isBlocked: false, blockedTags: ['os'], projectId: 11n }],
      },
      {
        type: 's',
        name: 'users',
        unit: 'none',
        mri: 's:custom/users@none',
        operations: ['count_unique'],
        projectIds: [10n],
        blockingStatus: [],
      },
      {
        type: 'g',
        name: 'memory',
        unit: 'byte',
        mri: 'g:custom/memory@byte',
        operations: ['avg', 'count', 'last', 'max', 'min', 'sum'],
        projectIds: [10n],
        blockingStatus: [],
      },
      {
        type: 'd',
        name: 'latency',
        unit: 'millisecond',
        mri: 'd:custom/latency@millisecond',
        operations: DIST_VISIBLE_ORG1,
        projectIds: [11n],
        blockingStatus: [],
      },
      {
        type: 'd',
        name: 'never',
        unit: 'second',
        mri: 'd:custom/never@second',
        operations: DIST_VISIBLE_ORG1,
        projectIds: [],
        blockingStatus: [{ isBlocked: true, blockedTags: [], projectId: 10n }],
      },
      {
        type: 'd',
        name: 'duration',
        unit: 'millisecond',
        mri: 'd:spans/duration@millisecond',
        operations: DIST_VISIBLE_ORG1,
        projectIds: [10n],
        blockingStatus: [],
      },
      {
        type: 'c',
        name: 'session',
        unit: 'none',
        mri: 'c:sessions/session@none',
        operations: ['sum'],
        projectIds: [10n, 11n],
        blockingStatus: [],
      },
    ]);
  });

  it('GetMetricsMeta keeps organizations apart and applies each one’s options', async () => {
    expect((await metas(2n, [10n, 11n], ['custom'])).map((m) => [m.mri, m.operations, m.projectIds])).toEqual(
      [
        ['c:custom/clicks@none', ['sum'], [10n]],
        [
          'd:custom/latency@millisecond',
          ['avg', 'count', 'max', 'min', 'p50', 'p75', 'p90', 'p95', 'p99', 'sum'],
          [10n],
        ],
      ],
    );
    expect(await metas(1n, [], ['custom'])).toEqual([]);
  });

  it('GetTagKeys answers the sorted union, and NOT_FOUND "Unknown metric: <mri>" for an unknown one (§3.6)', async () => {
    const keys = (orgId: bigint, useCases: string[], mri: string) =>
      queryClient.getTagKeys({ orgId, projectIds: [10n, 11n], useCases, mri }).then((r) => r.tagKeys);
    expect(await keys(1n, ['custom'], 'c:custom/clicks@none')).toEqual(['browser', 'os']);
    expect(await keys(2n, ['custom'], 'c:custom/clicks@none')).toEqual(['browser']);
    expect(await keys(1n, ['sessions'], 'c:sessions/session@none')).toEqual([
      'environment',
      'release',
      'session.status',
    ]);
    const error = await keys(1n, ['custom'], 'c:custom/nope@none').catch((e: unknown) =>
      ConnectError.from(e),
    );
    expect(error).toMatchObject({ code: Code.NotFound, rawMessage: 'Unknown metric: c:custom/nope@none' });
  });

  it('GetTagValues answers raw values of generic metrics and resolved values of release health', async () => {
    const values = (orgId: bigint, useCases: string[], mri: string, tagKey: string, prefix = '') =>
      queryClient
        .getTagValues({ orgId, projectIds: [10n, 11n], useCases, mri, tagKey, prefix })
        .then((r) => r.tagValues);
    expect(await values(1n, ['custom'], 'c:custom/clicks@none', 'browser')).toEqual(['chrome', 'firefox']);
    expect(await values(1n, ['custom'], 'c:custom/clicks@none', 'browser', 'f')).toEqual(['firefox']);
    expect(await values(2n, ['custom'], 'c:custom/clicks@none', 'browser')).toEqual(['safari']);
    expect(await values(1n, ['sessions'], 'c:sessions/session@none', 'release')).toEqual(['1.0', '2.0']);
  });

  it('the §8 helpers resolve through the indexer', async () => {
    const id = (await indexerClient.resolve({ useCase: 'custom', orgId: 1n, string: 'browser' })).result?.id;
    expect(
      (await queryClient.resolveTagKey({ useCase: 'custom', orgId: 1n, tagKey: 'browser' })).column,
    ).toBe(`tags_raw[${id}]`);
    expect((await queryClient.resolveWeak({ useCase: 'custom', orgId: 1n, string: 'nope' })).id).toBe('-1');
  });

  it('is UNAVAILABLE naming the configuration service, then the indexer, once each process is stopped', async () => {
    await configurationService.stop();
    const noConfiguration = await queryClient
      .getMetricsMeta({ orgId: 1n, projectIds: [10n], useCases: ['custom'] })
      .catch((e: unknown) => ConnectError.from(e));
    expect(noConfiguration).toMatchObject({
      code: Code.Unavailable,
      rawMessage: 'configuration service unavailable',
    });

    await indexerService.stop();
    const noIndexer = await queryClient
      .getTagKeys({ orgId: 1n, projectIds: [10n], useCases: ['custom'], mri: 'c:custom/clicks@none' })
      .catch((e: unknown) => ConnectError.from(e));
    expect(noIndexer).toMatchObject({ code: Code.Unavailable, rawMessage: 'indexer service unavailable' });
  });
});
