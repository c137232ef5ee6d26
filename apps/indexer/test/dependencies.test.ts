import { create } from '@bufbuild/protobuf';
import { Code, ConnectError } from '@connectrpc/connect';
import { commonBuckets, configuration, configurationOptions, query } from '@mindex/proto';
import { optionValueToWire } from '@mindex/runtime-options';
import { describe, expect, it } from 'vitest';
import { bucket, sessionBuckets } from './support/buckets.js';
import { startFakeService } from './support/fake-services.js';
import { startTestServer } from './support/server.js';

async function errorOf(call: Promise<unknown>): Promise<ConnectError> {
  try {
    await call;
  } catch (error) {
    return ConnectError.from(error);
  }
  throw new Error('the call succeeded');
}

describe('forwarding indexed buckets to the query service', () => {
  it('sends the indexed buckets of a batch to RecordBuckets', async () => {
    const received: commonBuckets.IndexedBucket[] = [];
    const fake = await startFakeService(query.QueryService, {
      recordBuckets: async (request) => {
        received.push(...request.buckets);
        return { recorded: request.buckets.length };
      },
    });
    const t = await startTestServer({ INDEXER_QUERY_ADDRESS: fake.address });
    try {
      const { outcomes } = await t.client.indexBatch({
        buckets: [...sessionBuckets(), bucket({ name: 'bad' })],
      });
      expect(outcomes.map((o) => o.outcome.case)).toEqual(['indexed', 'indexed', 'indexed', 'invalid']);
      expect(received.map((b) => [b.useCaseId, b.metricId])).toEqual([
        ['sessions', 9223372036854775809n],
        ['sessions', 9223372036854775812n],
        ['sessions', 9223372036854775810n],
      ]);
    } finally {
      await t.stop();
      await fake.server.shutdown(0);
    }
  });

  it('answers UNAVAILABLE naming the query service while it is down, and succeeds on retry once it is back', async () => {
    let up = false;
    const fake = await startFakeService(query.QueryService, {
      recordBuckets: async (request) => {
        if (!up) throw new ConnectError('starting', Code.Unavailable);
        return { recorded: request.buckets.length };
      },
    });
    const t = await startTestServer({ INDEXER_QUERY_ADDRESS: fake.address });
    try {
      const error = await errorOf(t.client.indexBatch({ buckets: sessionBuckets() }));
      expect([error.code, error.rawMessage]).toEqual([Code.Unavailable, 'query service unavailable']);
      up = true;
      const { outcomes } = await t.client.indexBatch({ buckets: sessionBuckets() });
      expect(outcomes.every((o) => o.outcome.case === 'indexed')).toBe(true);
    } finally {
      await t.stop();
      await fake.server.shutdown(0);
    }
  });
});

describe('live options from the configuration service', () => {
  it('applies the snapshot at startup and later changes while running', async () => {
    const DISABLED = 'sentry-metrics.indexer.disabled-namespaces';
    const option = (values: string[] | undefined) =>
      create(configurationOptions.OptionSchema, {
        name: DISABLED,
        isDefault: values === undefined,
        value: optionValueToWire({ type: 'string-list', value: values ?? [] }),
      });
    let push: ((event: configuration.WatchOptionsResponse) => void) | undefined;
    const fake = await startFakeService(configuration.ConfigurationService, {
      async *watchOptions() {
        yield create(configuration.WatchOptionsResponseSchema, {
          event: { case: 'snapshot', value: { version: 3n, options: [option(['custom'])] } },
        });
        const queue: configuration.WatchOptionsResponse[] = [];
        let wake: (() => void) | undefined;
        push = (event) => {
          queue.push(event);
          wake?.();
        };
        for (;;) {
          while (queue.length > 0) yield queue.shift()!;
          await new Promise<void>((r) => (wake = r));
        }
      },
    });
    const t = await startTestServer({ INDEXER_CONFIGURATION_ADDRESS: fake.address });
    try {
      const batch = { buckets: [bucket({ name: 'c:custom/x@none', namespace: 'custom' })] };
      expect((await t.client.indexBatch(batch)).outcomes[0]!.outcome).toMatchObject({
        case: 'filtered',
        value: { reason: 'namespace_disabled' },
      });
      push!(
        create(configuration.WatchOptionsResponseSchema, {
          event: {
            case: 'change',
            value: { change: { version: 4n, name: DISABLED }, option: option(undefined) },
          },
        }),
      );
      for (let i = 0; i < 100 && t.server.options.version < 4n; i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(t.server.options.version).toBe(4n);
      expect((await t.client.indexBatch(batch)).outcomes[0]!.outcome.case).toBe('indexed');
    } finally {
      await t.stop();
      await fake.server.shutdown(0);
    }
  });

  it('starts on defaults and environment options when the configuration service is down', async () => {
    const t = await startTestServer({
      INDEXER_CONFIGURATION_ADDRESS: '127.0.0.1:1',
      INDEXER_OPTIONS_JSON: JSON.stringify({ 'sentry-metrics.indexer.disabled-namespaces': ['spans'] }),
    });
    try {
      const { outcomes } = await t.client.indexBatch({
        buckets: [bucket({ name: 'c:spans/x@none', namespace: 'spans' })],
      });
      expect(outcomes[0]!.outcome).toMatchObject({
        case: 'filtered',
        value: { reason: 'namespace_disabled' },
      });
    } finally {
      await t.stop();
    }
  });
});

describe('metrics blocking from the configuration service', () => {
  it('drops blocked metrics and strips blocked tags over the wire, and keeps the last state while it is down', async () => {
    let down = false;
    const fake = await startFakeService(configuration.ConfigurationService, {
      getMetricsBlockingState: async (request) => {
        if (down) throw new ConnectError('starting', Code.Unavailable);
        return {
          projects: request.projectIds.map((projectId) => ({
            projectId,
            metrics:
              projectId === 3n
                ? [
                    { metricMri: 'c:custom/blocked@none', isBlocked: true },
                    { metricMri: 'c:custom/tagged@none', blockedTags: ['secret'] },
                  ]
                : [],
          })),
        };
      },
    });
    const t = await startTestServer({ INDEXER_CONFIGURATION_ADDRESS: fake.address });
    try {
      const batch = {
        buckets: [
          bucket({ name: 'c:custom/blocked@none' }),
          bucket({ name: 'c:custom/tagged@none', tags: { secret: 'x', env: 'prod' } }),
          bucket({ name: 'c:custom/blocked@none', projectId: 4n }),
        ],
      };
      const summary = (outcomes: { outcome: { case?: string; value?: unknown } }[]) =>
        outcomes.map((o) =>
          o.outcome.case === 'filtered'
            ? (o.outcome.value as { reason: string }).reason
            : [o.outcome.case, (o.outcome.value as { removedTags?: string[] }).removedTags],
        );
      const expected = ['metric_blocked', ['indexed', ['secret']], ['indexed', []]];
      expect(summary((await t.client.indexBatch(batch)).outcomes)).toEqual(expected);
      down = true;
      await new Promise((r) => setTimeout(r, 5100));
      expect(summary((await t.client.indexBatch(batch)).outcomes)).toEqual(expected);
    } finally {
      await t.stop();
      await fake.server.shutdown(0);
    }
  }, 20_000);
});
