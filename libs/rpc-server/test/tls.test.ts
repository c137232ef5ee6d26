import { createClient } from '@connectrpc/connect';
import { createConnectTransport, createGrpcTransport } from '@connectrpc/connect-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, createRpcServer } from '../src/index.js';
import { createEchoDescriptors, createEchoImpl } from './echo-service.js';
import { startEchoServer, type EchoServer } from './start-echo-server.js';
import { createTestPki, type TestPki } from '@mindex/testing';

interface ClientTls {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

let pki: TestPki;
beforeAll(async () => {
  pki = await createTestPki();
});
afterAll(() => pki?.dispose());

/** 'OK' or 'refused' for one Echo over gRPC and one over Connect HTTP/1.1, with the given client TLS or none. */
async function probe(srv: EchoServer, tls: ClientTls | undefined): Promise<string[]> {
  const scheme = tls === undefined ? 'http' : 'https';
  const nodeOptions = tls === undefined ? {} : { nodeOptions: { ...tls, servername: 'localhost' } };
  const transports = [
    createGrpcTransport({ baseUrl: `${scheme}://127.0.0.1:${srv.grpcPort}`, ...nodeOptions }),
    createConnectTransport({
      baseUrl: `${scheme}://127.0.0.1:${srv.connectPort}`,
      httpVersion: '1.1',
      ...nodeOptions,
    }),
  ];
  return Promise.all(
    transports.map((transport) =>
      createClient(srv.echo.EchoService, transport)
        .echo({ message: 'tls' }, { timeoutMs: 3000 })
        .then(
          (r) => (r.message === 'tls' ? 'OK' : 'wrong answer'),
          () => 'refused',
        ),
    ),
  );
}

describe('TLS on both ports', () => {
  let srv: EchoServer;
  beforeAll(async () => {
    srv = await startEchoServer({ tls: { certFile: pki.server.certFile, keyFile: pki.server.keyFile } });
  });
  afterAll(() => srv?.stop());

  it('serves clients that trust its CA', async () => {
    expect(await probe(srv, { ca: pki.ca })).toEqual(['OK', 'OK']);
  });

  it.each([
    ['plaintext', () => undefined],
    ['a client trusting another CA', () => ({ ca: pki.rogueCa })],
  ])('refuses %s', async (_label, tls) => {
    expect(await probe(srv, tls())).toEqual(['refused', 'refused']);
  });
});

describe('mutual TLS on both ports', () => {
  let srv: EchoServer;
  beforeAll(async () => {
    srv = await startEchoServer({
      tls: { certFile: pki.server.certFile, keyFile: pki.server.keyFile, clientCaFile: pki.caFile },
    });
  });
  afterAll(() => srv?.stop());

  it('serves a client with a certificate from the client CA', async () => {
    expect(await probe(srv, { ca: pki.ca, cert: pki.client.cert, key: pki.client.key })).toEqual([
      'OK',
      'OK',
    ]);
  });

  it.each([
    ['no client certificate', () => ({ ca: pki.ca })],
    [
      'a certificate from another CA',
      () => ({ ca: pki.ca, cert: pki.rogueClient.cert, key: pki.rogueClient.key }),
    ],
  ])('refuses a client with %s', async (_label, tls) => {
    expect(await probe(srv, tls())).toEqual(['refused', 'refused']);
  });
});

describe('TLS files', () => {
  it('a missing file fails listen with an error naming it', async () => {
    const server = createRpcServer({
      collectDefaultMetrics: false,
      logger: createLogger({ write: () => undefined }),
      tls: { certFile: '/nonexistent/server.crt', keyFile: pki.server.keyFile },
    });
    const echo = createEchoDescriptors();
    server.register(echo.EchoService, createEchoImpl());
    await expect(server.listen({ host: '127.0.0.1', port: 0 })).rejects.toThrow(
      'cannot read the TLS certificate file "/nonexistent/server.crt"',
    );
    await server.shutdown(100);
  });
});
