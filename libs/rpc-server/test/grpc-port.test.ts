import { create, fromBinary, toBinary, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import { Code, ConnectError, createClient, type Client } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { credentials, makeGenericClientConstructor, Metadata, type ServiceError } from '@grpc/grpc-js';
import { health } from '@mindex/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAD_REQUEST_TYPE, decodeBadRequest } from '../src/index.js';
import type { EchoDescriptors } from './echo-service.js';
import { startEchoServer, waitForCallLog, waitForStarted, type EchoServer } from './start-echo-server.js';

let srv: EchoServer;
let echo: Client<EchoDescriptors['EchoService']>;
let healthClient: Client<typeof health.Health>;

beforeAll(async () => {
  srv = await startEchoServer({ maxReceiveMessageBytes: 1024 });
  const transport = createGrpcTransport({ baseUrl: srv.grpcUrl });
  echo = createClient(srv.echo.EchoService, transport);
  healthClient = createClient(health.Health, transport);
});
afterAll(() => srv.stop());

async function connectError(promise: Promise<unknown>): Promise<ConnectError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ConnectError)) throw new Error(`expected a ConnectError, got ${String(err)}`);
  return err;
}

describe('a Connect client over gRPC', () => {
  it('gets the echoed message from a unary call', async () => {
    const response = await echo.echo({ message: 'hello', payload: new Uint8Array(10) }, { timeoutMs: 5_000 });
    expect([response.message, response.payloadSize]).toEqual(['hello', 10]);
  });

  it("echoes the caller's x-request-id in the response header and logs the call with it", async () => {
    let seen: string | null = null;
    await echo.echo(
      { message: 'id' },
      { headers: { 'x-request-id': 'req-123' }, onHeader: (h) => (seen = h.get('x-request-id')) },
    );
    expect(seen).toBe('req-123');
    const line = await waitForCallLog(srv.logs, 'req-123');
    expect(line).toMatchObject({
      level: 'info',
      service: 'rpctest.v1.EchoService',
      method: 'Echo',
      protocol: 'grpc',
      code: 'OK',
      app: 'rpc-server-test',
    });
    expect(typeof line['duration_ms']).toBe('number');
  });

  it('receives a generated request id when it sent none', async () => {
    let seen: string | null = null;
    await echo.echo({ message: 'gen' }, { onHeader: (h) => (seen = h.get('x-request-id')) });
    expect(seen).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('streams every message of a server-streaming call', async () => {
    const ns: number[] = [];
    for await (const r of echo.count({ count: 4, intervalMs: 1 }, { timeoutMs: 5_000 })) ns.push(r.n);
    expect(ns).toEqual([1, 2, 3, 4]);
  });

  it('gets INTERNAL with a generic message while the server logs the cause', async () => {
    const err = await connectError(echo.echo({ fail: 'internal' }, { headers: { 'x-request-id': 'int-1' } }));
    expect([err.code, err.rawMessage]).toEqual([Code.Internal, 'internal error']);
    expect(JSON.stringify(err.metadata)).not.toContain('hunter2');
    const line = await waitForCallLog(srv.logs, 'int-1');
    expect(line).toMatchObject({ level: 'error', code: 'Internal', error: 'internal error' });
    expect(JSON.stringify(line['cause'])).toContain('hunter2');
  });

  it.each(['mongo', 'wrapped-mongo'])(
    'gets UNAVAILABLE with a generic message for a %s error',
    async (fail) => {
      const err = await connectError(echo.echo({ fail }));
      expect([err.code, err.rawMessage]).toEqual([Code.Unavailable, 'service temporarily unavailable']);
    },
  );

  it('gets INVALID_ARGUMENT with a BadRequest field violation detail', async () => {
    const err = await connectError(echo.echo({ fail: 'invalid' }));
    expect([err.code, err.rawMessage]).toEqual([Code.InvalidArgument, 'message: must not be empty']);
    const detail = err.details[0];
    expect(detail && 'type' in detail ? detail.type : undefined).toBe(BAD_REQUEST_TYPE);
    expect(detail && 'type' in detail ? decodeBadRequest(detail.value) : []).toEqual([
      { field: 'message', description: 'must not be empty' },
    ]);
  });

  it.each([
    ['not-found', Code.NotFound, 'use case "nope" not found'],
    ['connect-internal', Code.Internal, 'deliberate internal'],
  ])('gets the ConnectError a handler threw (%s)', async (fail, code, message) => {
    const err = await connectError(echo.echo({ fail }));
    expect([err.code, err.rawMessage]).toEqual([code, message]);
  });

  it('gets DEADLINE_EXCEEDED when the handler outlives the deadline, and the server logs it so', async () => {
    const err = await connectError(
      echo.echo({ sleepMs: 1_000 }, { timeoutMs: 150, headers: { 'x-request-id': 'late-1' } }),
    );
    expect(err.code).toBe(Code.DeadlineExceeded);
    const line = await waitForCallLog(srv.logs, 'late-1');
    // The client cancels at its deadline too; under load its RST_STREAM can beat the server's own timer.
    expect(['DeadlineExceeded', 'Canceled']).toContain(line['code']);
    // The handler ignores its signal: only the server ending the call makes this shorter than its 1 s sleep.
    expect(line['duration_ms']).toBeLessThan(900);
  });

  it('is logged as Canceled when the client aborts the call', async () => {
    const abort = new AbortController();
    const call = echo.echo(
      { sleepMs: 1_000 },
      { signal: abort.signal, headers: { 'x-request-id': 'gone-1' } },
    );
    const failed = connectError(call);
    // Abort only once the server runs the call, so that there is a server-side call to log.
    const completedEchoes = srv.logs.filter((l) => l['method'] === 'Echo').length;
    await waitForStarted(srv, 'Echo', completedEchoes + 1);
    abort.abort();
    expect((await failed).code).toBe(Code.Canceled);
    expect(await waitForCallLog(srv.logs, 'gone-1')).toMatchObject({ code: 'Canceled' });
  });

  it('gets RESOURCE_EXHAUSTED for a request over the receive limit', async () => {
    const err = await connectError(echo.echo({ payload: new Uint8Array(4096) }));
    expect(err.code).toBe(Code.ResourceExhausted);
  });
});

describe('health over gRPC', () => {
  it.each([
    ['', health.HealthCheckResponse_ServingStatus.SERVING],
    ['rpctest.v1.EchoService', health.HealthCheckResponse_ServingStatus.SERVING],
    ['grpc.health.v1.Health', health.HealthCheckResponse_ServingStatus.SERVING],
  ])('reports %j as serving', async (service, status) => {
    expect((await healthClient.check({ service })).status).toBe(status);
  });

  it('answers NOT_FOUND for an unknown service', async () => {
    expect((await connectError(healthClient.check({ service: 'no.such.Service' }))).code).toBe(Code.NotFound);
  });

  it('streams status changes to a watcher', async () => {
    const abort = new AbortController();
    const seen: number[] = [];
    const watching = (async () => {
      try {
        for await (const r of healthClient.watch(
          { service: 'rpctest.v1.EchoService' },
          { signal: abort.signal },
        )) {
          seen.push(r.status);
          if (seen.length === 1) srv.server.setServingStatus('rpctest.v1.EchoService', 'NOT_SERVING');
          if (seen.length === 2) srv.server.setServingStatus('rpctest.v1.EchoService', 'SERVING');
          if (seen.length === 3) abort.abort();
        }
      } catch (err) {
        if (!(err instanceof ConnectError && err.code === Code.Canceled)) throw err;
      }
    })();
    await watching;
    const { SERVING, NOT_SERVING } = health.HealthCheckResponse_ServingStatus;
    expect(seen).toEqual([SERVING, NOT_SERVING, SERVING]);
  });
});

describe('a plain grpc-js client', () => {
  const method = <I extends DescMessage, O extends DescMessage>(path: string, input: I, output: O) => ({
    path,
    requestStream: false,
    responseStream: false,
    requestSerialize: (m: MessageShape<I>) => Buffer.from(toBinary(input, m)),
    requestDeserialize: (b: Buffer) => fromBinary(input, b),
    responseSerialize: (m: MessageShape<O>) => Buffer.from(toBinary(output, m)),
    responseDeserialize: (b: Buffer) => fromBinary(output, b),
  });

  type Unary = (
    request: unknown,
    metadata: Metadata,
    callback: (err: ServiceError | null, response?: unknown) => void,
  ) => void;

  function call<T>(fn: Unary, request: unknown, metadata = new Metadata()): Promise<T> {
    return new Promise((resolve, reject) =>
      fn(request, metadata, (err, response) => (err ? reject(err) : resolve(response as T))),
    );
  }

  it('calls Echo and Health.Check with protobuf-es (de)serialization', async () => {
    const Ctor = makeGenericClientConstructor(
      {
        echo: method('/rpctest.v1.EchoService/Echo', srv.echo.EchoRequestSchema, srv.echo.EchoResponseSchema),
        check: method(
          '/grpc.health.v1.Health/Check',
          health.HealthCheckRequestSchema,
          health.HealthCheckResponseSchema,
        ),
      },
      'Test',
    );
    const client = new Ctor(`127.0.0.1:${srv.grpcPort}`, credentials.createInsecure()) as unknown as Record<
      'echo' | 'check',
      Unary
    > & { close(): void };
    try {
      const echoed = await call<MessageShape<typeof srv.echo.EchoResponseSchema>>(
        client.echo.bind(client),
        create(srv.echo.EchoRequestSchema, { message: 'plain' }),
      );
      const checked = await call<health.HealthCheckResponse>(
        client.check.bind(client),
        create(health.HealthCheckRequestSchema, { service: '' }),
      );
      const failed = await call(
        client.echo.bind(client),
        create(srv.echo.EchoRequestSchema, { fail: 'mongo' }),
      ).catch((e: ServiceError) => e);
      expect([echoed.message, checked.status]).toEqual([
        'plain',
        health.HealthCheckResponse_ServingStatus.SERVING,
      ]);
      expect(failed).toMatchObject({ code: 14, details: 'service temporarily unavailable' });
    } finally {
      client.close();
    }
  });
});
