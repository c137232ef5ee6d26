import { Code, ConnectError } from '@connectrpc/connect';
import { findTrailerError } from '@connectrpc/connect/protocol-grpc';
import { DurationSchema } from '@bufbuild/protobuf/wkt';
import { describe, expect, it } from 'vitest';
import { decodeBadRequest, encodeBadRequest, encodeRpcStatus } from './error-details.js';

// Connect's own gRPC client decodes grpc-status-details-bin; it is an independent check of the encoding.
function decodeWithConnect(status: Uint8Array): ConnectError | undefined {
  const trailer = new Headers({ 'grpc-status-details-bin': Buffer.from(status).toString('base64') });
  return findTrailerError(trailer);
}

describe('encodeRpcStatus', () => {
  it('encodes code, message and raw (type, bytes) details', () => {
    const err = new ConnectError('bad field', Code.InvalidArgument);
    err.details.push({
      type: 'google.rpc.BadRequest',
      value: encodeBadRequest([{ field: 'a', description: 'b' }]),
    });
    const decoded = decodeWithConnect(encodeRpcStatus(err));
    const detail = decoded?.details[0];
    expect([decoded?.code, decoded?.rawMessage]).toEqual([Code.InvalidArgument, 'bad field']);
    expect(
      detail !== undefined && 'type' in detail ? [detail.type, decodeBadRequest(detail.value)] : [],
    ).toEqual(['google.rpc.BadRequest', [{ field: 'a', description: 'b' }]]);
  });

  it('encodes details given as a message descriptor and value', () => {
    const err = new ConnectError('slow down', Code.ResourceExhausted, undefined, [
      { desc: DurationSchema, value: { seconds: 3n } },
    ]);
    const decoded = decodeWithConnect(encodeRpcStatus(err));
    expect(decoded?.findDetails(DurationSchema).map((d) => d.seconds)).toEqual([3n]);
  });
});

describe('BadRequest encoding', () => {
  it.each([
    [[]],
    [[{ field: 'x', description: 'y' }]],
    [
      [
        { field: 'buckets[0].tags', description: 'too many tags' },
        { field: 'ü', description: '' },
      ],
    ],
  ])('round-trips %j', (violations) => {
    expect(decodeBadRequest(encodeBadRequest(violations))).toEqual(violations);
  });
});
