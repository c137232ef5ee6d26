import http2 from 'node:http2';
import { create, toBinary } from '@bufbuild/protobuf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEchoServer, waitForCallLog, type EchoServer } from './start-echo-server.js';

let srv: EchoServer;
beforeAll(async () => {
  srv = await startEchoServer();
});
afterAll(() => srv.stop());

/** One Echo call over raw HTTP/2 that sends `grpc-timeout` but, unlike real clients, never cancels at it. */
function callWithoutCancel(timeout: string, requestId: string): Promise<string | undefined> {
  const message = toBinary(
    srv.echo.EchoRequestSchema,
    create(srv.echo.EchoRequestSchema, { sleepMs: 1_000 }),
  );
  const frame = Buffer.alloc(5 + message.length);
  frame.writeUInt32BE(message.length, 1);
  frame.set(message, 5);
  const session = http2.connect(`http://127.0.0.1:${srv.grpcPort}`);
  return new Promise<string | undefined>((resolve, reject) => {
    const req = session.request({
      ':method': 'POST',
      ':path': '/rpctest.v1.EchoService/Echo',
      'content-type': 'application/grpc',
      te: 'trailers',
      'grpc-timeout': timeout,
      'x-request-id': requestId,
    });
    let status: string | undefined;
    const read = (headers: http2.IncomingHttpHeaders) => {
      const value = headers['grpc-status'];
      if (typeof value === 'string') status = value;
    };
    req.on('response', read);
    req.on('trailers', read);
    req.on('error', reject);
    req.on('close', () => resolve(status));
    req.resume();
    req.end(frame);
  }).finally(() => session.close());
}

describe("the server at a call's deadline", () => {
  it('ends the call with DEADLINE_EXCEEDED by itself, and logs it so', async () => {
    const status = await callWithoutCancel('100m', 'own-deadline-1');
    expect(status).toBe('4');
    const line = await waitForCallLog(srv.logs, 'own-deadline-1');
    expect(line['code']).toBe('DeadlineExceeded');
    // The handler sleeps for 1 s and ignores its signal.
    expect(line['duration_ms']).toBeLessThan(900);
  });
});
