import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DescService } from '@bufbuild/protobuf';
import { Code, ConnectError, type ConnectRouter, type ServiceImpl } from '@connectrpc/connect';
import { connectNodeAdapter } from '@connectrpc/connect-node';
import type { Registry } from 'prom-client';
import type { HealthService } from './health.js';
import type { Logger } from './logger.js';

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
}

/** HTTP/1.1 server speaking Connect (JSON and binary) and gRPC-Web, plus GET /metrics and GET /healthz. */
export interface ConnectHttpServer {
  listen(address: { host: string; port: number }): Promise<number>;
  /** Stops accepting, lets in-flight requests finish for `graceMs`, then drops every connection. */
  close(graceMs: number): Promise<void>;
}

export function createConnectHttpServer(options: ConnectHttpOptions): ConnectHttpServer {
  const shutdown = new AbortController();
  const handler = connectNodeAdapter({
    routes: (router: ConnectRouter) => {
      for (const { service, impl } of options.services) router.service(service, impl);
    },
    // gRPC needs HTTP/2; that is the grpc-js port's job.
    grpc: false,
    readMaxBytes: options.readMaxBytes,
    writeMaxBytes: options.writeMaxBytes,
    shutdownSignal: shutdown.signal,
    fallback: (req, res) => void serveFallback(req as IncomingMessage, res as ServerResponse, options),
  });
  const server: Server = createServer(handler);
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
