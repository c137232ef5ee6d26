import { createLogger, createRpcServer, type RpcServer, type RpcServerOptions } from '../src/index.js';
import { createEchoDescriptors, createEchoImpl, type EchoDescriptors } from './echo-service.js';

export interface EchoServer {
  server: RpcServer;
  echo: EchoDescriptors;
  grpcPort: number;
  connectPort: number;
  grpcUrl: string;
  connectUrl: string;
  /** Parsed JSON log lines written so far. */
  logs: Record<string, unknown>[];
  stop(): Promise<void>;
}

/** An rpc server with the echo service on two free loopback ports, logging into memory. */
export async function startEchoServer(options: Omit<RpcServerOptions, 'logger'> = {}): Promise<EchoServer> {
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: 'debug',
    base: { app: 'rpc-server-test' },
    write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>),
  });
  const server = createRpcServer({ collectDefaultMetrics: false, ...options, logger });
  const echo = createEchoDescriptors();
  server.register(echo.EchoService, createEchoImpl());
  const grpcPort = await server.listen({ host: '127.0.0.1', port: 0 });
  const connectPort = await server.listenConnect({ host: '127.0.0.1', port: 0 });
  return {
    server,
    echo,
    grpcPort,
    connectPort,
    grpcUrl: `http://127.0.0.1:${grpcPort}`,
    connectUrl: `http://127.0.0.1:${connectPort}`,
    logs,
    stop: () => server.shutdown(1_000),
  };
}

/** The log line of the call with this request id, once the server wrote it. */
export async function waitForCallLog(
  logs: Record<string, unknown>[],
  requestId: string,
): Promise<Record<string, unknown>> {
  for (let i = 0; i < 100; i++) {
    const line = logs.find((l) => l['msg'] === 'rpc' && l['request_id'] === requestId);
    if (line !== undefined) return line;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no rpc log line for request ${requestId}`);
}

/** Resolves once the server has started `count` calls of `method` (so a test can act while they are in flight). */
export async function waitForStarted(srv: EchoServer, method: string, count = 1): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const metric = await srv.server.registry.getSingleMetric('grpc_server_started_total')?.get();
    const started = metric?.values
      .filter((v) => v.labels['grpc_method'] === method)
      .reduce((sum, v) => sum + v.value, 0);
    if ((started ?? 0) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${method} did not start ${count} time(s)`);
}
