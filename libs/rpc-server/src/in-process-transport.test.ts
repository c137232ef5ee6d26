import { Code, ConnectError, createClient } from '@connectrpc/connect';
import { health } from '@mindex/proto';
import { describe, expect, it } from 'vitest';
import { createInProcessTransport } from './in-process-transport.js';

const { SERVING } = health.HealthCheckResponse_ServingStatus;

describe('createInProcessTransport', () => {
  it('serves implementations with the same error mapping as the real server', async () => {
    const transport = createInProcessTransport((register) =>
      register(health.Health, {
        check: (req) => {
          if (req.service === 'mongo')
            throw Object.assign(new Error('10.0.0.1 refused'), { name: 'MongoNetworkError' });
          if (req.service === 'bug') throw new Error('stack trace with secrets');
          return { status: SERVING };
        },
        async *watch() {
          yield { status: SERVING };
        },
      }),
    );
    const client = createClient(health.Health, transport);
    const errors = await Promise.all(
      ['mongo', 'bug'].map((service) =>
        client.check({ service }).then(
          () => undefined,
          (e: unknown) => (e instanceof ConnectError ? e : undefined),
        ),
      ),
    );
    expect((await client.check({ service: 'ok' })).status).toBe(SERVING);
    expect(errors.map((e) => [e?.code, e?.rawMessage])).toEqual([
      [Code.Unavailable, 'service temporarily unavailable'],
      [Code.Internal, 'internal error'],
    ]);
  });
});
