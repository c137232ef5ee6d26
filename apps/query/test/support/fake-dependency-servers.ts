import { Code, ConnectError } from '@connectrpc/connect';
import { configuration, indexer } from '@mindex/proto';
import { createLogger, createRpcServer, type RpcServer } from '@mindex/rpc-server';
import type { FakeConfiguration } from './fake-configuration.js';
import type { FakeIndexer } from './fake-indexer.js';

export interface FakeServer {
  address: string;
  stop(): Promise<void>;
}

const quiet = () => createLogger({ level: 'error', write: () => {} });
const unimplemented = () => {
  throw new ConnectError('not part of the fake', Code.Unimplemented);
};

async function serve(server: RpcServer): Promise<FakeServer> {
  const port = await server.listen({ host: '127.0.0.1', port: 0 });
  return { address: `127.0.0.1:${port}`, stop: () => server.shutdown(100) };
}

/** A real gRPC indexer server on a free loopback port, answering from a FakeIndexer. */
export function serveFakeIndexer(fake: FakeIndexer): Promise<FakeServer> {
  const server = createRpcServer({ logger: quiet(), collectDefaultMetrics: false });
  server.register(indexer.IndexerService, {
    bulkRecord: unimplemented,
    record: unimplemented,
    bulkResolve: unimplemented,
    resolveShared: unimplemented,
    reverseResolveShared: unimplemented,
    indexBatch: unimplemented,
    async resolve(req) {
      const id = await fake.resolve(req.useCase, req.orgId, req.string);
      return { result: { string: req.string, id } };
    },
    async reverseResolve(req) {
      const string = await fake.reverseResolve(req.useCase, req.orgId, req.id);
      if (string === undefined) throw new ConnectError('unknown id', Code.NotFound);
      return { result: { id: req.id, string } };
    },
    async bulkReverseResolve(req) {
      const found = await fake.bulkReverseResolve(req.useCase, req.orgId, req.ids);
      return { results: [...found].map(([id, string]) => ({ id, string })) };
    },
  });
  return serve(server);
}

/** A real gRPC configuration server on a free loopback port, answering from a FakeConfiguration. */
export function serveFakeConfiguration(fake: FakeConfiguration): Promise<FakeServer> {
  const server = createRpcServer({ logger: quiet(), collectDefaultMetrics: false });
  server.register(configuration.ConfigurationService, {
    getIngestConfiguration: unimplemented,
    listIngestConfigurations: unimplemented,
    listUseCases: unimplemented,
    getUseCase: unimplemented,
    resolveUseCase: unimplemented,
    getOption: unimplemented,
    listOptions: unimplemented,
    setOption: unimplemented,
    deleteOption: unimplemented,
    listOptionChanges: unimplemented,
    watchOptions: unimplemented,
    getOrganizationOptions: unimplemented,
    setOrganizationOptions: unimplemented,
    updateMetricBlocking: unimplemented,
    async getOperationsConfiguration(req) {
      return { hiddenOperations: [...(await fake.hiddenOperations(req.orgId))] };
    },
    async getMetricsBlockingState(req) {
      const states = await fake.blockingState(req.orgId, req.projectIds);
      return {
        projects: states.map((s) => ({
          projectId: s.projectId,
          metrics: s.metrics.map((m) => ({
            metricMri: m.mri,
            isBlocked: m.isBlocked,
            blockedTags: [...m.blockedTags],
          })),
        })),
      };
    },
  });
  return serve(server);
}
