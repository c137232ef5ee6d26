import {
  Code,
  ConnectError,
  createClient,
  createRouterTransport,
  type ServiceImpl,
} from '@connectrpc/connect';
import { health } from '@mindex/proto';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { effectiveTimeoutMs, instrumentService, type InstrumentOptions } from './instrument-service.js';
import { createLogger } from './logger.js';
import { createRpcMetrics } from './metrics.js';

const { SERVING } = health.HealthCheckResponse_ServingStatus;
type HealthImpl = ServiceImpl<typeof health.Health>;

function setup(impl: HealthImpl, extra: Partial<InstrumentOptions> = {}) {
  const lines: Record<string, unknown>[] = [];
  const registry = new Registry();
  const options: InstrumentOptions = {
    logger: createLogger({
      level: 'debug',
      write: (l) => lines.push(JSON.parse(l) as Record<string, unknown>),
    }),
    metrics: createRpcMetrics(registry),
    activeStreams: new Set(),
    ...extra,
  };
  const wrapped = instrumentService(health.Health, impl, options);
  const client = createClient(
    health.Health,
    createRouterTransport((router) => router.service(health.Health, wrapped)),
  );
  return { client, lines, registry, options };
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => (e instanceof ConnectError ? e : undefined),
  );

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function* forever() {
  for (;;) {
    yield { status: SERVING };
    await sleep(5);
  }
}

describe('instrumentService', () => {
  it('ends a successful call with one shared reason, allocating no error per call', async () => {
    const signals: AbortSignal[] = [];
    const { client } = setup({
      check: (_req, context) => {
        signals.push(context.signal);
        return { status: SERVING };
      },
      watch: forever,
    });
    await client.check({});
    await client.check({});
    expect(signals.map((s) => s.aborted)).toEqual([true, true]);
    expect(signals[0]?.reason).toBe(signals[1]?.reason);
    expect(signals[0]?.reason).toMatchObject({ code: Code.Canceled, rawMessage: 'the call has ended' });
  });

  it('echoes the request id and logs one line per call', async () => {
    const { client, lines } = setup({ check: () => ({ status: SERVING }), watch: forever });
    let echoed: string | null = null;
    await client.check(
      { service: 'a' },
      { headers: { 'x-request-id': 'u-1' }, onHeader: (h) => (echoed = h.get('x-request-id')) },
    );
    expect(echoed).toBe('u-1');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      msg: 'rpc',
      service: 'grpc.health.v1.Health',
      method: 'Check',
      code: 'OK',
      request_id: 'u-1',
    });
  });

  it.each([
    ['a fast success of a hot method', 'ok', 0, 'debug'],
    ['a slow success of a hot method', 'ok', 30, 'info'],
    ['a failure of a hot method', 'bad', 0, 'info'],
  ])('logs %s at %s', async (_name, service, delayMs, level) => {
    const { client, lines } = setup(
      {
        check: async (req) => {
          await sleep(delayMs);
          if (req.service === 'bad') throw new ConnectError('no', Code.InvalidArgument);
          return { status: SERVING };
        },
        watch: forever,
      },
      { hotMethods: new Set(['grpc.health.v1.Health/Check']), slowCallMs: 20 },
    );
    await failure(client.check({ service }));
    expect(lines.map((line) => [line['msg'], line['level']])).toEqual([['rpc', level]]);
  });

  it('counts started and handled calls by code', async () => {
    const { client, registry } = setup({
      check: (req) => {
        if (req.service === 'bad') throw new ConnectError('no', Code.InvalidArgument);
        return { status: SERVING };
      },
      watch: forever,
    });
    await client.check({ service: 'ok' });
    await failure(client.check({ service: 'bad' }));
    const handled = await registry.getSingleMetric('grpc_server_handled_total')?.get();
    const started = await registry.getSingleMetric('grpc_server_started_total')?.get();
    expect(handled?.values.map((v) => [v.labels['grpc_code'], v.value])).toEqual([
      ['OK', 1],
      ['InvalidArgument', 1],
    ]);
    expect(started?.values.map((v) => [v.labels['grpc_type'], v.value])).toEqual([['unary', 2]]);
  });

  it('hides an unexpected error behind INTERNAL and logs its cause', async () => {
    const { client, lines } = setup({
      check: () => {
        throw new Error('password=hunter2');
      },
      watch: forever,
    });
    const err = await failure(client.check({}));
    expect([err?.code, err?.rawMessage]).toEqual([Code.Internal, 'internal error']);
    expect(lines[0]).toMatchObject({ level: 'error', code: 'Internal', error: 'internal error' });
    expect(JSON.stringify(lines[0])).toContain('hunter2');
  });

  it('ends a call that ignores its signal at the server default timeout', async () => {
    const { client, lines } = setup(
      { check: () => sleep(2_000).then(() => ({ status: SERVING })), watch: forever },
      { handlerTimeout: { defaultMs: 50 } },
    );
    const startedAt = Date.now();
    const err = await failure(client.check({}));
    expect(err?.code).toBe(Code.DeadlineExceeded);
    expect(Date.now() - startedAt).toBeLessThan(1_000);
    expect(lines[0]).toMatchObject({ code: 'DeadlineExceeded', level: 'warn' });
  });

  it('gives the handler a signal that aborts at the timeout and a timeoutMs() that counts down', async () => {
    let remaining: number | undefined;
    let reason: unknown;
    const { client } = setup(
      {
        check: async (_req, ctx) => {
          remaining = ctx.timeoutMs();
          await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
          reason = ctx.signal.reason;
          return { status: SERVING };
        },
        watch: forever,
      },
      { handlerTimeout: { maxMs: 80 } },
    );
    await failure(client.check({}, { timeoutMs: 10_000 }));
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(80);
    expect(reason instanceof ConnectError ? reason.code : reason).toBe(Code.DeadlineExceeded);
  });

  it('ends tracked server streams with the reason shutdown aborts them with', async () => {
    const { client, options } = setup({ check: () => ({ status: SERVING }), watch: forever });
    const received: number[] = [];
    const streaming = (async () => {
      for await (const r of client.watch({})) {
        received.push(r.status);
        if (received.length === 3) {
          for (const c of options.activeStreams)
            c.abort(new ConnectError('server shutting down', Code.Unavailable));
        }
      }
    })();
    const err = await failure(streaming);
    expect([err?.code, received.length, options.activeStreams.size]).toEqual([Code.Unavailable, 3, 0]);
  });

  it('refuses an implementation with a missing method', () => {
    const partial = { check: () => ({ status: SERVING }) } as unknown as HealthImpl;
    expect(() => setup(partial)).toThrow('grpc.health.v1.Health.Watch is not implemented');
  });
});

describe('effectiveTimeoutMs', () => {
  it.each([
    [undefined, undefined, undefined],
    [500, undefined, 500],
    [undefined, { defaultMs: 100 }, 100],
    [500, { defaultMs: 100 }, 500],
    [500, { maxMs: 200 }, 200],
    [50, { maxMs: 200 }, 50],
    [undefined, { maxMs: 200 }, 200],
    [undefined, { defaultMs: 300, maxMs: 200 }, 200],
  ])('client %s with bounds %j → %s', (client, bounds, expected) => {
    expect(effectiveTimeoutMs(client, bounds)).toBe(expected);
  });
});
