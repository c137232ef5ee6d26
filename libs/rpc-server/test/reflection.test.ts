import { BinaryReader, BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { credentials, makeGenericClientConstructor, type ClientDuplexStream } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findGrpcurl, grpcurl } from './grpcurl.js';
import { startEchoServer, type EchoServer } from './start-echo-server.js';

let srv: EchoServer;
let bin: string;
let address: string;

beforeAll(async () => {
  bin = await findGrpcurl(120_000);
  srv = await startEchoServer();
  address = `127.0.0.1:${srv.grpcPort}`;
}, 150_000);
afterAll(() => srv?.stop());

describe('reflection with grpcurl', () => {
  it('lists the registered services and health', async () => {
    const result = await grpcurl(bin, ['-plaintext', address, 'list']);
    expect(result.stdout.trim().split('\n').sort()).toEqual([
      'grpc.health.v1.Health',
      'rpctest.v1.EchoService',
    ]);
  });

  it('describes a message whose field type lives in an imported file', async () => {
    const result = await grpcurl(bin, ['-plaintext', address, 'describe', 'rpctest.v1.EchoRequest']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('.google.protobuf.Timestamp sent_at = 5;');
  });

  it('describes health with the protobuf-es descriptors', async () => {
    const result = await grpcurl(bin, ['-plaintext', address, 'describe', 'grpc.health.v1.Health']);
    expect(result.stdout).toContain(
      'rpc Watch ( .grpc.health.v1.HealthCheckRequest ) returns ( stream .grpc.health.v1.HealthCheckResponse );',
    );
  });

  it('calls health Check', async () => {
    const result = await grpcurl(bin, [
      '-plaintext',
      '-d',
      '{"service":""}',
      address,
      'grpc.health.v1.Health/Check',
    ]);
    expect(JSON.parse(result.stdout)).toEqual({ status: 'SERVING' });
  });

  it('calls a unary method with a JSON request encoded through reflection', async () => {
    const request = '{"message":"hi","sentAt":"2024-01-01T00:00:00Z","payload":"AAEC"}';
    const result = await grpcurl(bin, ['-plaintext', '-d', request, address, 'rpctest.v1.EchoService/Echo']);
    expect(JSON.parse(result.stdout)).toEqual({ message: 'hi', payloadSize: 3 });
  });

  it('shows the error code, message and BadRequest detail', async () => {
    const result = await grpcurl(bin, [
      '-plaintext',
      '-d',
      '{"fail":"invalid"}',
      address,
      'rpctest.v1.EchoService/Echo',
    ]);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('Code: InvalidArgument');
    expect(result.stderr).toContain('Message: message: must not be empty');
    expect(result.stderr).toContain('type.googleapis.com/google.rpc.BadRequest');
  });

  it('streams a server-streaming method and echoes x-request-id', async () => {
    const args = ['-plaintext', '-v', '-H', 'x-request-id: curl-1', '-d', '{"count":2}', address];
    const result = await grpcurl(bin, [...args, 'rpctest.v1.EchoService/Count']);
    expect(result.stdout).toContain('x-request-id: curl-1');
    expect(result.stdout).toContain('Sent 1 request and received 2 responses');
  });
});

// ServerReflectionRequest.list_services is field 7; the response's list_services_response is field 6, holding
// repeated ServiceResponse (field 1) with name (field 1). Encoded by hand: no reflection proto is generated here.
function listServicesRequest(): Buffer {
  return Buffer.from(new BinaryWriter().tag(7, WireType.LengthDelimited).string('*').finish());
}

function serviceNames(response: Buffer): string[] {
  const names: string[] = [];
  const reader = new BinaryReader(response);
  while (reader.pos < reader.len) {
    const [no, type] = reader.tag();
    if (no !== 6) {
      reader.skip(type);
      continue;
    }
    const list = new BinaryReader(reader.bytes());
    while (list.pos < list.len) {
      list.tag();
      const service = new BinaryReader(list.bytes());
      while (service.pos < service.len) {
        const [sNo, sType] = service.tag();
        if (sNo === 1) names.push(service.string());
        else service.skip(sType);
      }
    }
  }
  return names;
}

describe.each(['v1', 'v1alpha'])('reflection %s over a raw stream', (version) => {
  it('lists the registered services', async () => {
    const Ctor = makeGenericClientConstructor(
      {
        info: {
          path: `/grpc.reflection.${version}.ServerReflection/ServerReflectionInfo`,
          requestStream: true,
          responseStream: true,
          requestSerialize: (b: Buffer) => b,
          requestDeserialize: (b: Buffer) => b,
          responseSerialize: (b: Buffer) => b,
          responseDeserialize: (b: Buffer) => b,
        },
      },
      'Reflection',
    );
    const client = new Ctor(address, credentials.createInsecure()) as unknown as {
      info(): ClientDuplexStream<Buffer, Buffer>;
      close(): void;
    };
    try {
      const stream = client.info();
      const response = new Promise<Buffer>((resolve, reject) => {
        stream.once('data', resolve);
        stream.once('error', reject);
      });
      stream.write(listServicesRequest());
      stream.end();
      expect(serviceNames(await response).sort()).toEqual([
        'grpc.health.v1.Health',
        'rpctest.v1.EchoService',
      ]);
    } finally {
      client.close();
    }
  });
});
