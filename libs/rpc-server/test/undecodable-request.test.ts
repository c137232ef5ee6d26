import { Client, credentials, Metadata, type ServiceError } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEchoServer, type EchoServer } from './start-echo-server.js';

let srv: EchoServer;
let raw: Client;

beforeAll(async () => {
  srv = await startEchoServer();
  raw = new Client(`127.0.0.1:${srv.grpcPort}`, credentials.createInsecure());
});
afterAll(async () => {
  raw.close();
  await srv.stop();
});

const identity = (b: Buffer) => b;
const BAD_BYTES = [
  // Field 1, length-delimited, 16 bytes announced, 1 present.
  ['truncated', Buffer.from([0x0a, 0x10, 0x01])],
  // Field 1 (a string) holding invalid UTF-8.
  ['invalid UTF-8 in a string', Buffer.from([0x0a, 0x02, 0xff, 0xfe])],
] as const;

function unary(path: string, bytes: Buffer): Promise<{ code: number; details: string }> {
  return new Promise((resolve) => {
    raw.makeUnaryRequest(
      path,
      identity,
      identity,
      bytes,
      new Metadata(),
      { deadline: Date.now() + 5000 },
      (err) => resolve({ code: err?.code ?? 0, details: err?.details ?? '' }),
    );
  });
}

function serverStream(path: string, bytes: Buffer): Promise<{ code: number; details: string }> {
  return new Promise((resolve) => {
    const call = raw.makeServerStreamRequest(path, identity, identity, bytes, new Metadata(), {
      deadline: Date.now() + 5000,
    });
    call.on('data', () => undefined);
    call.on('error', (err: ServiceError) => resolve({ code: err.code, details: err.details }));
    call.on('end', () => resolve({ code: 0, details: '' }));
  });
}

describe('request bytes that do not decode', () => {
  it.each(BAD_BYTES)(
    'a unary gRPC call with %s gets INVALID_ARGUMENT naming the request',
    async (_l, bytes) => {
      expect(await unary('/rpctest.v1.EchoService/Echo', bytes)).toEqual({
        code: 3,
        details: 'request: cannot be decoded as rpctest.v1.EchoRequest',
      });
    },
  );

  it('a server-streaming gRPC call gets INVALID_ARGUMENT naming the request', async () => {
    expect(await serverStream('/rpctest.v1.EchoService/Count', BAD_BYTES[0][1])).toEqual({
      code: 3,
      details: 'request: cannot be decoded as rpctest.v1.CountRequest',
    });
  });

  it('is logged and counted as InvalidArgument with the decoder text as cause', async () => {
    await unary('/rpctest.v1.EchoService/Echo', BAD_BYTES[0][1]);
    const line = srv.logs.findLast((l) => l['msg'] === 'rpc' && l['method'] === 'Echo');
    expect([line?.['code'], line?.['error']]).toEqual([
      'InvalidArgument',
      'request: cannot be decoded as rpctest.v1.EchoRequest',
    ]);
    expect(JSON.stringify(line?.['cause'])).toMatch(/premature EOF/);
  });

  it.each(BAD_BYTES)(
    'a Connect binary call with %s gets invalid_argument with a generic text',
    async (_l, bytes) => {
      const response = await fetch(`${srv.connectUrl}/rpctest.v1.EchoService/Echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/proto', 'connect-protocol-version': '1' },
        body: bytes,
      });
      expect([response.status, await response.json()]).toEqual([
        400,
        { code: 'invalid_argument', message: 'request: cannot be decoded as rpctest.v1.EchoRequest' },
      ]);
    },
  );

  const enveloped = (bytes: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, 0, bytes.byteLength]), bytes]);
  const post = async (path: string, contentType: string, body: Buffer) => {
    const response = await fetch(`${srv.connectUrl}/rpctest.v1.EchoService/${path}`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });
    return Buffer.from(await response.arrayBuffer());
  };

  it.each(['Echo', 'Count'])(
    'a gRPC-Web %s call gets INVALID_ARGUMENT naming the request',
    async (method) => {
      const body = await post(method, 'application/grpc-web+proto', enveloped(BAD_BYTES[0][1]));
      const input = method === 'Echo' ? 'EchoRequest' : 'CountRequest';
      expect([body[0], body.subarray(5).toString('latin1')]).toEqual([
        0x80,
        `grpc-message: request%3A%20cannot%20be%20decoded%20as%20rpctest.v1.${input}\r\ngrpc-status: 3\r\n`,
      ]);
    },
  );

  it('a Connect streaming call gets invalid_argument naming the request at the end of the stream', async () => {
    const body = await post('Count', 'application/connect+proto', enveloped(BAD_BYTES[0][1]));
    expect([body[0], JSON.parse(body.subarray(5).toString('utf8'))]).toEqual([
      0x02,
      {
        error: { code: 'invalid_argument', message: 'request: cannot be decoded as rpctest.v1.CountRequest' },
      },
    ]);
  });

  it('leaves other Connect errors alone', async () => {
    const response = await fetch(`${srv.connectUrl}/rpctest.v1.EchoService/Echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'connect-protocol-version': '1' },
      body: JSON.stringify({ fail: 'internal' }),
    });
    expect([response.status, await response.json()]).toEqual([
      500,
      { code: 'internal', message: 'internal error' },
    ]);
  });
});
