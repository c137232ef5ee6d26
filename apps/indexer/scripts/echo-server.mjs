// A bare grpc-js echo server (raw bytes, no protobuf work): the reference the warm BulkRecord path is
// compared with in bench-bulk-record.mjs. Prints {"msg":"listening","grpcPort":N} like the services.

import { Server, ServerCredentials } from '@grpc/grpc-js';

const server = new Server({ 'grpc.max_receive_message_length': 16 * 1024 * 1024 });
const identity = (b) => b;
server.addService(
  {
    BulkRecord: {
      path: '/mindex.indexer.v1.IndexerService/BulkRecord',
      requestStream: false,
      responseStream: false,
      requestSerialize: identity,
      requestDeserialize: identity,
      responseSerialize: identity,
      responseDeserialize: identity,
    },
  },
  { BulkRecord: (call, callback) => callback(null, call.request) },
);
server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, port) => {
  if (error) throw error;
  console.log(JSON.stringify({ msg: 'listening', service: 'echo', grpcPort: port, httpPort: 0 }));
});
process.once('SIGTERM', () => server.tryShutdown(() => process.exit(0)));
