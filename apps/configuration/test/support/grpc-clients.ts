import { createClient, type Interceptor } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { configuration } from '@mindex/proto';
import type { ConfigurationClient } from './configuration-service-suite.js';

const bearer =
  (token: string | undefined): Interceptor =>
  (next) =>
  (req) => {
    if (token !== undefined) req.header.set('authorization', `Bearer ${token}`);
    return next(req);
  };

/** A Connect client speaking gRPC to a configuration service on 127.0.0.1:port, with an optional bearer token. */
export function grpcClient(port: number, token?: string): ConfigurationClient {
  return createClient(
    configuration.ConfigurationService,
    createGrpcTransport({ baseUrl: `http://127.0.0.1:${port}`, interceptors: [bearer(token)] }),
  );
}
