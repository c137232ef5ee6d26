// Baseline of the benchmark: a bare grpc-js server that serves every IndexerService method path and answers each
// call with the request bytes unchanged (identity serializers: no protobuf work at all). It prints the same
// "listening" line as the mindex services, so @mindex/testing's spawnService starts it.
import grpc from '@grpc/grpc-js';
import { indexer } from '@mindex/proto';

const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
const identity = (bytes) => bytes;

const definition = Object.fromEntries(
  indexer.IndexerService.methods.map((method) => [
    method.name,
    {
      path: `/${indexer.IndexerService.typeName}/${method.name}`,
      requestStream: false,
      responseStream: false,
      requestSerialize: identity,
      requestDeserialize: identity,
      responseSerialize: identity,
      responseDeserialize: identity,
    },
  ]),
);
const echo = (call, callback) => callback(null, call.request);
const handlers = Object.fromEntries(Object.keys(definition).map((name) => [name, echo]));

const server = new grpc.Server({
  'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
  'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
});
server.addService(definition, handlers);
const host = process.env.ECHO_HOST ?? '127.0.0.1';
const port = Number(process.env.ECHO_GRPC_PORT ?? 0);
server.bindAsync(`${host}:${port}`, grpc.ServerCredentials.createInsecure(), (error, grpcPort) => {
  if (error) {
    console.error(error.message);
    process.exit(1);
  }
  console.log(JSON.stringify({ msg: 'listening', service: 'grpc-js-echo', grpcPort, httpPort: 0 }));
});

const stop = () => server.tryShutdown(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
