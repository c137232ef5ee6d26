import { Code, ConnectError, createClient, createRouterTransport } from '@connectrpc/connect';
import { health } from '@mindex/proto';
import { describe, expect, it } from 'vitest';
import { createHealthService } from './health.js';

const { SERVING, NOT_SERVING, SERVICE_UNKNOWN } = health.HealthCheckResponse_ServingStatus;

function setup() {
  const service = createHealthService();
  const client = createClient(
    health.Health,
    createRouterTransport((router) => router.service(health.Health, service.impl)),
  );
  return { service, client };
}

describe('createHealthService', () => {
  it('answers Check with the status set for a service', async () => {
    const { service, client } = setup();
    service.setStatus('', 'SERVING');
    service.setStatus('a.v1.A', 'NOT_SERVING');
    const statuses = await Promise.all(['', 'a.v1.A'].map((s) => client.check({ service: s })));
    expect(statuses.map((r) => r.status)).toEqual([SERVING, NOT_SERVING]);
  });

  it('answers Check for an unknown service with NOT_FOUND', async () => {
    const { client } = setup();
    const err = await client.check({ service: 'x.v1.X' }).catch((e: unknown) => e);
    expect(err instanceof ConnectError ? err.code : err).toBe(Code.NotFound);
  });

  it('sets every service and the server at once', () => {
    const { service } = setup();
    service.setStatus('a.v1.A', 'SERVING');
    service.setStatus('b.v1.B', 'SERVING');
    service.setAll('NOT_SERVING');
    expect(['', 'a.v1.A', 'b.v1.B'].map((s) => service.getStatus(s))).toEqual([
      'NOT_SERVING',
      'NOT_SERVING',
      'NOT_SERVING',
    ]);
  });

  it('streams SERVICE_UNKNOWN first for an unknown service, then only changes', async () => {
    const { service, client } = setup();
    const abort = new AbortController();
    const seen: number[] = [];
    const watching = (async () => {
      for await (const r of client.watch({ service: 'c.v1.C' }, { signal: abort.signal })) {
        seen.push(r.status);
        if (seen.length === 1) {
          service.setStatus('c.v1.C', 'SERVING');
          service.setStatus('other', 'SERVING');
        }
        if (seen.length === 2) {
          service.setStatus('c.v1.C', 'SERVING');
          service.setStatus('c.v1.C', 'NOT_SERVING');
        }
        if (seen.length === 3) abort.abort();
      }
    })().catch((e: unknown) => e);
    await watching;
    expect(seen).toEqual([SERVICE_UNKNOWN, SERVING, NOT_SERVING]);
  });
});
