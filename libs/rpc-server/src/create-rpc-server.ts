import type { DescService } from '@bufbuild/protobuf';
import { Code, ConnectError, type ServiceImpl } from '@connectrpc/connect';
import { Server, ServerCredentials, type ServerOptions } from '@grpc/grpc-js';
import { health as healthProto } from '@mindex/proto';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { createConnectHttpServer, type ConnectHttpServer, type ServiceRegistration } from './connect-http.js';
import { createGrpcServiceBinding, type GrpcCodecs } from './grpc-adapter.js';
import { createHealthService, type HealthStatus } from './health.js';
import type { Abortable } from './abort.js';
import { instrumentService, type HandlerTimeoutOptions } from './instrument-service.js';
import { createLogger, type Logger } from './logger.js';
import { createRpcMetrics } from './metrics.js';
import { createReflectionService } from './reflection.js';
import { readTlsMaterial, type TlsFiles, type TlsMaterial } from './tls.js';

export const DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

export interface KeepaliveOptions {
  /** Ping an idle connection after this long (grpc.keepalive_time_ms); default 60 s. */
  timeMs?: number;
  /** Drop the connection if a ping is not answered in time (grpc.keepalive_timeout_ms); default 20 s. */
  timeoutMs?: number;
  /** Close connections idle this long (grpc.max_connection_idle_ms). */
  maxConnectionIdleMs?: number;
  /** Close connections older than this, so clients rebalance (grpc.max_connection_age_ms). */
  maxConnectionAgeMs?: number;
  /** Time calls get to finish after max age (grpc.max_connection_age_grace_ms). */
  maxConnectionAgeGraceMs?: number;
}

export interface RpcServerOptions {
  /** Defaults to JSON lines on stdout at level info. */
  logger?: Logger;
  /** Prometheus registry for the call metrics; services add their own metrics to it. Defaults to a new one. */
  registry?: Registry;
  /** Add prom-client's process and Node.js metrics to the registry; default true. */
  collectDefaultMetrics?: boolean;
  /** Largest request message accepted on both ports; default 16 MiB. Larger → RESOURCE_EXHAUSTED. */
  maxReceiveMessageBytes?: number;
  /** Largest response message sent on both ports; default 16 MiB. */
  maxSendMessageBytes?: number;
  /** Concurrent calls per HTTP/2 connection (grpc.max_concurrent_streams); unlimited by default. */
  maxConcurrentStreams?: number;
  keepalive?: KeepaliveOptions;
  /** Server-side default and maximum call timeouts; none by default (only the client's deadline). */
  handlerTimeout?: HandlerTimeoutOptions;
  /**
   * TLS on both ports from PEM files (read when the first port opens); with `clientCaFile`, mutual TLS.
   * Plaintext when absent.
   */
  tls?: TlsFiles;
  /**
   * Hot methods, as `<full service name>/<method>` (e.g. `mindex.indexer.v1.IndexerService/Resolve`): their
   * successful calls are logged at debug unless slower than `slowCallMs` (default 100), so that a busy server
   * does not spend a large share of each cheap call on its log line. Failures are logged as for every method.
   */
  hotMethods?: readonly string[];
  slowCallMs?: number;
  /** Raw grpc-js server options, applied over the ones above. */
  grpcOptions?: ServerOptions;
}

export interface ListenAddress {
  host: string;
  /** 0 picks a free port. */
  port: number;
}

export interface RpcServer {
  readonly logger: Logger;
  readonly registry: Registry;
  /**
   * Register a service before the first listen; every method must be implemented. Marks it SERVING. `codecs`
   * replace protobuf-es' (de)serialization of some methods on the gRPC port (hot paths).
   */
  register<S extends DescService>(service: S, impl: ServiceImpl<S>, codecs?: GrpcCodecs): void;
  /** Bind the gRPC (HTTP/2) port; resolves with the bound port. */
  listen(address: ListenAddress): Promise<number>;
  /** Bind the HTTP/1.1 port (Connect, gRPC-Web, /metrics, /healthz); resolves with the bound port. */
  listenConnect(address: ListenAddress): Promise<number>;
  readonly grpcPort: number | undefined;
  readonly connectPort: number | undefined;
  /** Health of one service (its full name) or of the whole server (""). */
  setServingStatus(service: string, status: HealthStatus): void;
  /**
   * Graceful stop: health NOT_SERVING everywhere, server streams ended with UNAVAILABLE, then in-flight unary
   * calls get `graceMs` to finish before connections are dropped. Safe to call more than once.
   */
  shutdown(graceMs?: number): Promise<void>;
}

