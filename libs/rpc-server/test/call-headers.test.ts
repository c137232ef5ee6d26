// What handlers see of headers and what they set reaches the client, on both ports: the gRPC adapter builds the
// header sets only when a handler reads them, so both the read and the untouched paths are exercised here.
import { Code, ConnectError, createClient, type Client, type ServiceImpl } from '@connectrpc/connect';
import { createConnectTransport, createGrpcTransport } from '@connectrpc/connect-node';
import { credentials, makeGenericClientConstructor, Metadata } from '@grpc/grpc-js';
import { fromBinary, toBinary, create } from '@bufbuild/protobuf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, createRpcServer, type RpcServer } from '../src/index.js';
import { createEchoDescriptors, type EchoDescriptors } from './echo-service.js';

const echoDesc = createEchoDescriptors();
let server: RpcServer;
let grpcPort: number;
const logs: Record<string, unknown>[] = [];
const clients: Record<'grpc' | 'connect', Client<EchoDescriptors['EchoService']>> = {} as never;

// `message` picks the behaviour; the handler answers what it saw.
const impl: ServiceImpl<EchoDescriptors['EchoService']> = {
  echo(request, context) {
    switch (request.message) {
      case 'read-and-set':
        context.responseHeader.set('x-seen', context.requestHeader.get('x-custom') ?? 'none');
        context.responseTrailer.set('x-trailer', 't1');
        return { message: `${context.requestHeader.get('x-request-id')} ${new URL(context.url).pathname}` };
      case 'own-id':
        context.responseHeader.set('x-request-id', 'set-by-handler');
        return { message: 'ok' };
      case 'fail-with-trailer':
        context.responseTrailer.set('x-why', 'because');
        throw new ConnectError('not here', Code.NotFound);
      case 'sync':
        // A plain value, not a promise.
        return { message: 'plain' };
      default:
        return Promise.resolve({ message: 'async' });
    }
  },
  async *count() {
    yield { n: 1 };
  },
};

beforeAll(async () => {
  const logger = createLogger({
    level: 'debug',
    write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>),
  });
  server = createRpcServer({ collectDefaultMetrics: false, logger });
  server.register(echoDesc.EchoService, impl);
  grpcPort = await server.listen({ host: '127.0.0.1', port: 0 });
  const connectPort = await server.listenConnect({ host: '127.0.0.1', port: 0 });
  clients.grpc = createClient(
    echoDesc.EchoService,
    createGrpcTransport({ baseUrl: `http://127.0.0.1:${grpcPort}` }),
  );
  clients.connect = createClient(
    echoDesc.EchoService,
    createConnectTransport({ baseUrl: `http://127.0.0.1:${connectPort}`, httpVersion: '1.1' }),
  );
});
afterAll(() => server.shutdown(1_000));

describe.each(['grpc', 'connect'] as const)('a handler on the %s port', (port) => {
  it('reads request headers and sets response headers and trailers', async () => {
    let header: Headers | undefined;
    let trailer: Headers | undefined;
    const response = await clients[port].echo(
      { message: 'read-and-set' },
      {
        headers: { 'x-custom': 'c1', 'x-request-id': `rs-${port}` },
        onHeader: (h) => (header = h),
        onTrailer: (t) => (trailer = t),
      },
    );
    expect(response.message).toBe(`rs-${port} /rpctest.v1.EchoService/Echo`);
    expect([header?.get('x-seen'), header?.get('x-request-id'), trailer?.get('x-trailer')]).toEqual([
      'c1',
      `rs-${port}`,
      't1',
    ]);
  });

  it('replaces the request id in the response when it sets its own', async () => {
    let header: Headers | undefined;
    await clients[port].echo({ message: 'own-id' }, { onHeader: (h) => (header = h) });
    expect(header?.get('x-request-id')).toBe('set-by-handler');
  });

  it('sends the trailers it set before failing, with the error', async () => {
    const err = await clients[port].echo({ message: 'fail-with-trailer' }).then(
      () => undefined,
      (e: unknown) => ConnectError.from(e),
    );
    expect([err?.code, err?.metadata.get('x-why')]).toEqual([Code.NotFound, 'because']);
  });

  it.each(['sync', 'async'])('answers a handler returning a %s result, with a request id', async (kind) => {
    let header: Headers | undefined;
    const response = await clients[port].echo({ message: kind }, { onHeader: (h) => (header = h) });
    expect(response.message).toBe(kind === 'sync' ? 'plain' : 'async');
    expect(header?.get('x-request-id')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('request ids on the gRPC port', () => {
  it('generates distinct ids', async () => {
    const ids = new Set<string | null>();
    for (let i = 0; i < 5; i++) {
      await clients.grpc.echo({ message: 'sync' }, { onHeader: (h) => ids.add(h.get('x-request-id')) });
    }
    expect(ids.size).toBe(5);
  });

  it('replaces a request id sent twice (it reads as one joined value, which is not a token)', async () => {
    const Ctor = makeGenericClientConstructor(
      {
        echo: {
          path: '/rpctest.v1.EchoService/Echo',
          requestStream: false,
          responseStream: false,
          requestSerialize: (m: unknown) =>
            Buffer.from(toBinary(echoDesc.EchoRequestSchema, create(echoDesc.EchoRequestSchema, m as never))),
          requestDeserialize: (b: Buffer) => fromBinary(echoDesc.EchoRequestSchema, b),
          responseSerialize: (m: unknown) => Buffer.from(toBinary(echoDesc.EchoResponseSchema, m as never)),
          responseDeserialize: (b: Buffer) => fromBinary(echoDesc.EchoResponseSchema, b),
        },
      },
      'Test',
    );
    const client = new Ctor(`127.0.0.1:${grpcPort}`, credentials.createInsecure()) as unknown as {
      echo(
        request: unknown,
        metadata: Metadata,
        callback: (err: Error | null) => void,
      ): { on(event: 'metadata', cb: (m: Metadata) => void): void };
      close(): void;
    };
    try {
      const metadata = new Metadata();
      metadata.add('x-request-id', 'first');
      metadata.add('x-request-id', 'second');
      const sent = await new Promise<unknown>((resolve, reject) => {
        let id: unknown;
        const call = client.echo({ message: 'sync' }, metadata, (err) => (err ? reject(err) : resolve(id)));
        call.on('metadata', (m) => (id = m.get('x-request-id')[0]));
      });
      expect(sent).toMatch(/^[0-9a-f-]{36}$/);
      expect(logs.some((l) => l['msg'] === 'rpc' && l['request_id'] === sent)).toBe(true);
    } finally {
      client.close();
    }
  });
});
