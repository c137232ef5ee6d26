import { Code, ConnectError, createClient } from '@connectrpc/connect';
import { createConnectTransport, createGrpcTransport } from '@connectrpc/connect-node';
import { health } from '@mindex/proto';
import { afterEach, describe, expect, it } from 'vitest';
import { startEchoServer, waitForStarted, type EchoServer } from './start-echo-server.js';

const servers: EchoServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function start(options: Parameters<typeof startEchoServer>[0] = {}) {
  const srv = await startEchoServer(options);
  servers.push(srv);
  const transport = createGrpcTransport({ baseUrl: srv.grpcUrl });
  return {
    srv,
    echo: createClient(srv.echo.EchoService, transport),
    health: createClient(health.Health, transport),
  };
}

const settle = <T>(p: Promise<T>) =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
const codeOf = (err: unknown) => (err instanceof ConnectError ? err.code : err);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('graceful shutdown', () => {
  it('lets an in-flight unary call finish, then refuses new calls', async () => {
    const { srv, echo } = await start();
    const inFlight = settle(echo.echo({ message: 'drain me', sleepMs: 300 }));
    await waitForStarted(srv, 'Echo');
    const startedAt = Date.now();
    await srv.server.shutdown(5_000);
    const elapsed = Date.now() - startedAt;
    const result = await inFlight;
    const after = await settle(echo.echo({ message: 'too late' }, { timeoutMs: 2_000 }));
    expect(result.ok && result.value.message).toBe('drain me');
    expect(elapsed).toBeGreaterThanOrEqual(100);
    expect(elapsed).toBeLessThan(2_000);
    expect(after.ok ? 'succeeded' : codeOf(after.error)).toBe(Code.Unavailable);
  });

  it('drops calls still running when the grace period ends', async () => {
    const { srv, echo } = await start();
    const inFlight = settle(echo.echo({ sleepMs: 5_000 }));
    await waitForStarted(srv, 'Echo');
    const startedAt = Date.now();
    await srv.server.shutdown(200);
    const result = await inFlight;
    expect(Date.now() - startedAt).toBeLessThan(1_500);
    expect(result.ok).toBe(false);
  });

  it('ends server streams with UNAVAILABLE right away, after health watchers saw NOT_SERVING', async () => {
    const { srv, echo, health: healthClient } = await start();
    const counted: number[] = [];
    const statuses: number[] = [];
    const counting = settle(
      (async () => {
        for await (const r of echo.count({ count: 0, intervalMs: 20 })) counted.push(r.n);
      })(),
    );
    const watching = settle(
      (async () => {
        for await (const r of healthClient.watch({ service: '' })) statuses.push(r.status);
      })(),
    );
    while (counted.length === 0 || statuses.length === 0) await sleep(10);
    const startedAt = Date.now();
    await srv.server.shutdown(5_000);
    const [countResult, watchResult] = await Promise.all([counting, watching]);
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    expect(counted.length).toBeGreaterThan(0);
    expect(
      countResult.ok ? 'completed' : [codeOf(countResult.error), (countResult.error as Error).message],
    ).toEqual([Code.Unavailable, '[unavailable] server shutting down']);
    const { SERVING, NOT_SERVING } = health.HealthCheckResponse_ServingStatus;
    expect(statuses).toEqual([SERVING, NOT_SERVING]);
    expect(watchResult.ok ? 'completed' : codeOf(watchResult.error)).toBe(Code.Unavailable);
  });

  it('drains the Connect HTTP port too and closes it', async () => {
    const { srv } = await start();
    const client = createClient(
      srv.echo.EchoService,
      createConnectTransport({ baseUrl: srv.connectUrl, httpVersion: '1.1' }),
    );
    const inFlight = settle(client.echo({ message: 'http drain', sleepMs: 300 }));
    await waitForStarted(srv, 'Echo');
    const startedAt = Date.now();
    await srv.server.shutdown(5_000);
    const elapsed = Date.now() - startedAt;
    const result = await inFlight;
    const after = await settle(fetch(`${srv.connectUrl}/healthz`));
    expect(result.ok && result.value.message).toBe('http drain');
    // Kept-alive connections are closed as soon as they are idle, not after the keep-alive timeout.
    expect(elapsed).toBeLessThan(2_000);
    expect(after.ok).toBe(false);
  });
});

describe('server-side handler timeouts', () => {
  it('end a call without a client deadline after defaultMs, on both ports', async () => {
    const { srv, echo } = await start({ handlerTimeout: { defaultMs: 100 } });
    const http = createClient(
      srv.echo.EchoService,
      createConnectTransport({ baseUrl: srv.connectUrl, httpVersion: '1.1' }),
    );
    const startedAt = Date.now();
    const [overGrpc, overHttp] = await Promise.all([
      settle(echo.echo({ sleepMs: 2_000 })),
      settle(http.echo({ sleepMs: 2_000 })),
    ]);
    expect(Date.now() - startedAt).toBeLessThan(1_500);
    expect([overGrpc, overHttp].map((r) => (r.ok ? 'ok' : codeOf(r.error)))).toEqual([
      Code.DeadlineExceeded,
      Code.DeadlineExceeded,
    ]);
  });

  it("cap a client's longer deadline at maxMs", async () => {
    const { echo } = await start({ handlerTimeout: { maxMs: 100 } });
    const startedAt = Date.now();
    const result = await settle(echo.echo({ sleepMs: 2_000 }, { timeoutMs: 10_000 }));
    expect(Date.now() - startedAt).toBeLessThan(1_500);
    expect(result.ok ? 'ok' : codeOf(result.error)).toBe(Code.DeadlineExceeded);
  });

  it('leave quick calls alone', async () => {
    const { echo } = await start({ handlerTimeout: { defaultMs: 1_000, maxMs: 2_000 } });
    expect((await echo.echo({ message: 'quick', sleepMs: 10 })).message).toBe('quick');
  });
});
