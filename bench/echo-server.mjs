// Baseline of the benchmark: a bare grpc-js server that serves every IndexerService method path and answers each
// call with the request bytes unchanged (identity serializers: no protobuf work at all).
import { serveRawIndexer } from './lib/raw-indexer-server.mjs';

const echo = (call, callback) => callback(null, call.request);
serveRawIndexer('grpc-js-echo', () => echo, {
  host: process.env.ECHO_HOST ?? '127.0.0.1',
  port: Number(process.env.ECHO_GRPC_PORT ?? 0),
});
