import type { DescService } from '@bufbuild/protobuf';
import { createRouterTransport, type ServiceImpl, type Transport } from '@connectrpc/connect';
import { Registry } from 'prom-client';
import type { Abortable } from './abort.js';
import { instrumentService, type HandlerTimeoutOptions } from './instrument-service.js';
import { createLogger, type Logger } from './logger.js';
import { createRpcMetrics } from './metrics.js';

export type RegisterService = <S extends DescService>(service: S, impl: ServiceImpl<S>) => void;

export interface InProcessTransportOptions {
  /** Defaults to a logger that drops everything. */
  logger?: Logger;
  handlerTimeout?: HandlerTimeoutOptions;
}

/**
 * An in-memory Connect transport serving implementations wrapped exactly as `createRpcServer` wraps them (error
 * mapping, timeouts, request ids), for service tests that need no sockets.
 */
export function createInProcessTransport(
  routes: (register: RegisterService) => void,
  options: InProcessTransportOptions = {},
): Transport {
  const instrumentOptions = {
    logger: options.logger ?? createLogger({ level: 'error', write: () => undefined }),
    metrics: createRpcMetrics(new Registry()),
    handlerTimeout: options.handlerTimeout,
    activeStreams: new Set<Abortable>(),
  };
  return createRouterTransport((router) => {
    routes((service, impl) => {
      router.service(service, instrumentService(service, impl, instrumentOptions));
    });
  });
}
