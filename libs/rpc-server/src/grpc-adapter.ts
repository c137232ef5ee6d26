import {
  create,
  fromBinary,
  isMessage,
  toBinary,
  type DescMessage,
  type DescMethod,
} from '@bufbuild/protobuf';
import type { DescService, Message } from '@bufbuild/protobuf';
import {
  Code,
  ConnectError,
  createContextValues,
  type ContextValues,
  type HandlerContext,
} from '@connectrpc/connect';
import type { ServiceImpl } from '@connectrpc/connect';
import {
  Metadata,
  type MethodDefinition,
  type ServerUnaryCall,
  type ServerWritableStream,
  type ServiceDefinition,
  type status as Status,
  type StatusObject,
  type UntypedServiceImplementation,
  type sendUnaryData,
} from '@grpc/grpc-js';
import { CALL_ABORT, CALL_ENDED, CallAbort } from './abort.js';
import { encodeRpcStatus } from './error-details.js';
import { toConnectError } from './error-mapping.js';
import { headersToMetadata, metadataToHeaders } from './grpc-metadata.js';
import {
  isValidRequestId,
  REQUEST_ID_ACCESS,
  REQUEST_ID_HEADER,
  type RequestIdAccess,
} from './request-id.js';
import { isPromiseLike } from './promise-like.js';
import { UndecodableRequest } from './undecodable-request.js';

/** What `grpc.Server#addService` takes for one protobuf-es service. */
export interface GrpcServiceBinding {
  definition: ServiceDefinition;
  implementation: UntypedServiceImplementation;
}

/**
 * A faster (de)serializer of one method's messages on the gRPC port, for hot paths where protobuf-es' reflective
 * codec dominates. It must produce what protobuf-es would: `decodeRequest` returns undefined for anything it does
 * not handle (the bytes then go to `fromBinary`, which also reports malformed input).
 */
export interface GrpcMethodCodec {
  decodeRequest?: (bytes: Uint8Array) => Message | undefined;
  encodeResponse?: (message: Message) => Uint8Array;
}

/** Codecs by method local name (as in the ServiceImpl, e.g. `bulkRecord`). */
export type GrpcCodecs = Readonly<Record<string, GrpcMethodCodec>>;

const STATUS_DETAILS_KEY = 'grpc-status-details-bin';

/**
 * A call that ends this close to its deadline ended at it. Timers run on the event loop's clock, which lags the
 * wall clock by up to one loop turn, so grpc-js' deadline timer can fire a little before `getDeadline()`; and a
 * client's cancel at its own deadline reaches the server shortly before the server's.
 */
const DEADLINE_SLACK_MS = 50;

type AnyFn = (request: unknown, context: HandlerContext) => unknown;
type AnyCall = ServerUnaryCall<Message, Message> | ServerWritableStream<Message, Message>;

/**
 * Adapts a Connect `ServiceImpl` (unary and server-streaming methods) to grpc-js: a service definition that
 * (de)serializes with protobuf-es, and handlers that give each call a Connect `HandlerContext`.
 */
export function createGrpcServiceBinding<S extends DescService>(
  service: S,
  impl: ServiceImpl<S>,
  codecs: GrpcCodecs = {},
): GrpcServiceBinding {
  const definition: Record<string, MethodDefinition<Message, Message>> = {};
  const implementation: UntypedServiceImplementation = {};
  for (const method of service.methods) {
    const unbound = (impl as Record<string, AnyFn>)[method.localName];
    if (typeof unbound !== 'function')
      throw new TypeError(`${service.typeName}.${method.name} is not implemented`);
    const fn = unbound.bind(impl);
    definition[method.name] = methodDefinition(service, method, codecs[method.localName]);
    switch (method.methodKind) {
      case 'unary':
        implementation[method.name] = (
          call: ServerUnaryCall<Message, Message>,
          callback: sendUnaryData<Message>,
        ) => handleUnary(method, fn, call, callback);
        break;
      case 'server_streaming':
        implementation[method.name] = (call: ServerWritableStream<Message, Message>) =>
          void handleServerStreaming(method, fn, call);
        break;
      default:
        throw new TypeError(
          `${service.typeName}.${method.name}: ${method.methodKind} RPCs are not supported`,
        );
    }
  }
  return { definition: definition as ServiceDefinition, implementation };
}

