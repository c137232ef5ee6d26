import { createGrpcTransport } from '@connectrpc/connect-node';
import { query } from '@mindex/proto';
import { createLogger, createRpcServer, propagateRequestId, type Logger } from '@mindex/rpc-server';
import { createUseCaseRegistry } from '@mindex/use-case-registry';
import { MongoClient } from 'mongodb';
import type { QueryConfig } from '../config.js';
import { createConnectConfigurationPort } from '../dependencies/connect-configuration-port.js';
import { createConnectIndexerPort } from '../dependencies/connect-indexer-port.js';
import { createDefaultConfigurationPort } from '../dependencies/default-configuration-port.js';
import { createQueryService } from '../service/query-service.js';
import { startExpiryCleanup } from '../store/expiry-cleanup.js';
import { createMongoMetadataStore } from '../store/mongo-metadata-store.js';

export interface QueryServer {
  readonly logger: Logger;
  readonly grpcPort: number;
  readonly httpPort: number;
  /** Graceful stop: the RPC server first, then the cleanup timer and the database client. */
  stop(): Promise<void>;
}

export interface StartQueryServerOptions {
  /** Defaults to JSON lines on stdout at the configured level. */
  readonly logger?: Logger;
}

/** Builds the query service from its config and listens on both ports. */
export async function startQueryServer(
  config: QueryConfig,
  options: StartQueryServerOptions = {},
): Promise<QueryServer> {
  const logger = options.logger ?? createLogger({ level: config.logLevel, base: { service: 'query' } });
  const mongo = new MongoClient(config.mongodbUri, {
    useBigInt64: true,
    serverSelectionTimeoutMS: config.mongodbServerSelectionTimeoutMs,
    // A database that stops answering without closing the connection fails the call instead of holding it.
    socketTimeoutMS: config.mongodbOperationTimeoutMs,
    waitQueueTimeoutMS: config.mongodbOperationTimeoutMs,
  });
  try {
    const store = createMongoMetadataStore(mongo.db(config.database));
    await store.ensureIndexes();

    const dependencyOptions = { timeoutMs: config.dependencyTimeoutMs, retries: 1 };
    const indexer = createConnectIndexerPort(
      createGrpcTransport({ baseUrl: `http://${config.indexerAddress}`, interceptors: [propagateRequestId] }),
      dependencyOptions,
    );
    const configuration =
      config.configurationAddress === undefined
        ? createDefaultConfigurationPort()
        : createConnectConfigurationPort(
            createGrpcTransport({
              baseUrl: `http://${config.configurationAddress}`,
              interceptors: [propagateRequestId],
            }),
            dependencyOptions,
          );
    const now = () => new Date();
    const service = createQueryService({
      store,
      indexer,
      configuration,
      registry: createUseCaseRegistry(),
      logger,
      now,
    });

    const server = createRpcServer({ logger, tls: config.tls });
    server.register(query.QueryService, service);
    const grpcPort = await server.listen({ host: config.host, port: config.grpcPort });
    const httpPort = await server.listenConnect({ host: config.host, port: config.httpPort });
    const cleanup = startExpiryCleanup({ store, intervalMs: config.cleanupIntervalMs, logger, now });
    return {
      logger,
      grpcPort,
      httpPort,
      async stop() {
        await server.shutdown(config.shutdownGraceMs);
        cleanup.stop();
        await mongo.close();
      },
    };
  } catch (error) {
    await mongo.close();
    throw error;
  }
}
