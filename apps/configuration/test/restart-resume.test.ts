import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Code, ConnectError } from '@connectrpc/connect';
import type { configuration } from '@mindex/proto';
import { spawnService, type ServiceProcess } from '@mindex/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN } from './support/configuration-service-suite.js';
import { grpcClient } from './support/grpc-clients.js';
import { openTestDatabase, type TestDatabase } from './support/test-database.js';

const ENTRY = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const TEN_SECOND = 'sentry-metrics.10s-granularity';
const bool = (value: boolean) => ({ kind: { case: 'boolValue' as const, value } });

type WatchEvent = configuration.WatchOptionsResponse['event'];

/** Reads the next event; 'end' when the stream ended cleanly or with UNAVAILABLE (the server went away). */
async function nextEvent(
  stream: AsyncIterator<configuration.WatchOptionsResponse>,
): Promise<WatchEvent | 'end'> {
  try {
    const result = await stream.next();
    return result.done === true ? 'end' : result.value.event;
  } catch (err) {
    if (ConnectError.from(err).code === Code.Unavailable) return 'end';
    throw err;
  }
}

describe('the built service, restarted', () => {
  let database: TestDatabase;
  const started: ServiceProcess[] = [];
  const spawn = async () => {
    const service = await spawnService({
      entry: ENTRY,
      env: {
        CONFIGURATION_GRPC_PORT: '0',
        CONFIGURATION_HTTP_PORT: '0',
        MONGODB_URI: database.uri,
        CONFIGURATION_MONGODB_DATABASE: database.name,
        CONFIGURATION_ADMIN_TOKEN: ADMIN_TOKEN,
        LOG_LEVEL: 'warn',
      },
    });
    started.push(service);
    return service;
  };

  beforeAll(async () => {
    if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: build first (npx tsc -b tsconfig.json)`);
    database = await openTestDatabase();
  });

  afterAll(async () => {
    await Promise.all(started.map((s) => s.kill()));
    await database.drop();
  });

  it('lets a Watch client resume from its last version after a restart', async () => {
    const first = await spawn();
    const client = grpcClient(first.grpcPort, ADMIN_TOKEN);
    const stream = client.watchOptions({})[Symbol.asyncIterator]();
    const snapshot = await nextEvent(stream);
    expect(snapshot !== 'end' && snapshot.case).toBe('snapshot');

    let lastVersion = 0n;
    for (const value of [true, false]) {
      await client.setOption({ name: TEN_SECOND, value: bool(value), author: 'restart-test' });
      const event = await nextEvent(stream);
      if (event === 'end' || event.case !== 'change') throw new Error('expected a change');
      lastVersion = event.value.change?.version ?? 0n;
    }
    expect(lastVersion).toBe(2n);

    // SIGTERM: the service ends the watch and exits cleanly.
    const streamEnd = nextEvent(stream);
    expect(await first.stop()).toBe(0);
    expect(await streamEnd).toBe('end');

    const second = await spawn();
    const restarted = grpcClient(second.grpcPort, ADMIN_TOKEN);
    // A change made while the watcher was away.
    await restarted.setOption({
      name: 'sentry-metrics.cardinality-limiter.orgs-rollout-rate',
      value: { kind: { case: 'doubleValue', value: 0.25 } },
    });

    const abort = new AbortController();
    const resumed = restarted
      .watchOptions({ fromVersion: lastVersion }, { signal: abort.signal })
      [Symbol.asyncIterator]();
    const missed = await nextEvent(resumed);
    if (missed === 'end' || missed.case !== 'change')
      throw new Error('expected the missed change, not a snapshot');
    expect(missed.value.change?.version).toBe(3n);
    expect(missed.value.option).toMatchObject({
      name: 'sentry-metrics.cardinality-limiter.orgs-rollout-rate',
      isDefault: false,
    });

    await restarted.setOption({ name: TEN_SECOND, value: bool(true) });
    const live = await nextEvent(resumed);
    expect(live !== 'end' && live.case === 'change' && live.value.change?.version).toBe(4n);
    abort.abort();
    expect(await second.stop()).toBe(0);
  });
});
