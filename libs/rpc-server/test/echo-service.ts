// A small service built from a descriptor at runtime, so these tests do not depend on the mindex contracts.
import { create, createFileRegistry, type DescFile, type Message } from '@bufbuild/protobuf';
import { messageDesc, serviceDesc, type GenMessage, type GenService } from '@bufbuild/protobuf/codegenv2';
import {
  FieldDescriptorProto_Label as Label,
  FieldDescriptorProto_Type as Type,
  FileDescriptorProtoSchema,
  file_google_protobuf_timestamp,
  type Timestamp,
} from '@bufbuild/protobuf/wkt';
import { ConnectError, Code, type ServiceImpl } from '@connectrpc/connect';
import { invalidArgument, notFound } from '../src/index.js';

export type EchoRequest = Message<'rpctest.v1.EchoRequest'> & {
  message: string;
  sleepMs: number;
  fail: string;
  payload: Uint8Array;
  sentAt?: Timestamp;
};
export type EchoResponse = Message<'rpctest.v1.EchoResponse'> & { message: string; payloadSize: number };
export type CountRequest = Message<'rpctest.v1.CountRequest'> & { count: number; intervalMs: number };
export type CountResponse = Message<'rpctest.v1.CountResponse'> & { n: number };

export interface EchoDescriptors {
  file: DescFile;
  EchoRequestSchema: GenMessage<EchoRequest>;
  EchoResponseSchema: GenMessage<EchoResponse>;
  CountRequestSchema: GenMessage<CountRequest>;
  CountResponseSchema: GenMessage<CountResponse>;
  EchoService: GenService<{
    echo: { methodKind: 'unary'; input: GenMessage<EchoRequest>; output: GenMessage<EchoResponse> };
    count: {
      methodKind: 'server_streaming';
      input: GenMessage<CountRequest>;
      output: GenMessage<CountResponse>;
    };
  }>;
}

// protoc fills in json_name, so a descriptor from generated code has it too.
const field = (name: string, number: number, type: Type, typeName?: string) => ({
  name,
  jsonName: name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
  number,
  type,
  label: Label.OPTIONAL,
  ...(typeName !== undefined && { typeName }),
});

export function createEchoDescriptors(): EchoDescriptors {
  const proto = create(FileDescriptorProtoSchema, {
    name: 'rpctest/v1/echo.proto',
    package: 'rpctest.v1',
    syntax: 'proto3',
    dependency: ['google/protobuf/timestamp.proto'],
    messageType: [
      {
        name: 'EchoRequest',
        field: [
          field('message', 1, Type.STRING),
          field('sleep_ms', 2, Type.UINT32),
          field('fail', 3, Type.STRING),
          field('payload', 4, Type.BYTES),
          field('sent_at', 5, Type.MESSAGE, '.google.protobuf.Timestamp'),
        ],
      },
      {
        name: 'EchoResponse',
        field: [field('message', 1, Type.STRING), field('payload_size', 2, Type.UINT32)],
      },
      { name: 'CountRequest', field: [field('count', 1, Type.UINT32), field('interval_ms', 2, Type.UINT32)] },
      { name: 'CountResponse', field: [field('n', 1, Type.UINT32)] },
    ],
    service: [
      {
        name: 'EchoService',
        method: [
          { name: 'Echo', inputType: '.rpctest.v1.EchoRequest', outputType: '.rpctest.v1.EchoResponse' },
          {
            name: 'Count',
            inputType: '.rpctest.v1.CountRequest',
            outputType: '.rpctest.v1.CountResponse',
            serverStreaming: true,
          },
        ],
      },
    ],
  });
  const registry = createFileRegistry(proto, (name) =>
    name === file_google_protobuf_timestamp.proto.name ? file_google_protobuf_timestamp : undefined,
  );
  const file = registry.getFile(proto.name);
  if (file === undefined) throw new Error('echo descriptor did not build');
  return {
    file,
    EchoRequestSchema: messageDesc(file, 0),
    EchoResponseSchema: messageDesc(file, 1),
    CountRequestSchema: messageDesc(file, 2),
    CountResponseSchema: messageDesc(file, 3),
    EchoService: serviceDesc(file, 0),
  };
}

/** A fake MongoDB driver error: only its name says what it is, as in the real driver. */
export class MongoServerSelectionError extends Error {
  override name = 'MongoServerSelectionError';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Echo replies after `sleepMs` (ignoring its signal on purpose, like a slow handler) or fails as `fail` says.
 * Count streams 1..count (0 = forever) every `intervalMs`, stopping when its signal aborts.
 */
export function createEchoImpl(): ServiceImpl<EchoDescriptors['EchoService']> {
  return {
    async echo(request) {
      if (request.sleepMs > 0) await sleep(request.sleepMs);
      switch (request.fail) {
        case '':
          return { message: request.message, payloadSize: request.payload.length };
        case 'internal':
          throw new Error('secret: mongodb://admin:hunter2@db/prod exploded');
        case 'mongo':
          throw new MongoServerSelectionError('connect ECONNREFUSED 10.1.2.3:27017');
        case 'wrapped-mongo':
          throw new Error('store failed', { cause: new MongoServerSelectionError('timed out') });
        case 'invalid':
          throw invalidArgument('message', 'must not be empty');
        case 'not-found':
          throw notFound('use case "nope"');
        case 'connect-internal':
          throw new ConnectError('deliberate internal', Code.Internal);
        default:
          throw new Error(`unknown failure mode ${request.fail}`);
      }
    },
    async *count(request, context) {
      for (let n = 1; request.count === 0 || n <= request.count; n++) {
        if (context.signal.aborted) return;
        yield { n };
        await sleep(request.intervalMs);
      }
    },
  };
}