function methodDefinition(
  service: DescService,
  method: DescMethod,
  codec: GrpcMethodCodec | undefined,
): MethodDefinition<Message, Message> {
  const { decodeRequest, encodeResponse } = codec ?? {};
  return {
    path: `/${service.typeName}/${method.name}`,
    requestStream: false,
    responseStream: method.methodKind === 'server_streaming',
    requestSerialize: (message) => Buffer.from(toBinary(method.input, message)),
    requestDeserialize:
      decodeRequest === undefined
        ? (bytes) => decodeLeniently(method.input, bytes)
        : (bytes) => decodeRequest(bytes) ?? decodeLeniently(method.input, bytes),
    responseSerialize:
      encodeResponse === undefined
        ? (message) => Buffer.from(toBinary(method.output, message))
        : (message) => asBuffer(encodeResponse(message)),
    responseDeserialize: (bytes) => fromBinary(method.output, bytes),
    originalName: method.localName,
  };
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// A throwing deserializer makes grpc-js answer INTERNAL; the handler turns this into INVALID_ARGUMENT.
function decodeLeniently(schema: DescMessage, bytes: Buffer): Message {
  try {
    return fromBinary(schema, bytes);
  } catch (err) {
    return new UndecodableRequest(schema, err) as unknown as Message;
  }
}

/**
 * One unary call, without an async function: a handler's promise is followed by one `then`, and a handler that
 * returns a plain value costs no promise at all (each promise pays the async hooks AsyncLocalStorage enables).
 */
function handleUnary(
  method: DescMethod,
  fn: AnyFn,
  call: ServerUnaryCall<Message, Message>,
  callback: sendUnaryData<Message>,
): void {
  const context = new CallContext(method, call);
  const succeed = (output: unknown): void => {
    try {
      const message = normalize(method.output, output);
      call.sendMetadata(context.responseMetadata());
      callback(null, message, context.trailerMetadata());
    } catch (err) {
      fail(err);
      return;
    }
    context.abort(CALL_ENDED);
  };
  const fail = (err: unknown): void => {
    try {
      call.sendMetadata(context.responseMetadata());
      callback(grpcStatus(toConnectError(err), context.trailerMetadata()));
    } finally {
      context.abort(CALL_ENDED);
    }
  };
  let output: unknown;
  try {
    output = fn(call.request, context);
  } catch (err) {
    fail(err);
    return;
  }
  if (isPromiseLike(output)) output.then(succeed, fail);
  else succeed(output);
}

async function handleServerStreaming(
  method: DescMethod,
  fn: AnyFn,
  call: ServerWritableStream<Message, Message>,
): Promise<void> {
  const context = new CallContext(method, call);
  let headersSent = false;
  const sendHeaders = () => {
    if (headersSent) return;
    headersSent = true;
    call.sendMetadata(context.responseMetadata());
  };
  try {
    for await (const output of fn(call.request, context) as AsyncIterable<unknown>) {
      sendHeaders();
      if (!call.write(normalize(method.output, output))) await drainOrAbort(call, context.signal);
    }
    sendHeaders();
    call.end(context.trailerMetadata() ?? new Metadata());
  } catch (err) {
    sendHeaders();
    call.emit('error', grpcStatus(toConnectError(err), context.trailerMetadata()));
  } finally {
    context.abort(CALL_ENDED);
  }
}

/**
 * The call's Connect context, built directly rather than with `createHandlerContext`: that one copies every
 * header set again and links two more AbortControllers per call, a measurable share of a cheap RPC. Same
 * behaviour: the signal aborts with DEADLINE_EXCEEDED at the client's deadline, CANCELED when the client goes
 * away, and with the given reason when the call ends; it is created only if something reads it. The header
 * sets and context values are built at the first read too: a call whose handler reads none sends its request
 * id from a Metadata of its own. A class: object literals with accessors or computed keys are built property by
 * property at run time.
 */
class CallContext implements HandlerContext, RequestIdAccess {
  readonly protocolName = 'grpc';
  readonly requestMethod = 'POST';
  readonly service: DescService;
  private readonly callAbort = new CallAbort();
  private readonly call: AnyCall;
  private readonly deadlineMs: number;
  private requestHeaders: Headers | undefined;
  private responseHeaders: Headers | undefined;
  private responseTrailers: Headers | undefined;
  private contextValues: ContextValues | undefined;
  private responseRequestId: string | undefined;

  constructor(
    readonly method: DescMethod,
    call: AnyCall,
  ) {
    this.service = method.parent;
    this.call = call;
    const deadline = call.getDeadline();
    const deadlineMs = deadline instanceof Date ? deadline.getTime() : deadline;
    this.deadlineMs = deadlineMs;
    const hasDeadline = Number.isFinite(deadlineMs);
    // grpc-js reports a client's cancel and its own deadline expiry (it ends the call with DEADLINE_EXCEEDED) as
    // 'cancelled', once per call; it also reports a finished call's stream closing. grpc-js' deadline timer, not
    // one of ours, ends the call: a timer per call was a visible share of a cheap one.
    call.on('cancelled', () => {
      // A finished call: building an error for it costs a stack trace.
      if (this.callAbort.aborted) return;
      const expired = hasDeadline && Date.now() >= deadlineMs - DEADLINE_SLACK_MS;
      this.abort(
        expired
          ? new ConnectError('the operation timed out', Code.DeadlineExceeded)
          : new ConnectError('the client canceled the call', Code.Canceled),
      );
    });
  }

  get url(): string {
    return `http://${this.call.getHost()}/${this.method.parent.typeName}/${this.method.name}`;
  }

  get requestHeader(): Headers {
    return (this.requestHeaders ??= metadataToHeaders(this.call.metadata));
  }

  get responseHeader(): Headers {
    if (this.responseHeaders === undefined) {
      this.responseHeaders = new Headers();
      if (this.responseRequestId !== undefined) {
        this.responseHeaders.set(REQUEST_ID_HEADER, this.responseRequestId);
      }
    }
    return this.responseHeaders;
  }

  get responseTrailer(): Headers {
    return (this.responseTrailers ??= new Headers());
  }

  get values(): ContextValues {
    return (this.contextValues ??= createContextValues());
  }

  get signal(): AbortSignal {
    return this.callAbort.signal;
  }

  timeoutMs(): number | undefined {
    return Number.isFinite(this.deadlineMs) ? this.deadlineMs - Date.now() : undefined;
  }

  /** The signal is this call's alone: the instrumentation may abort it rather than link another to it. */
  get [CALL_ABORT](): CallAbort {
    return this.callAbort;
  }

  /** The request id is read from the call's metadata and sent without building Headers. */
  get [REQUEST_ID_ACCESS](): RequestIdAccess {
    return this;
  }

  givenRequestId(): string | null {
    const values = this.call.metadata.get(REQUEST_ID_HEADER);
    // A single valid token reads the same through Headers; anything else takes the Headers' reading of it.
    if (values.length === 0) return null;
    const only = values.length === 1 ? values[0] : undefined;
    if (typeof only === 'string' && isValidRequestId(only)) return only;
    return this.requestHeader.get(REQUEST_ID_HEADER);
  }

  setResponseRequestId(id: string): void {
    this.responseRequestId = id;
    this.responseHeaders?.set(REQUEST_ID_HEADER, id);
  }

  /** The response header as gRPC metadata. */
  responseMetadata(): Metadata {
    if (this.responseHeaders !== undefined) return headersToMetadata(this.responseHeaders);
    const metadata = new Metadata();
    if (this.responseRequestId !== undefined) metadata.set(REQUEST_ID_HEADER, this.responseRequestId);
    return metadata;
  }

  /** The response trailer as gRPC metadata; undefined when nothing read (so set) it. */
  trailerMetadata(): Metadata | undefined {
    return this.responseTrailers === undefined ? undefined : headersToMetadata(this.responseTrailers);
  }

  /** Ends the call's signal. */
  abort(reason: unknown): void {
    this.callAbort.abort(reason);
  }
}

function normalize(schema: DescMessage, output: unknown): Message {
  if (isMessage(output, schema)) return output;
  return create(schema, output as Parameters<typeof create>[1]);
}

function grpcStatus(error: ConnectError, trailer: Metadata | undefined): Partial<StatusObject> {
  const metadata = headersToMetadata(error.metadata, trailer ?? new Metadata());
  if (error.details.length > 0) metadata.set(STATUS_DETAILS_KEY, Buffer.from(encodeRpcStatus(error)));
  // Connect's Code uses gRPC's numbers.
  return { code: error.code as number as Status, details: error.rawMessage, metadata };
}

function drainOrAbort(call: ServerWritableStream<Message, Message>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      call.off('drain', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    call.on('drain', done);
    signal.addEventListener('abort', done, { once: true });
  });
}
