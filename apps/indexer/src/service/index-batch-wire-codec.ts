import type { GrpcMethodCodec } from '@mindex/rpc-server';
import { createIndexBatchRequestDecoder } from './index-batch-request-decoder.js';
import { encodeIndexBatchResponse } from './index-batch-response-encoder.js';

/**
 * A hand-written protobuf codec for IndexBatch: protobuf-es' reflective codec cost more than the rest of a warm
 * batch's indexing (its response is a large tree of maps). It produces the same messages and bytes. The decoder
 * handles only what it knows (the documented fields, valid UTF-8, the wire types protobuf-es writes) and returns
 * undefined otherwise, so protobuf-es decodes (and rejects) the rest; the encoder falls back to `toBinary` for
 * what it does not write (unknown fields, values of the wrong type). Each codec has its own decode caches.
 */
export function createIndexBatchGrpcCodec(): Required<GrpcMethodCodec> {
  return { decodeRequest: createIndexBatchRequestDecoder(), encodeResponse: encodeIndexBatchResponse };
}
