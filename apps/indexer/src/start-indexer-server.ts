import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { configuration, indexer as indexerProto, query } from '@mindex/proto';
import { createLogger, createRpcServer, propagateRequestId, type Logger } from '@mindex/rpc-server';
import { createUseCaseRegistry, type UseCaseRegistry } from '@mindex/use-case-registry';
import { MongoClient } from 'mongodb';
import type { IndexerConfig } from './config.js';
import { createIndexerCore, type IndexerCore } from './create-indexer-core.js';
import { createIndexBatchGrpcCodec } from './service/index-batch-wire-codec.js';
import { createStringsGrpcCodecs } from './service/strings-wire-codec.js';
import { createMemoryStringAnswers } from './service/memory-string-answers.js';
import { registerIndexerMetrics } from './indexer-metrics.js';
import { createPeriodicTask } from './jobs/periodic-task.js';
import { createRetentionJob } from './jobs/retention-job.js';
import { createIndexerOptions, type IndexerOptions } from './options/indexer-options.js';
import { watchConfiguration, type ConfigurationWatch } from './options/watch-configuration.js';
import { createIndexerService, type BucketForwarder } from './service/indexer-service.js';
import { createMongoStores } from './store/create-mongo-stores.js';
import { sweepExpiredWindows } from './store/mongo-window-store.js';
import {
  createMetricsBlockingCache,
  DEFAULT_BLOCKING_TTL_MS,
  type MetricsBlocking,
} from './index-batch/metrics-blocking.js';
import { fetchBlockingStateFrom } from './options/fetch-blocking-state.js';

/**
 * The RPCs callers send at high rates (string calls, batches): their successful calls are logged at debug
 * unless slow (100 ms), as one line per call was a large share of a warm Resolve. Failures and slow calls are
 * logged at info or above.
 */
const HOT_METHODS = ['BulkRecord', 'BulkResolve', 'Record', 'Resolve', 'IndexBatch'].map(
  (method) => `${indexerProto.IndexerService.typeName}/${method}`,
);

export interface IndexerServer {
  readonly grpcPort: number;
  readonly httpPort: number;
  readonly logger: Logger;
  readonly core: IndexerCore;
  readonly options: IndexerOptions;
  /** Graceful stop: drains calls, flushes last-seen updates, closes MongoDB. Safe to call more than once. */
  stop(): Promise<void>;
}

export interface StartIndexerServerOverrides {
  logger?: Logger;
  registry?: UseCaseRegistry;
  now?: () => number;
  /** How long startup waits for the first configuration snapshot before running on defaults and env. */
  configurationWaitMs?: number;
}

