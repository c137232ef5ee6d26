import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { DescService } from '@bufbuild/protobuf';
import { Code, ConnectError, createConnectRouter, type ServiceImpl } from '@connectrpc/connect';
import {
  compressionBrotli,
  compressionGzip,
  universalRequestFromNodeRequest,
  universalResponseToNodeResponse,
} from '@connectrpc/connect-node';
import type { UniversalHandler } from '@connectrpc/connect/protocol';
import type { Registry } from 'prom-client';
import type { HealthService } from './health.js';
import type { Logger } from './logger.js';
import type { TlsMaterial } from './tls.js';
import { answerUndecodableRequest } from './undecodable-connect-request.js';

export interface ServiceRegistration {
  service: DescService;
  impl: ServiceImpl<DescService>;
}

export interface ConnectHttpOptions {
  /** Already instrumented implementations (see instrumentService). */
  services: readonly ServiceRegistration[];
  registry: Registry;
  health: HealthService;
  logger: Logger;
  readMaxBytes: number;
  writeMaxBytes: number;
  /** HTTPS instead of HTTP; with a client CA, clients without a certificate it signed are refused. */
  tls?: TlsMaterial;
}

/** HTTP/1.1 server speaking Connect (JSON and binary) and gRPC-Web, plus GET /metrics and GET /healthz. */
export interface ConnectHttpServer {
  listen(address: { host: string; port: number }): Promise<number>;
  /** Stops accepting, lets in-flight requests finish for `graceMs`, then drops every connection. */
  close(graceMs: number): Promise<void>;
}

export function createConnectHttpServer(options: ConnectHttpOptions): ConnectHttpServer {
  const shutdown = new AbortController();
  const router = createConnectRouter({
    // gRPC needs HTTP/2; that is the grpc-js port's job.
    grpc: false,
    readMaxBytes: options.readMaxBytes,
    writeMaxBytes: options.writeMaxBytes,
    shutdownSignal: shutdown.signal,
    acceptCompression: [compressionGzip, compressionBrotli],
  });
  for (const { service, impl } of options.services) router.service(service, impl);
  const handlers = new Map<string, UniversalHandler>(router.handlers.map((h) => [h.requestPath, h]));
  // connectNodeAdapter, plus one rewrite: undecodable request bytes are the client's fault.
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const route = handlers.get((req.url ?? '').split('?', 2)[0] ?? '');
    if (route === undefined) return void serveFallback(req, res, options);
    route(universalRequestFromNodeRequest(req, res, undefined, undefined))
      .then((response) => answerUndecodableRequest(response, route.method.input))
      .then((response) => universalResponseToNodeResponse(response, res))
      .catch((err: unknown) => {
        if (ConnectError.from(err).code === Code.Aborted) return;
        options.logger.error('connect handler failed', { path: route.requestPath, cause: err });
      });
  };
  const tls = options.tls;
  const server: Server =
    tls === undefined
      ? createServer(handler)
      : createHttpsServer(
          {
            cert: tls.cert,
            key: tls.key,
            ...(tls.clientCa !== undefined && {
              ca: tls.clientCa,
              requestCert: true,
              rejectUnauthorized: true,
            }),
          },
          handler,
        );
  let listening = false;
  let closing = false;
  // A keep-alive connection becomes idle only after its response; close it then instead of at keepAliveTimeout.
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    res.once('close', () => {
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
  });

  return {
    listen: ({ host, port }) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          listening = true;
          resolve((server.address() as AddressInfo).port);
        });
      }),
    close: (graceMs) =>
      new Promise((resolve) => {
        if (!listening) return resolve();
        closing = true;
        const timer = setTimeout(() => {
          shutdown.abort(new ConnectError('server shutting down', Code.Unavailable));
          server.closeAllConnections();
        }, graceMs);
        server.close(() => {
          clearTimeout(timer);
          listening = false;
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

async function serveFallback(req: IncomingMessage, res: ServerResponse, options: ConnectHttpOptions) {
  const path = (req.url ?? '/').split('?')[0];
  try {
    if (req.method === 'GET' && path === '/metrics') {
      const body = await options.registry.metrics();
      res.writeHead(200, { 'content-type': options.registry.contentType }).end(body);
    } else if (req.method === 'GET' && path === '/healthz') {
      const status = options.health.getStatus('') ?? 'UNKNOWN';
      res
        .writeHead(status === 'SERVING' ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status }));
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    }
  } catch (err) {
    options.logger.error('http fallback failed', { path, cause: err });
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
    res.end('internal error\n');
  }
}
