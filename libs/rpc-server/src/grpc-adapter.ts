import {
  create,
  fromBinary,
  isMessage,
  toBinary,
  type DescMessage,
  type DescMethod,
} from '@bufbuild/protobuf';
import type { DescService, Message } from '@bufbuild/protobuf';
import { Code, ConnectError, createContextValues, type HandlerContext } from '@connectrpc/connect';
import type { ServiceImpl } from '@connectrpc/connect';
import {
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
        ) => void handleUnary(method, fn, call, callback);
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

async function handleUnary(
  method: DescMethod,
  fn: AnyFn,
  call: ServerUnaryCall<Message, Message>,
  callback: sendUnaryData<Message>,
): Promise<void> {
  const context = new CallContext(method, call);
  try {
    const output = await fn(call.request, context);
    const message = normalize(method.output, output);
    call.sendMetadata(headersToMetadata(context.responseHeader));
    callback(null, message, headersToMetadata(context.responseTrailer));
  } catch (err) {
    call.sendMetadata(headersToMetadata(context.responseHeader));
    callback(grpcStatus(toConnectError(err), context.responseTrailer));
  } finally {
    context.abort(CALL_ENDED);
  }
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
    call.sendMetadata(headersToMetadata(context.responseHeader));
  };
  try {
    for await (const output of fn(call.request, context) as AsyncIterable<unknown>) {
      sendHeaders();
      if (!call.write(normalize(method.output, output))) await drainOrAbort(call, context.signal);
    }
    sendHeaders();
    call.end(headersToMetadata(context.responseTrailer));
  } catch (err) {
    sendHeaders();
    call.emit('error', grpcStatus(toConnectError(err), context.responseTrailer));
  } finally {
    context.abort(CALL_ENDED);
  }
}

/**
 * The call's Connect context, built directly rather than with `createHandlerContext`: that one copies every
 * header set again and links two more AbortControllers per call, a measurable share of a cheap RPC. Same
 * behaviour: the signal aborts with DEADLINE_EXCEEDED at the client's deadline, CANCELED when the client goes
 * away, and with the given reason when the call ends; it is created only if something reads it. A class: object
 * literals with accessors or computed keys are built property by property at run time.
 */
class CallContext implements HandlerContext {
  readonly protocolName = 'grpc';
  readonly requestMethod = 'POST';
  readonly url: string;
  readonly requestHeader: Headers;
  readonly responseHeader = new Headers();
  readonly responseTrailer = new Headers();
  readonly values = createContextValues();
  readonly timeoutMs: () => number | undefined;
  readonly service: DescService;
  private readonly callAbort = new CallAbort();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly method: DescMethod,
    call: AnyCall,
  ) {
    this.service = method.parent;
    this.url = `http://${call.getHost()}/${method.parent.typeName}/${method.name}`;
    this.requestHeader = metadataToHeaders(call.metadata);
    const deadline = call.getDeadline();
    const deadlineMs = deadline instanceof Date ? deadline.getTime() : deadline;
    const hasDeadline = Number.isFinite(deadlineMs);
    this.timeoutMs = hasDeadline ? () => deadlineMs - Date.now() : () => undefined;
    if (hasDeadline) {
      this.timer = setTimeout(
        () => this.abort(new ConnectError('the operation timed out', Code.DeadlineExceeded)),
        Math.max(0, deadlineMs - Date.now()),
      );
    }
    // grpc-js reports both a client cancel and its own deadline expiry as 'cancelled'.
    call.once('cancelled', () => {
      // grpc-js also reports the stream's close after a finished call; building an error for it costs a stack trace.
      if (this.callAbort.aborted) return;
      const expired = hasDeadline && Date.now() >= deadlineMs;
      this.abort(
        expired
          ? new ConnectError('the operation timed out', Code.DeadlineExceeded)
          : new ConnectError('the client canceled the call', Code.Canceled),
      );
    });
  }

  get signal(): AbortSignal {
    return this.callAbort.signal;
  }

  /** The signal is this call's alone: the instrumentation may abort it rather than link another to it. */
  get [CALL_ABORT](): CallAbort {
    return this.callAbort;
  }

  /** Ends the call's signal (and its deadline timer). */
  abort(reason: unknown): void {
    clearTimeout(this.timer);
    this.callAbort.abort(reason);
  }
}

function normalize(schema: DescMessage, output: unknown): Message {
  if (isMessage(output, schema)) return output;
  return create(schema, output as Parameters<typeof create>[1]);
}

function grpcStatus(error: ConnectError, trailer: Headers): Partial<StatusObject> {
  const metadata = headersToMetadata(trailer);
  headersToMetadata(error.metadata, metadata);
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
