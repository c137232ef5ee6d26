import type { DescMessage } from '@bufbuild/protobuf';
import type { UniversalServerResponse } from '@connectrpc/connect/protocol';

// connect-es answers request bytes that do not decode with Internal and protobuf's own text ("parse binary:
// premature EOF"); it is the client's fault, so the Connect port rewrites that answer.
const PARSE_ERROR_PREFIX = 'parse binary:';

/**
 * A Connect unary response turned from Internal "parse binary: ..." into invalid_argument "request: cannot be
 * decoded as <Message>"; any other response unchanged. Error bodies are small JSON, never compressed.
 */
export async function answerUndecodableRequest(
  response: UniversalServerResponse,
  input: DescMessage,
): Promise<UniversalServerResponse> {
  const header = response.header;
  if (
    response.status !== 500 ||
    header === undefined ||
    header.get('content-type') !== 'application/json' ||
    header.has('content-encoding') ||
    response.body === undefined
  ) {
    return response;
  }
  const chunks: Uint8Array[] = [];
  for await (const chunk of response.body) chunks.push(chunk);
  const bytes = Buffer.concat(chunks);
  if (!isParseError(bytes)) return { ...response, body: single(bytes) };
  const body = Buffer.from(
    JSON.stringify({ code: 'invalid_argument', message: `request: cannot be decoded as ${input.typeName}` }),
  );
  header.set('content-length', String(body.byteLength));
  return { ...response, status: 400, header, body: single(body) };
}

function isParseError(bytes: Uint8Array): boolean {
  try {
    const parsed = JSON.parse(Buffer.from(bytes).toString('utf8')) as { code?: unknown; message?: unknown };
    return (
      parsed.code === 'internal' &&
      typeof parsed.message === 'string' &&
      parsed.message.startsWith(PARSE_ERROR_PREFIX)
    );
  } catch {
    return false;
  }
}

async function* single(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}
