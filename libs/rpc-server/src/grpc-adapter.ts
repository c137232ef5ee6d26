import {
  create,
  fromBinary,
  isMessage,
  toBinary,
  type DescMessage,
  type DescMethod,
} from '@bufbuild/protobuf';
import type { DescService, Message } from '@bufbuild/protobuf';
import { Code, ConnectError, createHandlerContext, type HandlerContext } from '@connectrpc/connect';
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
import { CALL_ENDED } from './abort.js';
import { encodeRpcStatus } from './error-details.js';
import { toConnectError } from './error-mapping.js';
import { headersToMetadata, metadataToHeaders } from './grpc-metadata.js';
import { UndecodableRequest } from './undecodable-request.js';

/** What `grpc.Server#addService` takes for one protobuf-es service. */
export interface GrpcServiceBinding {
  definition: ServiceDefinition;
  implementation: UntypedServiceImplementation;
}

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
): GrpcServiceBinding {
  const definition: Record<string, MethodDefinition<Message, Message>> = {};
  const implementation: UntypedServiceImplementation = {};
  for (const method of service.methods) {
    const fn = (impl as Record<string, AnyFn>)[method.localName];
    if (typeof fn !== 'function')
      throw new TypeError(`${service.typeName}.${method.name} is not implemented`);
    definition[method.name] = methodDefinition(service, method);
    switch (method.methodKind) {
      case 'unary':
        implementation[method.name] = (
          call: ServerUnaryCall<Message, Message>,
          callback: sendUnaryData<Message>,
        ) => void handleUnary(method, fn.bind(impl), call, callback);
        break;
      case 'server_streaming':
        implementation[method.name] = (call: ServerWritableStream<Message, Message>) =>
          void handleServerStreaming(method, fn.bind(impl), call);
        break;
      default:
        throw new TypeError(
          `${service.typeName}.${method.name}: ${method.methodKind} RPCs are not supported`,
        );
    }
  }
  return { definition: definition as ServiceDefinition, implementation };
}

function methodDefinition(service: DescService, method: DescMethod): MethodDefinition<Message, Message> {
  return {
    path: `/${service.typeName}/${method.name}`,
    requestStream: false,
    responseStream: method.methodKind === 'server_streaming',
    requestSerialize: (message) => Buffer.from(toBinary(method.input, message)),
    requestDeserialize: (bytes) => decodeLeniently(method.input, bytes),
    responseSerialize: (message) => Buffer.from(toBinary(method.output, message)),
    responseDeserialize: (bytes) => fromBinary(method.output, bytes),
    originalName: method.localName,
  };
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
  const context = createCallContext(method, call);
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
  const context = createCallContext(method, call);
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

function createCallContext(method: DescMethod, call: AnyCall) {
  const deadline = call.getDeadline();
  const deadlineMs = deadline instanceof Date ? deadline.getTime() : deadline;
  const path = `/${method.parent.typeName}/${method.name}`;
  const context = createHandlerContext({
    service: method.parent,
    method,
    protocolName: 'grpc',
    requestMethod: 'POST',
    url: `http://${call.getHost()}${path}`,
    timeoutMs: Number.isFinite(deadlineMs) ? deadlineMs - Date.now() : undefined,
    requestHeader: metadataToHeaders(call.metadata),
  });
  // grpc-js reports both a client cancel and its own deadline expiry as 'cancelled'.
  call.once('cancelled', () => {
    const expired = Number.isFinite(deadlineMs) && Date.now() >= deadlineMs;
    context.abort(
      expired
        ? new ConnectError('the operation timed out', Code.DeadlineExceeded)
        : new ConnectError('the client canceled the call', Code.Canceled),
    );
  });
  return context;
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
