import { Code, ConnectError, createRouterTransport, type HandlerContext } from '@connectrpc/connect';
import { configuration, indexer } from '@mindex/proto';
import { describe, expect, it } from 'vitest';
import { createConnectConfigurationPort } from './connect-configuration-port.js';
import { createConnectIndexerPort, REVERSE_RESOLVE_CHUNK } from './connect-indexer-port.js';
import { DependencyError } from './dependency-error.js';

const options = { timeoutMs: 1500, retries: 1, retryDelayMs: 1 };

function indexerTransport(overrides: Record<string, (req: never, ctx: HandlerContext) => unknown>) {
  return createRouterTransport(({ service }) =>
    service(indexer.IndexerService, {
      resolve: () => ({}),
      reverseResolve: () => ({}),
      bulkReverseResolve: () => ({}),
      ...overrides,
    } as never),
  );
}

describe('createConnectIndexerPort', () => {
  it('sends a deadline with every call', async () => {
    const deadlines: (number | undefined)[] = [];
    const port = createConnectIndexerPort(
      indexerTransport({
        resolve: (_req, ctx) => {
          deadlines.push(ctx.timeoutMs());
          return { result: { string: 'x', id: 5n } };
        },
      }),
      options,
    );
    expect(await port.resolve('custom', 1n, 'x')).toBe(5n);
    expect(deadlines[0]).toBeGreaterThan(1000);
    expect(deadlines[0]).toBeLessThanOrEqual(1500);
  });

  it('answers undefined for a string without id and for an id the indexer does not know', async () => {
    const port = createConnectIndexerPort(
      indexerTransport({
        resolve: () => ({ result: { string: 'x' } }),
        reverseResolve: () => {
          throw new ConnectError('unknown id', Code.NotFound);
        },
      }),
      options,
    );
    expect([await port.resolve('custom', 1n, 'x'), await port.reverseResolve('custom', 1n, 9n)]).toEqual([
      undefined,
      undefined,
    ]);
  });

  it('splits bulk reverse resolves into chunks and merges the answers', async () => {
    const sizes: number[] = [];
    const port = createConnectIndexerPort(
      indexerTransport({
        bulkReverseResolve: (req: indexer.BulkReverseResolveRequest) => {
          sizes.push(req.ids.length);
          return { results: req.ids.filter((id) => id % 2n === 0n).map((id) => ({ id, string: `s${id}` })) };
        },
      }),
      options,
    );
    const ids = Array.from({ length: REVERSE_RESOLVE_CHUNK + 3 }, (_, i) => BigInt(i + 1));
    const found = await port.bulkReverseResolve('custom', 1n, ids);
    expect(sizes).toEqual([REVERSE_RESOLVE_CHUNK, 3]);
    expect([found.size, found.get(2n), found.get(3n)]).toEqual([
      Math.floor((REVERSE_RESOLVE_CHUNK + 3) / 2),
      's2',
      undefined,
    ]);
  });

  it("keeps the indexer's INVALID_ARGUMENT refusal as an invalid_argument DependencyError", async () => {
    const port = createConnectIndexerPort(
      indexerTransport({
        resolve: () => {
          throw new ConnectError('string: longer than 200 code points', Code.InvalidArgument);
        },
      }),
      options,
    );
    const error = await port.resolve('sessions', 5n, 'a'.repeat(201)).catch((e: unknown) => e);
    expect(error).toMatchObject({ dependency: 'indexer service', reason: 'invalid_argument' });
    expect((error as DependencyError).cause).toMatchObject({
      rawMessage: 'string: longer than 200 code points',
    });
  });

  it('fails as "indexer service unavailable" when the indexer keeps answering UNAVAILABLE', async () => {
    let calls = 0;
    const port = createConnectIndexerPort(
      indexerTransport({
        resolve: () => {
          calls++;
          throw new ConnectError('down', Code.Unavailable);
        },
      }),
      options,
    );
    const error = await port.resolve('custom', 1n, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependencyError);
    expect([(error as Error).message, calls]).toEqual(['indexer service unavailable', 2]);
  });
});

describe('createConnectConfigurationPort', () => {
  const transport = createRouterTransport(({ service }) =>
    service(configuration.ConfigurationService, {
      getOperationsConfiguration: (req: configuration.GetOperationsConfigurationRequest) => ({
        hiddenOperations: req.orgId === 1n ? ['last'] : [],
      }),
      getMetricsBlockingState: (req: configuration.GetMetricsBlockingStateRequest) => ({
        projects: req.projectIds.map((projectId) => ({
          projectId,
          metrics: [{ metricMri: 'c:custom/x@none', isBlocked: true, blockedTags: ['a'] }],
        })),
      }),
    } as never),
  );
  const port = createConnectConfigurationPort(transport, options);

  it('reads the hidden operations of an organization', async () => {
    expect(await port.hiddenOperations(1n)).toEqual(['last']);
  });

  it('reads the blocking state of projects in the order asked', async () => {
    expect(await port.blockingState(1n, [5n, 3n])).toEqual([
      { projectId: 5n, metrics: [{ mri: 'c:custom/x@none', isBlocked: true, blockedTags: ['a'] }] },
      { projectId: 3n, metrics: [{ mri: 'c:custom/x@none', isBlocked: true, blockedTags: ['a'] }] },
    ]);
  });

  it('fails as "configuration service unavailable" past the deadline', async () => {
    const slow = createConnectConfigurationPort(
      createRouterTransport(({ service }) =>
        service(configuration.ConfigurationService, {
          getOperationsConfiguration: (_req: unknown, ctx: HandlerContext) =>
            new Promise((_resolve, reject) =>
              ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)),
            ),
        } as never),
      ),
      { timeoutMs: 50, retries: 1 },
    );
    const error = await slow.hiddenOperations(1n).catch((e: unknown) => e);
    expect(error).toMatchObject({ dependency: 'configuration service', reason: 'unavailable' });
  });
});
