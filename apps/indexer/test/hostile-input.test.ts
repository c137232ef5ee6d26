import { Client, credentials, status, type ServiceError } from '@grpc/grpc-js';
import { Code, ConnectError } from '@connectrpc/connect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucket } from './support/buckets.js';
import { startTestServer, type TestServer } from './support/server.js';

/** Sends raw bytes as a request, as a broken or hostile client would. */
function rawCall(address: string, method: string, payload: Buffer): Promise<ServiceError | Buffer> {
  const client = new Client(address, credentials.createInsecure());
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      `/mindex.indexer.v1.IndexerService/${method}`,
      (b: Buffer) => b,
      (b: Buffer) => b,
      payload,
      (error, response) => {
        client.close();
        resolve(error ?? response!);
      },
    );
  });
}

async function errorOf(call: Promise<unknown>): Promise<ConnectError> {
  try {
    await call;
  } catch (error) {
    return ConnectError.from(error);
  }
  throw new Error('the call succeeded');
}

describe('the indexer server under hostile input', () => {
  let t: TestServer;
  let address: string;
  beforeAll(async () => {
    t = await startTestServer();
    address = `127.0.0.1:${t.server.grpcPort}`;
  });
  afterAll(async () => {
    await t.stop();
  });

  it.each(['BulkRecord', 'Record', 'ReverseResolve', 'IndexBatch'])(
    'answers undecodable %s requests with an error and keeps serving',
    async (method) => {
      const answer = await rawCall(address, method, Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]));
      expect(answer).toBeInstanceOf(Error);
      expect([status.INVALID_ARGUMENT, status.INTERNAL]).toContain((answer as ServiceError).code);
      const ok = await t.client.record({ useCase: 'spans', orgId: 1n, string: 'still-alive' });
      expect(ok.result?.id).toBeDefined();
    },
  );

  it('refuses a request over the message size limit', async () => {
    const answer = await rawCall(address, 'BulkRecord', Buffer.alloc(17 * 1024 * 1024, 1));
    expect((answer as ServiceError).code).toBe(status.RESOURCE_EXHAUSTED);
  });

  it('answers each bad request precisely and stores nothing from it', async () => {
    const cases: [Promise<unknown>, string][] = [
      [
        t.client.bulkRecord({ groups: [{ useCase: 'nope', orgId: 1n, strings: ['partial-a'] }] }),
        'groups[0].use_case: unknown use case "nope"',
      ],
      [
        t.client.bulkRecord({
          groups: [{ useCase: 'spans', orgId: 1n, strings: ['partial-a', 'y'.repeat(201)] }],
        }),
        'groups[0].strings[1]: longer than 200 code points',
      ],
      [t.client.bulkRecord({ groups: [] }), 'groups: at least one group is required'],
      [
        t.client.record({ useCase: 'spans', orgId: 1n << 63n, string: 'partial-a' }),
        'org_id: must be at most 9223372036854775807 (a signed 64-bit integer)',
      ],
      [
        t.client.bulkReverseResolve({ useCase: 'spans', orgId: 1n, ids: [] }),
        'ids: at least one id is required',
      ],
      [t.client.indexBatch({ buckets: [] }), 'buckets: at least one bucket is required'],
    ];
    for (const [call, message] of cases) {
      const error = await errorOf(call);
      expect([error.code, error.rawMessage]).toEqual([Code.InvalidArgument, message]);
    }
    const resolved = await t.client.resolve({ useCase: 'spans', orgId: 1n, string: 'partial-a' });
    expect(resolved.result?.id).toBeUndefined();
  });

  it('reports malformed buckets one by one without failing the batch', async () => {
    const { outcomes } = await t.client.indexBatch({
      buckets: [
        bucket({ name: 'c:custom/fine@none' }),
        bucket({ name: 'c:custom/fine@none', type: 'q' }),
        bucket({ name: `c:custom/${'n'.repeat(300)}@none` }),
        bucket({ name: 'c:custom/fine@none', tags: { ['k'.repeat(201)]: 'v' } }),
        bucket({ name: 'c:custom/fine@none', value: { kind: { case: undefined } } }),
      ],
    });
    expect(
      outcomes.map((o) => (o.outcome.case === 'invalid' ? o.outcome.value.reason : o.outcome.case)),
    ).toEqual(['indexed', 'invalid_metric_type', 'invalid_metric_name', 'invalid_tags', 'invalid_value']);
  });
});
