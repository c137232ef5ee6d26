// Reference for the warm scenarios: a bare grpc-js server that answers every call with the indexer's response
// to the same request bytes, and does nothing else. The first time it sees a request it forwards it to the
// indexer at REPLAY_UPSTREAM and keeps the response (during the warm-up, the workloads cycle through a few
// requests); from then on it replays it. Measured like the indexer, it shows what the transport alone allows
// for the indexer's (larger) responses.
import grpc from '@grpc/grpc-js';
import { Buffer } from 'node:buffer';
import { MAX_MESSAGE_BYTES, serveRawIndexer } from './lib/raw-indexer-server.mjs';

const upstreamAddress = process.env.REPLAY_UPSTREAM;
if (!upstreamAddress) {
  console.error('REPLAY_UPSTREAM (the indexer to record from) is required');
  process.exit(2);
}
const upstream = new grpc.Client(upstreamAddress, grpc.credentials.createInsecure(), {
  'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
  'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
});
const identity = (bytes) => bytes;

/** Recorded responses by request length; requests of the same length are told apart by comparing bytes. */
const recorded = new Map();
const find = (request) => recorded.get(request.length)?.find((entry) => entry.request.equals(request));

serveRawIndexer('replay', (path) => (call, callback) => {
  const request = call.request;
  const found = find(request);
  if (found !== undefined) {
    callback(null, found.response);
    return;
  }
  upstream.makeUnaryRequest(path, identity, identity, request, new grpc.Metadata(), {}, (error, response) => {
    if (error) {
      callback(error);
      return;
    }
    if (find(request) === undefined) {
      const sameLength = recorded.get(request.length) ?? [];
      sameLength.push({ request: Buffer.from(request), response });
      recorded.set(request.length, sameLength);
    }
    callback(null, response);
  });
});
