import { create } from '@bufbuild/protobuf';
import { Code, ConnectError, createClient, createRouterTransport } from '@connectrpc/connect';
import { configuration, configurationOptions } from '@mindex/proto';
import { createLogger } from '@mindex/rpc-server';
import { optionValueToWire } from '@mindex/runtime-options';
import { createUseCaseRegistry } from '@mindex/use-case-registry';
import { describe, expect, it } from 'vitest';
import { createIndexerOptions } from './indexer-options.js';
import { watchConfiguration } from './watch-configuration.js';

const TTL = 'mindex.indexer.cache.ttl-seconds';
const silent = createLogger({ write: () => undefined });

function option(name: string, ttl: number | undefined) {
  return create(configurationOptions.OptionSchema, {
    name,
    isDefault: ttl === undefined,
    value: optionValueToWire({ type: 'int', value: ttl ?? 7200 }),
  });
}

function snapshot(version: bigint, ttl?: number) {
  return create(configuration.WatchOptionsResponseSchema, {
    event: { case: 'snapshot', value: { version, options: [option(TTL, ttl)] } },
  });
}

function change(version: bigint, ttl?: number) {
  return create(configuration.WatchOptionsResponseSchema, {
    event: { case: 'change', value: { change: { version, name: TTL }, option: option(TTL, ttl) } },
  });
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
};

describe('watchConfiguration', () => {
  it('applies the snapshot and changes, and resumes from the last version after the stream breaks', async () => {
    const requests: (bigint | undefined)[] = [];
    let connection = 0;
    const transport = createRouterTransport(({ service }) => {
      service(configuration.ConfigurationService, {
        async *watchOptions(request) {
          requests.push(request.fromVersion);
          connection++;
          if (connection === 1) {
            yield snapshot(5n, 60);
            yield change(6n, 30);
            throw new ConnectError('going away', Code.Unavailable);
          }
          if (connection === 2) throw new ConnectError('still down', Code.Unavailable);
          yield change(7n, undefined);
          await new Promise(() => undefined);
        },
      });
    });
    const options = createIndexerOptions(new Map(), createUseCaseRegistry());
    const watch = watchConfiguration({
      client: createClient(configuration.ConfigurationService, transport),
      options,
      logger: silent,
      initialBackoffMs: 1,
      maxBackoffMs: 5,
    });
    await watch.ready(1000);
    await until(() => options.version === 7n);
    expect(requests).toEqual([undefined, 6n, 6n]);
    expect(options.current().cacheTtlSeconds()).toBe(7200);
    await watch.stop();
  });

  it('keeps the last options while the service is down', async () => {
    let up = true;
    const transport = createRouterTransport(({ service }) => {
      service(configuration.ConfigurationService, {
        async *watchOptions() {
          if (!up) throw new ConnectError('down', Code.Unavailable);
          yield snapshot(2n, 99);
          up = false;
          throw new ConnectError('crashed', Code.Unavailable);
        },
      });
    });
    const options = createIndexerOptions(new Map(), createUseCaseRegistry());
    const watch = watchConfiguration({
      client: createClient(configuration.ConfigurationService, transport),
      options,
      logger: silent,
      initialBackoffMs: 1,
      maxBackoffMs: 2,
    });
    await watch.ready(1000);
    await new Promise((r) => setTimeout(r, 30));
    expect(options.current().cacheTtlSeconds()).toBe(99);
    expect(options.version).toBe(2n);
    await watch.stop();
  });

  it('fails ready() after the timeout when nothing arrives', async () => {
    const transport = createRouterTransport(({ service }) => {
      service(configuration.ConfigurationService, {
        // eslint-disable-next-line require-yield
        async *watchOptions() {
          throw new ConnectError('down', Code.Unavailable);
        },
      });
    });
    const watch = watchConfiguration({
      client: createClient(configuration.ConfigurationService, transport),
      options: createIndexerOptions(new Map(), createUseCaseRegistry()),
      logger: silent,
      initialBackoffMs: 1,
    });
    await expect(watch.ready(20)).rejects.toThrow('no options from the configuration service');
    await watch.stop();
  });
});
