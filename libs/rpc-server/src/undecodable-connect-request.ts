import type { DescMessage } from '@bufbuild/protobuf';
import type { UniversalServerResponse } from '@connectrpc/connect/protocol';

// connect-es answers request bytes that do not decode with Internal and protobuf's own text ("parse binary:
// premature EOF") before any handler runs; it is the client's fault, so the Connect port rewrites that answer.
const PARSE_ERROR_PREFIX = 'parse binary:';

/**
 * The response to request bytes that do not decode, turned from Internal "parse binary: ..." into
 * invalid_argument "request: cannot be decoded as <Message>": a Connect unary error body, or the end-of-stream
 * envelope of Connect streaming and gRPC-Web. Any other response passes unchanged (streams chunk by chunk).
 */
export async function answerUndecodableRequest(
  response: UniversalServerResponse,
  input: DescMessage,
): Promise<UniversalServerResponse> {
  const header = response.header;
  const body = response.body;
  if (header === undefined || body === undefined || header.has('content-encoding')) return response;
  const contentType = header.get('content-type') ?? '';
  const message = `request: cannot be decoded as ${input.typeName}`;
  if (contentType.startsWith('application/grpc-web')) {
    return { ...response, body: rewriteEndEnvelope(body, GRPC_WEB_TRAILER_FLAG, grpcWebTrailer(message)) };
  }
  if (contentType.startsWith('application/connect+')) {
    return {
      ...response,
      body: rewriteEndEnvelope(body, CONNECT_END_STREAM_FLAG, connectEndStream(message)),
    };
  }
  if (response.status !== 500 || contentType !== 'application/json') return response;
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  const bytes = Buffer.concat(chunks);
  if (!isParseError(bytes)) return { ...response, body: single(bytes) };
  const rewritten = Buffer.from(JSON.stringify({ code: 'invalid_argument', message }));
  header.set('content-length', String(rewritten.byteLength));
  return { ...response, status: 400, header, body: single(rewritten) };
}

const GRPC_WEB_TRAILER_FLAG = 0x80;
const CONNECT_END_STREAM_FLAG = 0x02;
const ENVELOPE_HEADER_BYTES = 5;

function envelope(flag: number, payload: Buffer): Uint8Array {
  const out = Buffer.alloc(ENVELOPE_HEADER_BYTES + payload.byteLength);
  out.writeUInt8(flag, 0);
  out.writeUInt32BE(payload.byteLength, 1);
  payload.copy(out, ENVELOPE_HEADER_BYTES);
  return out;
}

function grpcWebTrailer(message: string): (payload: Buffer) => Uint8Array | undefined {
  return (payload) => {
    const text = payload.toString('latin1');
    if (!/^grpc-status: 13\r$/m.test(text) || !/^grpc-message: parse%20binary%3A/m.test(text))
      return undefined;
    const trailer = `grpc-message: ${encodeURIComponent(message)}\r\ngrpc-status: 3\r\n`;
    return envelope(GRPC_WEB_TRAILER_FLAG, Buffer.from(trailer, 'latin1'));
  };
}

function connectEndStream(message: string): (payload: Buffer) => Uint8Array | undefined {
  return (payload) => {
    let parsed: { error?: unknown };
    try {
      parsed = JSON.parse(payload.toString('utf8')) as { error?: unknown };
    } catch {
      return undefined;
    }
    if (!isParseErrorJson(parsed.error)) return undefined;
    const end = { error: { code: 'invalid_argument', message } };
    return envelope(CONNECT_END_STREAM_FLAG, Buffer.from(JSON.stringify(end)));
  };
}

// connect-es writes each envelope as one chunk; an end envelope not alone in its chunk is left as it is.
async function* rewriteEndEnvelope(
  body: AsyncIterable<Uint8Array>,
  flag: number,
  rewrite: (payload: Buffer) => Uint8Array | undefined,
): AsyncIterable<Uint8Array> {
  for await (const chunk of body) {
    if (chunk[0] === flag && chunk.byteLength >= ENVELOPE_HEADER_BYTES) {
      const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      const length = bytes.readUInt32BE(1);
      if (length === bytes.byteLength - ENVELOPE_HEADER_BYTES) {
        yield rewrite(bytes.subarray(ENVELOPE_HEADER_BYTES)) ?? chunk;
        continue;
      }
    }
    yield chunk;
  }
}

function isParseErrorJson(value: unknown): boolean {
  const error = value as { code?: unknown; message?: unknown } | null | undefined;
  return (
    typeof error === 'object' &&
    error !== null &&
    error.code === 'internal' &&
    typeof error.message === 'string' &&
    error.message.startsWith(PARSE_ERROR_PREFIX)
  );
}

function isParseError(bytes: Uint8Array): boolean {
  try {
    return isParseErrorJson(JSON.parse(Buffer.from(bytes).toString('utf8')));
  } catch {
    return false;
  }
}

async function* single(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}
