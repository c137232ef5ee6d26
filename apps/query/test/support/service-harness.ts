import { create } from '@bufbuild/protobuf';
import { createClient, createRouterTransport, type Client } from '@connectrpc/connect';
import { commonBuckets, query } from '@mindex/proto';
import { createLogger } from '@mindex/rpc-server';
import { createUseCaseRegistry } from '@mindex/use-case-registry';
import { createQueryService } from '../../src/service/query-service.js';
import { createInMemoryMetadataStore } from '../../src/store/in-memory-metadata-store.js';
import type { MetadataStore } from '../../src/store/metadata-store.js';
import { createFakeConfiguration, type FakeConfiguration } from './fake-configuration.js';
import { createFakeIndexer, type FakeIndexer } from './fake-indexer.js';

export const NOW = new Date('2026-11-24T12:00:00Z');
const DAY_S = 86_400;

export interface BucketSpec {
  org?: bigint;
  project?: bigint;
  useCase?: string;
  mri: string;
  /** Bucket type; defaults to the MRI's entity letter. */
  type?: string;
  /** Days before NOW. */
  daysAgo?: number;
  tags?: Record<string, string>;
  retentionDays?: number;
}

export interface ServiceHarness {
  client: Client<typeof query.QueryService>;
  indexer: FakeIndexer;
  configuration: FakeConfiguration;
  store: MetadataStore;
  logs: Record<string, unknown>[];
  /** Builds indexed buckets as the indexer would (ids from the fake indexer) and records them. */
  ingest(...specs: BucketSpec[]): Promise<number>;
  bucket(spec: BucketSpec): commonBuckets.IndexedBucket;
}

export function createServiceHarness(): ServiceHarness {
  const indexer = createFakeIndexer();
  const configuration = createFakeConfiguration();
  const store = createInMemoryMetadataStore();
  const logs: Record<string, unknown>[] = [];
  const registry = createUseCaseRegistry();
  const impl = createQueryService({
    store,
    indexer,
    configuration,
    registry,
    logger: createLogger({
      level: 'debug',
      write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>),
    }),
    now: () => NOW,
  });
  const client = createClient(
    query.QueryService,
    createRouterTransport(({ service }) => service(query.QueryService, impl)),
  );
  const bucket = (spec: BucketSpec): commonBuckets.IndexedBucket => {
    const org = spec.org ?? 1n;
    const useCase = spec.useCase ?? 'custom';
    const releaseHealth = registry.metricPath(useCase) === 'release-health';
    const rawTags: Record<string, string> = {};
    const indexedTags: Record<string, bigint> = {};
    for (const [key, value] of Object.entries(spec.tags ?? {})) {
      const keyId = indexer.add(useCase, org, key).toString();
      if (releaseHealth) indexedTags[keyId] = indexer.add(useCase, org, value);
      else rawTags[keyId] = value;
    }
    return create(commonBuckets.IndexedBucketSchema, {
      orgId: org,
      projectId: spec.project ?? 10n,
      useCaseId: useCase,
      metricId: indexer.add(useCase, org, spec.mri),
      type: spec.type ?? spec.mri.split(':')[0],
      timestamp: BigInt(Math.floor(NOW.getTime() / 1000) - (spec.daysAgo ?? 1) * DAY_S),
      rawTags,
      indexedTags,
      retentionDays: spec.retentionDays ?? 90,
      version: releaseHealth ? 1 : 2,
    });
  };
  return {
    client,
    indexer,
    configuration,
    store,
    logs,
    bucket,
    async ingest(...specs) {
      const response = await client.recordBuckets({ buckets: specs.map(bucket) });
      return response.recorded;
    },
  };
}
