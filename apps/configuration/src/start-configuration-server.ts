import { MongoClient } from 'mongodb';
import { configuration } from '@mindex/proto';
import { createLogger, createRpcServer, type Logger, type RpcServer } from '@mindex/rpc-server';
import { OPTION_DEFINITIONS } from '@mindex/runtime-options';
import { referenceUseCaseRegistry } from '@mindex/use-case-registry';
import { createMongoMetricBlockingStore } from './blocking/mongo-metric-blocking-store.js';
import type { ConfigurationConfig } from './config.js';
import { createMongoOptionStore } from './options/mongo-option-store.js';
import { createOptionWatchHub } from './options/option-watch-hub.js';
import { createMongoOrgOptionsStore } from './org/mongo-org-options-store.js';
import { createAdminGuard } from './service/admin-guard.js';
import { createConfigurationService } from './service/configuration-service.js';

export interface ConfigurationServer {
  readonly grpcPort: number;
  readonly httpPort: number;
  readonly logger: Logger;
  readonly rpc: RpcServer;
  /** Ends watches cleanly, drains in-flight calls, closes the database connection. */
  stop(): Promise<void>;
}

export interface StartConfigurationServerOptions {
  logger?: Logger;
}

/** Builds the service from its config and binds both ports (port 0 picks free ones). */
export async function startConfigurationServer(
  config: ConfigurationConfig,
  options: StartConfigurationServerOptions = {},
): Promise<ConfigurationServer> {
  const logger =
    options.logger ?? createLogger({ level: config.logLevel, base: { service: 'configuration' } });
  const client = new MongoClient(config.mongodbUri, {
    useBigInt64: true,
    serverSelectionTimeoutMS: config.mongodbServerSelectionTimeoutMs,
    // A database that stops answering without closing the connection fails the call instead of holding it.
    socketTimeoutMS: config.mongodbOperationTimeoutMs,
    waitQueueTimeoutMS: config.mongodbOperationTimeoutMs,
    appName: 'mindex-configuration',
  });
  const db = client.db(config.database);
  const optionStore = createMongoOptionStore(db);
  const blockingStore = createMongoMetricBlockingStore(db);
  const orgOptionsStore = createMongoOrgOptionsStore(db);
  // Indexes are created eagerly when the database is up, and otherwise by the first write that needs them.
  await Promise.all([
    optionStore.ensureIndexes(),
    blockingStore.ensureIndexes(),
    orgOptionsStore.ensureIndexes(),
  ]).catch((err: unknown) =>
    logger.warn('could not create indexes yet; the first write will retry', { error: err }),
  );
  const watchHub = createOptionWatchHub({
    store: optionStore,
    optionNames: OPTION_DEFINITIONS.map((d) => d.name),
    logger,
    pollIntervalMs: config.watchPollIntervalMs,
  });
  const rpc = createRpcServer({ logger, tls: config.tls });
  rpc.register(
    configuration.ConfigurationService,
    createConfigurationService({
      registry: referenceUseCaseRegistry(),
      optionStore,
      watchHub,
      orgOptionsStore,
      blockingStore,
      requireAdmin: createAdminGuard(config.adminToken),
    }),
  );
  try {
    const grpcPort = await rpc.listen({ host: config.host, port: config.grpcPort });
    const httpPort = await rpc.listenConnect({ host: config.host, port: config.httpPort });
    let stopping: Promise<void> | undefined;
    return {
      grpcPort,
      httpPort,
      logger,
      rpc,
      stop() {
        stopping ??= (async () => {
          watchHub.close();
          await rpc.shutdown(config.shutdownGraceMs);
          await client.close();
        })();
        return stopping;
      },
    };
  } catch (err) {
    watchHub.close();
    await rpc.shutdown(0);
    await client.close();
    throw err;
  }
}
