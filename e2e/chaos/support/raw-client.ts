import {
  credentials,
  makeGenericClientConstructor,
  Metadata,
  status,
  type ServiceError,
} from '@grpc/grpc-js';

/** The outcome of one raw call: the gRPC status, its details and the response bytes on success. */
export interface RawOutcome {
  readonly code: number;
  readonly codeName: string;
  readonly details: string;
  readonly response: Buffer | undefined;
  readonly ms: number;
}

export interface RawClient {
  /** Sends `bytes` as the request message of `path` ("/pkg.Service/Method"), unchanged. */
  call(
    path: string,
    bytes: Uint8Array,
    options?: { timeoutMs?: number; metadata?: Metadata },
  ): Promise<RawOutcome>;
  /** The same for a server-streaming method: resolves with the first message (then cancels) or the status. */
  callStream(
    path: string,
    bytes: Uint8Array,
    options?: { timeoutMs?: number; metadata?: Metadata },
  ): Promise<RawOutcome>;
  close(): void;
}

const identity = (buffer: Buffer): Buffer => buffer;
const STATUS_NAMES = new Map<number, string>(
  Object.entries(status)
    .filter(([, value]) => typeof value === 'number')
    .map(([name, value]) => [value as number, name]),
);

/**
 * A grpc-js client with identity serializers: the bytes go on the wire as they are, so tests can send
 * truncated or garbage protobuf that no typed client would produce.
 */
export function createRawClient(address: string): RawClient {
  const Client = makeGenericClientConstructor({}, 'RawBytes');
  const client = new Client(address, credentials.createInsecure(), {
    'grpc.max_send_message_length': -1,
    'grpc.max_receive_message_length': -1,
  });
  return {
    call(path, bytes, options = {}) {
      const startedAt = performance.now();
      const deadline = new Date(Date.now() + (options.timeoutMs ?? 5000));
      return new Promise((resolve) => {
        client.makeUnaryRequest<Buffer, Buffer>(
          path,
          identity,
          identity,
          Buffer.from(bytes),
          options.metadata ?? new Metadata(),
          { deadline },
          (error: ServiceError | null, response?: Buffer) => {
            const code = error?.code ?? status.OK;
            resolve({
              code,
              codeName: STATUS_NAMES.get(code) ?? String(code),
              details: error?.details ?? '',
              response: error ? undefined : response,
              ms: performance.now() - startedAt,
            });
          },
        );
      });
    },
    callStream(path, bytes, options = {}) {
      const startedAt = performance.now();
      const deadline = new Date(Date.now() + (options.timeoutMs ?? 5000));
      return new Promise((resolve) => {
        const stream = client.makeServerStreamRequest<Buffer, Buffer>(
          path,
          identity,
          identity,
          Buffer.from(bytes),
          options.metadata ?? new Metadata(),
          { deadline },
        );
        let settled = false;
        const settle = (outcome: Omit<RawOutcome, 'ms'>) => {
          if (settled) return;
          settled = true;
          resolve({ ...outcome, ms: performance.now() - startedAt });
        };
        stream.on('data', (response: Buffer) => {
          settle({ code: status.OK, codeName: 'OK', details: '', response });
          stream.cancel();
        });
        stream.on('error', (error: ServiceError) =>
          settle({
            code: error.code,
            codeName: STATUS_NAMES.get(error.code) ?? String(error.code),
            details: error.details,
            response: undefined,
          }),
        );
        stream.on('status', () =>
          settle({ code: status.OK, codeName: 'OK', details: '', response: undefined }),
        );
      });
    },
    close: () => client.close(),
  };
}

/** The outcome of posting raw bytes to a Connect (HTTP/1.1) endpoint. */
export interface RawHttpOutcome {
  readonly status: number;
  /** The Connect error code ("invalid_argument" ...) or "ok". */
  readonly code: string;
  readonly message: string;
}

/** POSTs `bytes` as a Connect unary request (application/proto or application/json) to the HTTP port. */
export async function postConnectBytes(
  httpAddress: string,
  path: string,
  bytes: Uint8Array,
  contentType = 'application/proto',
  headers: Record<string, string> = {},
): Promise<RawHttpOutcome> {
  const response = await fetch(`http://${httpAddress}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType, 'connect-protocol-version': '1', ...headers },
    body: bytes,
    signal: AbortSignal.timeout(10_000),
  });
  const body = Buffer.from(await response.arrayBuffer());
  if (response.ok) return { status: response.status, code: 'ok', message: '' };
  let parsed: { code?: string; message?: string } = {};
  try {
    parsed = JSON.parse(body.toString('utf8')) as typeof parsed;
  } catch {
    // not a Connect error body
  }
  return {
    status: response.status,
    code: parsed.code ?? `http_${response.status}`,
    message: parsed.message ?? '',
  };
}
