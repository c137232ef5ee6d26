import { createLogger } from '@mindex/rpc-server';
import { startConfigurationServer } from '../src/start-configuration-server.js';
import { ADMIN_TOKEN, describeConfigurationService } from './support/configuration-service-suite.js';
import { grpcClient } from './support/grpc-clients.js';
import { openTestDatabase } from './support/test-database.js';

// Every service behaviour again, over a real gRPC socket against FerretDB, one fresh database per test.
describeConfigurationService('ConfigurationService over gRPC on FerretDB', async () => {
  const database = await openTestDatabase();
  const server = await startConfigurationServer(
    {
      host: '127.0.0.1',
      grpcPort: 0,
      httpPort: 0,
      mongodbUri: database.uri,
      database: database.name,
      logLevel: 'error',
      adminToken: ADMIN_TOKEN,
      watchPollIntervalMs: 100,
      shutdownGraceMs: 1000,
      mongodbServerSelectionTimeoutMs: 2000,
      mongodbOperationTimeoutMs: 10_000,
    },
    { logger: createLogger({ level: 'error', write: () => undefined }) },
  );
  return {
    client: grpcClient(server.grpcPort, ADMIN_TOKEN),
    anonymous: grpcClient(server.grpcPort),
    wrongToken: grpcClient(server.grpcPort, 'wrong-token'),
    close: async () => {
      await server.stop();
      await database.drop();
    },
  };
});
