import type { DescService } from '@bufbuild/protobuf';
import { Code, ConnectError, createClient, type Client } from '@connectrpc/connect';
import { createConnectTransport, createGrpcTransport } from '@connectrpc/connect-node';
import { configuration, indexer, query } from '@mindex/proto';

/** Client-side TLS material: the CA to trust and, for mutual TLS, a client certificate. */
export interface ClientTls {
  ca: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

/** A Connect client over gRPC (HTTP/2) to a service's gRPC port. */
export function grpcClient<S extends DescService>(service: S, address: string, tls?: ClientTls): Client<S> {
  const transport = createGrpcTransport({
    baseUrl: `${tls ? 'https' : 'http'}://${address}`,
    ...(tls && { nodeOptions: { ca: tls.ca, cert: tls.cert, key: tls.key, servername: 'localhost' } }),
  });
  return createClient(service, transport);
}

/** A Connect client over the Connect protocol (HTTP/1.1, binary) to a service's HTTP port. */
export function connectClient<S extends DescService>(
  service: S,
  address: string,
  tls?: ClientTls,
): Client<S> {
  const transport = createConnectTransport({
    baseUrl: `${tls ? 'https' : 'http'}://${address}`,
    httpVersion: '1.1',
    useBinaryFormat: true,
    ...(tls && { nodeOptions: { ca: tls.ca, cert: tls.cert, key: tls.key, servername: 'localhost' } }),
  });
  return createClient(service, transport);
}

export const indexerClient = (address: string, tls?: ClientTls) =>
  grpcClient(indexer.IndexerService, address, tls);
export const configurationClient = (address: string, tls?: ClientTls) =>
  grpcClient(configuration.ConfigurationService, address, tls);
export const queryClient = (address: string, tls?: ClientTls) => grpcClient(query.QueryService, address, tls);

export type IndexerClient = Client<typeof indexer.IndexerService>;
export type ConfigurationClient = Client<typeof configuration.ConfigurationService>;
export type QueryClient = Client<typeof query.QueryService>;

/** How one call ended, with its duration. */
export interface CallOutcome<T> {
  readonly value: T | undefined;
  /** "OK" or the gRPC status name as Connect spells it ("Unavailable", "InvalidArgument", ...). */
  readonly code: string;
  /** The error message as the server sent it (without Connect's "[code]" prefix); "" on success. */
  readonly message: string;
  readonly ms: number;
}

export function codeName(code: Code): string {
  return Code[code] ?? `Code(${code})`;
}

/** Runs a call and records its outcome instead of throwing. */
export async function attempt<T>(call: () => Promise<T>): Promise<CallOutcome<T>> {
  const startedAt = performance.now();
  try {
    const value = await call();
    return { value, code: 'OK', message: '', ms: performance.now() - startedAt };
  } catch (error) {
    const connectError = ConnectError.from(error);
    return {
      value: undefined,
      code: codeName(connectError.code),
      message: connectError.rawMessage,
      ms: performance.now() - startedAt,
    };
  }
}

/** Polls `call` until it succeeds; resolves with the milliseconds it took, rejects after `timeoutMs`. */
export async function waitUntilOk(
  call: () => Promise<unknown>,
  timeoutMs: number,
  intervalMs = 50,
): Promise<number> {
  const startedAt = performance.now();
  let last: CallOutcome<unknown> | undefined;
  while (performance.now() - startedAt < timeoutMs) {
    last = await attempt(call);
    if (last.code === 'OK') return performance.now() - startedAt;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`no success within ${timeoutMs} ms; last: ${last?.code} ${last?.message}`);
}
