import type { DescService } from '@bufbuild/protobuf';
import { Code, ConnectError, type ServiceImpl } from '@connectrpc/connect';
import { createLogger, createRpcServer, type RpcServer } from '@mindex/rpc-server';

/** A gRPC server on a free loopback port serving `impl`; unimplemented methods answer UNIMPLEMENTED. */
export async function startFakeService<S extends DescService>(
  service: S,
  impl: Partial<ServiceImpl<S>>,
): Promise<{ address: string; server: RpcServer }> {
  const full: Record<string, unknown> = {};
  for (const method of service.methods) {
    full[method.localName] =
      (impl as Record<string, unknown>)[method.localName] ??
      (() => {
        throw new ConnectError(`${method.name} is not faked`, Code.Unimplemented);
      });
  }
  const server = createRpcServer({
    logger: createLogger({ level: 'error', write: () => undefined }),
    collectDefaultMetrics: false,
  });
  server.register(service, full as ServiceImpl<S>);
  const port = await server.listen({ host: '127.0.0.1', port: 0 });
  return { address: `127.0.0.1:${port}`, server };
}
