import { create, toBinary } from '@bufbuild/protobuf';
import { BinaryReader, BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import type { ConnectError } from '@connectrpc/connect';

/** One bad field, as in google.rpc.BadRequest.FieldViolation. */
export interface FieldViolation {
  field: string;
  description: string;
}

export const BAD_REQUEST_TYPE = 'google.rpc.BadRequest';

const TYPE_URL_PREFIX = 'type.googleapis.com/';

// google.rpc.* protos are not generated in this repo; these two messages are small enough to encode by hand.

/** google.rpc.BadRequest { repeated FieldViolation field_violations = 1 } with FieldViolation { field = 1, description = 2 }. */
export function encodeBadRequest(violations: readonly FieldViolation[]): Uint8Array {
  const writer = new BinaryWriter();
  for (const violation of violations) {
    writer.tag(1, WireType.LengthDelimited).fork();
    writer.tag(1, WireType.LengthDelimited).string(violation.field);
    writer.tag(2, WireType.LengthDelimited).string(violation.description);
    writer.join();
  }
  return writer.finish();
}

/** Reads a google.rpc.BadRequest detail (e.g. from a client's `ConnectError.details`). */
export function decodeBadRequest(bytes: Uint8Array): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const reader = new BinaryReader(bytes);
  while (reader.pos < reader.len) {
    const [fieldNo, wireType] = reader.tag();
    if (fieldNo !== 1 || wireType !== WireType.LengthDelimited) {
      reader.skip(wireType);
      continue;
    }
    const inner = new BinaryReader(reader.bytes());
    const violation: FieldViolation = { field: '', description: '' };
    while (inner.pos < inner.len) {
      const [innerNo, innerType] = inner.tag();
      if (innerNo === 1 && innerType === WireType.LengthDelimited) violation.field = inner.string();
      else if (innerNo === 2 && innerType === WireType.LengthDelimited)
        violation.description = inner.string();
      else inner.skip(innerType);
    }
    violations.push(violation);
  }
  return violations;
}

/**
 * google.rpc.Status { int32 code = 1; string message = 2; repeated google.protobuf.Any details = 3 } of an error,
 * the payload of the `grpc-status-details-bin` trailer.
 */
export function encodeRpcStatus(error: ConnectError): Uint8Array {
  const writer = new BinaryWriter();
  writer.tag(1, WireType.Varint).int32(error.code);
  if (error.rawMessage !== '') writer.tag(2, WireType.LengthDelimited).string(error.rawMessage);
  for (const detail of error.details) {
    const [typeName, value] =
      'desc' in detail
        ? [detail.desc.typeName, toBinary(detail.desc, create(detail.desc, detail.value))]
        : [detail.type, detail.value];
    writer.tag(3, WireType.LengthDelimited).fork();
    writer.tag(1, WireType.LengthDelimited).string(TYPE_URL_PREFIX + typeName);
    writer.tag(2, WireType.LengthDelimited).bytes(value);
    writer.join();
  }
  return writer.finish();
}
