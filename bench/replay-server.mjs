// Reference for the warm scenarios: a bare grpc-js server that answers every call with the indexer's response
// to the same request bytes, and does nothing else. The first time it sees a request it forwards it to the
// indexer at REPLAY_UPSTREAM and keeps the response (during the warm-up, the workloads cycle through a few
// requests); from then on it replays it. Measured like the indexer, it shows what the transport alone allows
// for the indexer's (larger) responses. Identity serializers, as the echo's.
import grpc from '@grpc/grpc-js';
import { Buffer } from 'node:buffer';
import { indexer } from '@mindex/proto';

const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
const identity = (bytes) => bytes;
const upstreamAddress = process.env.REPLAY_UPSTREAM;
if (!upstreamAddress) {
  console.error('REPLAY_UPSTREAM (the indexer to record from) is required');
  process.exit(2);
}
const upstream = new grpc.Client(upstreamAddress, grpc.credentials.createInsecure(), {
  'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
  'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
});

/** Recorded responses by request length; requests of the same length are told apart by comparing bytes. */
const recorded = new Map();

function replay(path) {
  return (call, callback) => {
    const request = call.request;
    const found = recorded.get(request.length)?.find((entry) => entry.request.equals(request));
    if (found !== undefined) {
      callback(null, found.response);
      return;
    }
    upstream.makeUnaryRequest(
      path,
      identity,
      identity,
      request,
      new grpc.Metadata(),
      {},
      (error, response) => {
        if (error) {
          callback(error);
          return;
        }
        const sameLength = recorded.get(request.length) ?? [];
        if (!sameLength.some((entry) => entry.request.equals(request))) {
          sameLength.push({ request: Buffer.from(request), response });
        }
        recorded.set(request.length, sameLength);
        callback(null, response);
      },
    );
  };
}

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
  handlers[method.name] = replay(path);
}

const server = new grpc.Server({
  'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
  'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
});
server.addService(definition, handlers);
server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, grpcPort) => {
  if (error) {
    console.error(error.message);
    process.exit(1);
  }
  console.log(JSON.stringify({ msg: 'listening', service: 'replay', grpcPort, httpPort: 0 }));
});