export function createRpcServer(options: RpcServerOptions = {}): RpcServer {
  const logger = options.logger ?? createLogger();
  const registry = options.registry ?? new Registry();
  if (options.collectDefaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const maxReceive = options.maxReceiveMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const maxSend = options.maxSendMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const health = createHealthService();
  const activeStreams = new Set<Abortable>();
  const instrumentOptions = {
    logger,
    metrics: createRpcMetrics(registry),
    handlerTimeout: options.handlerTimeout,
    activeStreams,
    quietServices: new Set([healthProto.Health.typeName]),
    hotMethods: new Set(options.hotMethods ?? []),
    slowCallMs: options.slowCallMs,
  };
  const grpcServer = new Server(grpcServerOptions(options, maxReceive, maxSend));
  const registrations: ServiceRegistration[] = [];
  let sealed = false;
  let grpcPort: number | undefined;
  let connectPort: number | undefined;
  let http: ConnectHttpServer | undefined;
  let stopping: Promise<void> | undefined;
  let tlsMaterial: Promise<TlsMaterial> | undefined;
  const loadTls = (files: TlsFiles) => (tlsMaterial ??= readTlsMaterial(files));

  const add = <S extends DescService>(service: S, impl: ServiceImpl<S>, codecs?: GrpcCodecs): void => {
    if (sealed) throw new Error(`cannot register ${service.typeName} after the server started listening`);
    if (registrations.some((r) => r.service.typeName === service.typeName)) {
      throw new Error(`${service.typeName} is already registered`);
    }
    const instrumented = instrumentService(service, impl, instrumentOptions);
    const binding = createGrpcServiceBinding(service, instrumented, codecs);
    grpcServer.addService(binding.definition, binding.implementation);
    registrations.push({ service, impl: instrumented as ServiceImpl<DescService> });
    health.setStatus(service.typeName, 'SERVING');
  };
  // Reflection describes what is registered, so it is added once, when the first port opens.
  const seal = (): void => {
    if (sealed) return;
    sealed = true;
    createReflectionService(registrations.map((r) => r.service)).addToServer(grpcServer);
  };

  add(healthProto.Health, health.impl);
  health.setStatus('', 'SERVING');

  return {
    logger,
    registry,
    register: add,
    async listen({ host, port }) {
      if (stopping !== undefined) throw new Error('the server is shutting down');
      seal();
      const credentials =
        options.tls === undefined
          ? ServerCredentials.createInsecure()
          : grpcCredentials(await loadTls(options.tls));
      grpcPort = await new Promise<number>((resolve, reject) => {
        grpcServer.bindAsync(`${formatHost(host)}:${port}`, credentials, (err, bound) =>
          err ? reject(err) : resolve(bound),
        );
      });
      return grpcPort;
    },
    async listenConnect(address) {
      if (stopping !== undefined) throw new Error('the server is shutting down');
      seal();
      const tls = options.tls === undefined ? undefined : await loadTls(options.tls);
      http ??= createConnectHttpServer({
        services: registrations,
        registry,
        health,
        logger,
        readMaxBytes: maxReceive,
        writeMaxBytes: maxSend,
        ...(tls !== undefined && { tls }),
      });
      connectPort = await http.listen(address);
      return connectPort;
    },
    get grpcPort() {
      return grpcPort;
    },
    get connectPort() {
      return connectPort;
    },
    setServingStatus: (service, status) => health.setStatus(service, status),
    shutdown(graceMs = DEFAULT_SHUTDOWN_GRACE_MS) {
      stopping ??= (async () => {
        logger.info('rpc server shutting down', { grace_ms: graceMs });
        health.setAll('NOT_SERVING');
        // One turn of the event loop lets health watchers receive NOT_SERVING before their streams end.
        await new Promise((resolve) => setImmediate(resolve));
        const shuttingDown = new ConnectError('server shutting down', Code.Unavailable);
        for (const stream of activeStreams) stream.abort(shuttingDown);
        await Promise.all([shutdownGrpc(grpcServer, graceMs, logger), http?.close(graceMs)]);
        logger.info('rpc server stopped');
      })();
      return stopping;
    },
  };
}

function grpcServerOptions(options: RpcServerOptions, maxReceive: number, maxSend: number): ServerOptions {
  const keepalive = options.keepalive ?? {};
  const optional: ServerOptions = {};
  if (options.maxConcurrentStreams !== undefined) {
    optional['grpc.max_concurrent_streams'] = options.maxConcurrentStreams;
  }
  if (keepalive.maxConnectionIdleMs !== undefined) {
    optional['grpc.max_connection_idle_ms'] = keepalive.maxConnectionIdleMs;
  }
  if (keepalive.maxConnectionAgeMs !== undefined) {
    optional['grpc.max_connection_age_ms'] = keepalive.maxConnectionAgeMs;
  }
  if (keepalive.maxConnectionAgeGraceMs !== undefined) {
    optional['grpc.max_connection_age_grace_ms'] = keepalive.maxConnectionAgeGraceMs;
  }
  return {
    'grpc.max_receive_message_length': maxReceive,
    'grpc.max_send_message_length': maxSend,
    'grpc.keepalive_time_ms': keepalive.timeMs ?? 60_000,
    'grpc.keepalive_timeout_ms': keepalive.timeoutMs ?? 20_000,
    ...optional,
    ...options.grpcOptions,
  };
}

// With a client CA, grpc-js refuses clients without a certificate it signed.
function grpcCredentials(tls: TlsMaterial): ServerCredentials {
  return ServerCredentials.createSsl(
    tls.clientCa ?? null,
    [{ cert_chain: tls.cert, private_key: tls.key }],
    tls.clientCa !== undefined,
  );
}

function shutdownGrpc(server: Server, graceMs: number, logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      logger.warn('grace period over, dropping remaining gRPC calls', { grace_ms: graceMs });
      server.forceShutdown();
      resolve();
    }, graceMs);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function formatHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