/** Builds and starts the indexer: MongoDB stores, layers, jobs, the gRPC and Connect ports. */
export async function startIndexerServer(
  config: IndexerConfig,
  overrides: StartIndexerServerOverrides = {},
): Promise<IndexerServer> {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel, base: { service: 'indexer' } });
  const now = overrides.now ?? Date.now;
  const registry = overrides.registry ?? createUseCaseRegistry();

  const mongo = new MongoClient(config.mongodbUri, {
    useBigInt64: true,
    serverSelectionTimeoutMS: config.mongodbServerSelectionTimeoutMs,
    connectTimeoutMS: config.mongodbServerSelectionTimeoutMs,
    // A database that stops answering without closing the connection fails the call instead of holding it.
    socketTimeoutMS: config.mongodbOperationTimeoutMs,
    waitQueueTimeoutMS: config.mongodbOperationTimeoutMs,
    appName: 'mindex-indexer',
    // Command events feed the database latency histogram.
    monitorCommands: true,
  });
  const instanceId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const stores = createMongoStores(mongo.db(config.database), instanceId);
  await stores.ensureIndexes().catch((error: unknown) => {
    logger.warn('cannot create MongoDB indexes yet; writes wait for them', { error });
  });

  const options = createIndexerOptions(config.optionOverrides, registry);
  let watch: ConfigurationWatch | undefined;
  let blocking: MetricsBlocking | undefined;
  if (config.configurationAddress !== undefined) {
    const client = createClient(
      configuration.ConfigurationService,
      createGrpcTransport({
        baseUrl: `http://${config.configurationAddress}`,
        interceptors: [propagateRequestId],
      }),
    );
    blocking = createMetricsBlockingCache({
      fetch: fetchBlockingStateFrom(client, config.dependencyTimeoutMs),
      now,
      ttlMs: DEFAULT_BLOCKING_TTL_MS,
      onError: (error) => logger.warn('metrics blocking state unavailable; using the last known', { error }),
    });
    watch = watchConfiguration({ client, options, logger });
    await watch.ready(overrides.configurationWaitMs ?? 2000).catch(() => {
      logger.warn('configuration service not reachable; running on default and environment options', {
        address: config.configurationAddress,
      });
    });
  }

  const core = createIndexerCore({
    ...stores,
    blocking,
    registry,
    options: () => options.current(),
    now,
    random: Math.random,
  });

  const onJobError = (job: string) => (error: unknown) => logger.warn(`${job} failed`, { error });
  const lastSeenTask = createPeriodicTask({
    intervalMs: config.lastSeenFlushIntervalMs,
    run: async () => {
      const updated = await core.lastSeen.flush();
      if (updated > 0) logger.debug('last seen bumped', { updated });
    },
    onError: onJobError('last-seen update'),
  });
  const retentionTask = createRetentionJob({
    store: stores.mappings,
    now,
    intervalMs: config.retentionIntervalMs,
    onDeleted: (count) => logger.info('expired mappings deleted', { count }),
    onError: onJobError('retention'),
  });
  const sweepTask = createPeriodicTask({
    intervalMs: config.sweepIntervalMs,
    run: async () => {
      await sweepExpiredWindows(mongo.db(config.database), now());
    },
    onError: onJobError('limiter window sweep'),
  });

  let forward: BucketForwarder | undefined;
  if (config.queryAddress !== undefined) {
    const client = createClient(
      query.QueryService,
      createGrpcTransport({ baseUrl: `http://${config.queryAddress}`, interceptors: [propagateRequestId] }),
    );
    forward = async (buckets) => {
      await client.recordBuckets({ buckets: [...buckets] }, { timeoutMs: config.dependencyTimeoutMs });
    };
  }

  const server = createRpcServer({ logger, tls: config.tls, hotMethods: HOT_METHODS });
  const observer = registerIndexerMetrics(server.registry, core, { mongo, options });
  server.register(
    indexerProto.IndexerService,
    createIndexerService({
      indexer: core.indexer,
      shared: core.shared,
      batchIndexer: core.batchIndexer,
      registry,
      forward,
      observer,
      memory: createMemoryStringAnswers({
        cache: core.cache,
        shared: core.shared,
        registry,
      }),
    }),
    { ...createStringsGrpcCodecs(), indexBatch: createIndexBatchGrpcCodec() },
  );
  let grpcPort: number;
  let httpPort: number;
  try {
    grpcPort = await server.listen({ host: config.host, port: config.grpcPort });
    httpPort = await server.listenConnect({ host: config.host, port: config.httpPort });
  } catch (error) {
    await server.shutdown(0);
    await watch?.stop();
    await mongo.close();
    throw error;
  }
  lastSeenTask.start();
  retentionTask.start();
  sweepTask.start();

  let stopping: Promise<void> | undefined;
  return {
    grpcPort,
    httpPort,
    logger,
    core,
    options,
    stop: () =>
      (stopping ??= (async () => {
        await server.shutdown(config.shutdownGraceMs);
        await Promise.all([lastSeenTask.stop({ finalRun: true }), retentionTask.stop(), sweepTask.stop()]);
        await watch?.stop();
        await mongo.close();
      })()),
  };
}
