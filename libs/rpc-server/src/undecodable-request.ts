import type { DescMessage } from '@bufbuild/protobuf';
import { Code, ConnectError } from '@connectrpc/connect';
import { BAD_REQUEST_TYPE, encodeBadRequest } from './error-details.js';

/**
 * What the gRPC port hands a handler in place of a request whose bytes do not decode. grpc-js answers a
 * throwing deserializer with INTERNAL; the request is the client's fault, so the handler answers
 * INVALID_ARGUMENT instead (see `undecodableRequestError`).
 */
export class UndecodableRequest {
  constructor(
    readonly schema: DescMessage,
    readonly cause: unknown,
  ) {}
}

/** InvalidArgument "request: cannot be decoded as <Message>", the decoder's text kept as cause for logs only. */
export function undecodableRequestError(schema: DescMessage, cause?: unknown): ConnectError {
  const description = `cannot be decoded as ${schema.typeName}`;
  const error = new ConnectError(
    `request: ${description}`,
    Code.InvalidArgument,
    undefined,
    undefined,
    cause,
  );
  error.details.push({
    type: BAD_REQUEST_TYPE,
    value: encodeBadRequest([{ field: 'request', description }]),
  });
  return error;
}
