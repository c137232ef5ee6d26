import { Code } from '@connectrpc/connect';
import { createLogger } from '@mindex/rpc-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConfigurationServer, type ConfigurationServer } from '../src/start-configuration-server.js';
import { ADMIN_TOKEN, rpcError, type ConfigurationClient } from './support/configuration-service-suite.js';
import { grpcClient } from './support/grpc-clients.js';

// Nothing listens on port 1: every database call fails fast with a server-selection error.
describe('with the database unreachable', () => {
  let server: ConfigurationServer;
  let client: ConfigurationClient;

  beforeAll(async () => {
    server = await startConfigurationServer(
      {
        host: '127.0.0.1',
        grpcPort: 0,
        httpPort: 0,
        mongodbUri: 'mongodb://127.0.0.1:1',
        database: 'mindex_configuration_down',
        logLevel: 'error',
        adminToken: ADMIN_TOKEN,
        watchPollIntervalMs: 100,
        shutdownGraceMs: 500,
        mongodbServerSelectionTimeoutMs: 300,
        mongodbOperationTimeoutMs: 10_000,
      },
      { logger: createLogger({ level: 'error', write: () => undefined }) },
    );
    client = grpcClient(server.grpcPort, ADMIN_TOKEN);
  });

  afterAll(async () => {
    await server.stop();
  });

  it('still starts and serves what needs no database', async () => {
    expect((await client.listUseCases({})).useCases).toHaveLength(7);
    expect(
      (await client.getIngestConfiguration({ useCaseKey: 'performance' })).configuration?.outputTopic,
    ).toBe('snuba-generic-metrics');
  });

  it.each<[string, () => Promise<unknown>]>([
    ['GetOption', () => client.getOption({ name: 'sentry-metrics.10s-granularity' })],
    [
      'SetOption',
      () =>
        client.setOption({
          name: 'sentry-metrics.10s-granularity',
          value: { kind: { case: 'boolValue', value: true } },
        }),
    ],
    ['GetOperationsConfiguration', () => client.getOperationsConfiguration({ orgId: 1n })],
    ['GetMetricsBlockingState', () => client.getMetricsBlockingState({ orgId: 1n, projectIds: [1n] })],
    [
      'WatchOptions',
      async () => {
        for await (const _event of client.watchOptions({})) break;
      },
    ],
  ])('answers %s with UNAVAILABLE and no driver message', async (_rpc, call) => {
    const error = await rpcError(call());
    expect(error).toEqual({ code: Code.Unavailable, message: 'service temporarily unavailable' });
  });

  it('still validates before touching the database', async () => {
    expect((await rpcError(client.getOption({ name: 'nope' }))).code).toBe(Code.NotFound);
  });
});
