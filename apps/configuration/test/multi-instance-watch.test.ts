import { createLogger } from '@mindex/rpc-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { configuration } from '@mindex/proto';
import { startConfigurationServer, type ConfigurationServer } from '../src/start-configuration-server.js';
import { ADMIN_TOKEN, type ConfigurationClient } from './support/configuration-service-suite.js';
import { grpcClient } from './support/grpc-clients.js';
import { openTestDatabase, type TestDatabase } from './support/test-database.js';

const TEN_SECOND = 'sentry-metrics.10s-granularity';

describe('two configuration instances on one database', () => {
  let database: TestDatabase;
  let servers: ConfigurationServer[];
  let a: ConfigurationClient;
  let b: ConfigurationClient;

  beforeAll(async () => {
    database = await openTestDatabase();
    const start = () =>
      startConfigurationServer(
        {
          host: '127.0.0.1',
          grpcPort: 0,
          httpPort: 0,
          mongodbUri: database.uri,
          database: database.name,
          logLevel: 'error',
          adminToken: ADMIN_TOKEN,
          watchPollIntervalMs: 200,
          shutdownGraceMs: 1000,
          mongodbServerSelectionTimeoutMs: 2000,
          mongodbOperationTimeoutMs: 10_000,
        },
        { logger: createLogger({ level: 'error', write: () => undefined }) },
      );
    servers = [await start(), await start()];
    a = grpcClient(servers[0]!.grpcPort, ADMIN_TOKEN);
    b = grpcClient(servers[1]!.grpcPort, ADMIN_TOKEN);
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database.drop();
  });

  it('delivers a write through one instance to a watcher of the other well under a second', async () => {
    const abort = new AbortController();
    const stream = b.watchOptions({}, { signal: abort.signal })[Symbol.asyncIterator]();
    expect((await stream.next()).value?.event.case).toBe('snapshot');
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await a.setOption({ name: TEN_SECOND, value: { kind: { case: 'boolValue', value: i % 2 === 0 } } });
      const event = (await stream.next()).value?.event.value as configuration.OptionChangeEvent;
      latencies.push(performance.now() - started);
      expect(event.change?.version).toBe(BigInt(i + 1));
    }
    abort.abort();
    expect(Math.max(...latencies)).toBeLessThan(600);
  });

  it('serializes concurrent writes through both instances into one contiguous history', async () => {
    const before = (await a.listOptions({})).version;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 === 0 ? a : b).setOption({
          name: 'sentry-metrics.writes-limiter.limits.spans.per-org',
          value: {
            kind: {
              case: 'quotaList',
              value: { quotas: [{ windowSeconds: 60n, granularitySeconds: 10n, limit: BigInt(i) }] },
            },
          },
        }),
      ),
    );
    const { changes } = await b.listOptionChanges({ limit: 12 });
    expect(changes.map((c) => c.version)).toEqual(
      Array.from({ length: 12 }, (_, i) => before + 12n - BigInt(i)),
    );
  });
});
