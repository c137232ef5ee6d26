export {
  createRpcServer,
  DEFAULT_MAX_MESSAGE_BYTES,
  DEFAULT_SHUTDOWN_GRACE_MS,
} from './create-rpc-server.js';
export type { KeepaliveOptions, ListenAddress, RpcServer, RpcServerOptions } from './create-rpc-server.js';
export type { HandlerTimeoutOptions } from './instrument-service.js';
export type { TlsFiles } from './tls.js';
export { parseTlsEnv, type TlsEnvResult } from './tls-env.js';
export { createEnvReader, type EnvReader, type EnvVars } from './env-reader.js';
export type { HealthStatus } from './health.js';
export type { GrpcCodecs, GrpcMethodCodec } from './grpc-adapter.js';
export {
  codeName,
  INTERNAL_MESSAGE,
  invalidArgument,
  invalidArguments,
  isUnavailableError,
  notFound,
  resourceExhausted,
  toConnectError,
  unavailable,
  UNAVAILABLE_MESSAGE,
} from './error-mapping.js';
export { BAD_REQUEST_TYPE, decodeBadRequest, type FieldViolation } from './error-details.js';
export { createLogger, isLogLevel, LOG_LEVELS } from './logger.js';
export type { LogFields, LogLevel, Logger, LoggerOptions } from './logger.js';
export { currentCallSignal, currentRequestId, propagateRequestId, REQUEST_ID_HEADER } from './request-id.js';
export { createInProcessTransport } from './in-process-transport.js';
export type { InProcessTransportOptions, RegisterService } from './in-process-transport.js';
export { runService, type RunningService } from './run-service.js';
