import { Code, ConnectError, createClient } from '@connectrpc/connect';
import { createConnectTransport, createGrpcWebTransport } from '@connectrpc/connect-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEchoServer, waitForCallLog, type EchoServer } from './start-echo-server.js';

let srv: EchoServer;

beforeAll(async () => {
  srv = await startEchoServer({ maxReceiveMessageBytes: 1024 });
});
afterAll(() => srv.stop());

function postJson(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${srv.connectUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'connect-protocol-version': '1', ...headers },
    body: JSON.stringify(body),
  });
}

describe('Connect JSON over HTTP/1.1 with fetch', () => {
  it('answers a unary call with the JSON response and the request id header', async () => {
    const response = await postJson(
      '/rpctest.v1.EchoService/Echo',
      { message: 'json' },
      { 'x-request-id': 'j-1' },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('j-1');
    expect(await response.json()).toEqual({ message: 'json' });
    expect(await waitForCallLog(srv.logs, 'j-1')).toMatchObject({ protocol: 'connect', code: 'OK' });
  });

  it.each([
    ['internal', 500, 'internal', 'internal error'],
    ['mongo', 503, 'unavailable', 'service temporarily unavailable'],
    ['not-found', 404, 'not_found', 'use case "nope" not found'],
  ])('maps a %s failure to HTTP %i with code %s and a safe message', async (fail, status, code, message) => {
    const response = await postJson('/rpctest.v1.EchoService/Echo', { fail });
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ code, message });
  });

  it('sends the BadRequest detail of an invalid argument', async () => {
    const response = await postJson('/rpctest.v1.EchoService/Echo', { fail: 'invalid' });
    const body = (await response.json()) as { code: string; details: { type: string }[] };
    expect([response.status, body.code, body.details[0]?.type]).toEqual([
      400,
      'invalid_argument',
      'google.rpc.BadRequest',
    ]);
  });

  it('rejects a request over the receive limit', async () => {
    const payload = Buffer.alloc(4096).toString('base64');
    const response = await postJson('/rpctest.v1.EchoService/Echo', { payload });
    expect((await response.json()) as { code: string }).toMatchObject({ code: 'resource_exhausted' });
  });
});

describe('Connect clients over HTTP/1.1', () => {
  it('work with the binary Connect protocol', async () => {
    const transport = createConnectTransport({
      baseUrl: srv.connectUrl,
      httpVersion: '1.1',
      useBinaryFormat: true,
    });
    const client = createClient(srv.echo.EchoService, transport);
    expect((await client.echo({ message: 'bin' })).message).toBe('bin');
  });

  it('work with gRPC-Web, streaming included', async () => {
    const transport = createGrpcWebTransport({ baseUrl: srv.connectUrl, httpVersion: '1.1' });
    const client = createClient(srv.echo.EchoService, transport);
    const ns: number[] = [];
    for await (const r of client.count({ count: 3, intervalMs: 1 })) ns.push(r.n);
    const err = await client.echo({ fail: 'internal' }).catch((e: unknown) => e);
    expect(ns).toEqual([1, 2, 3]);
    expect(err instanceof ConnectError ? [err.code, err.rawMessage] : err).toEqual([
      Code.Internal,
      'internal error',
    ]);
  });

  it("honour the client's timeout", async () => {
    const transport = createConnectTransport({ baseUrl: srv.connectUrl, httpVersion: '1.1' });
    const client = createClient(srv.echo.EchoService, transport);
    const err = await client.echo({ sleepMs: 1_000 }, { timeoutMs: 100 }).catch((e: unknown) => e);
    expect(err instanceof ConnectError ? err.code : err).toBe(Code.DeadlineExceeded);
  });
});

describe('operational endpoints', () => {
  it('serve Prometheus metrics with the per-call series', async () => {
    await postJson('/rpctest.v1.EchoService/Echo', { message: 'count me' });
    const response = await fetch(`${srv.connectUrl}/metrics`);
    const text = await response.text();
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(text).toMatch(
      /grpc_server_handled_total\{grpc_type="unary",grpc_service="rpctest\.v1\.EchoService",grpc_method="Echo",grpc_code="OK"\} [1-9]/,
    );
    expect(text).toContain('grpc_server_started_total{');
    expect(text).toContain('grpc_server_handling_seconds_bucket{');
  });

  it('serve /healthz from the overall health status', async () => {
    const before = await fetch(`${srv.connectUrl}/healthz`);
    srv.server.setServingStatus('', 'NOT_SERVING');
    const during = await fetch(`${srv.connectUrl}/healthz`);
    srv.server.setServingStatus('', 'SERVING');
    expect([before.status, await before.json(), during.status, await during.json()]).toEqual([
      200,
      { status: 'SERVING' },
      503,
      { status: 'NOT_SERVING' },
    ]);
  });

  it('answer 404 for other paths', async () => {
    expect((await fetch(`${srv.connectUrl}/nope`)).status).toBe(404);
  });
});
