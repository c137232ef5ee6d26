import grpc from '@grpc/grpc-js';
import { indexer } from '@mindex/proto';

/** Messages up to this size in and out (the indexer's own limit is lower). */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

const identity = (bytes) => bytes;

/**
 * Serves every IndexerService method path with raw bytes in and out (identity serializers: no protobuf work),
 * each answered by `handlerFor(path)`, and prints the same "listening" line as the mindex services, so
 * @mindex/testing's spawnService starts it. The baselines of the benchmark are built on it.
 */
export function serveRawIndexer(name, handlerFor, { host = '127.0.0.1', port = 0 } = {}) {
  const definition = {};
  const handlers = {};
  for (const method of indexer.IndexerService.methods) {
    const path = `/${indexer.IndexerService.typeName}/${method.name}`;
    definition[method.name] = {
      path,
      requestStream: false,
      responseStream: false,
      requestSerialize: identity,
      requestDeserialize: identity,
      responseSerialize: identity,
      responseDeserialize: identity,
    };
    handlers[method.name] = handlerFor(path);
  }
  const server = new grpc.Server({
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
  });
  server.addService(definition, handlers);
  server.bindAsync(`${host}:${port}`, grpc.ServerCredentials.createInsecure(), (error, grpcPort) => {
    if (error) {
      console.error(error.message);
      process.exit(1);
    }
    console.log(JSON.stringify({ msg: 'listening', service: name, grpcPort, httpPort: 0 }));
  });
}
