import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createLogger } from '@mindex/rpc-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConfigurationServer, type ConfigurationServer } from '../src/start-configuration-server.js';
import { ADMIN_TOKEN } from './support/configuration-service-suite.js';
import { openTestDatabase, type TestDatabase } from './support/test-database.js';

const run = promisify(execFile);
const SERVICE = 'mindex.configuration.v1.ConfigurationService';

// What operators use: Connect JSON over HTTP/1.1 (curl-able) and grpcurl with server reflection.
describe('operator access', () => {
  let database: TestDatabase;
  let server: ConfigurationServer;
  const post = (method: string, body: unknown, token?: string) =>
    fetch(`http://127.0.0.1:${server.httpPort}/${SERVICE}/${method}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    database = await openTestDatabase();
    server = await startConfigurationServer(
      {
        host: '127.0.0.1',
        grpcPort: 0,
        httpPort: 0,
        mongodbUri: database.uri,
        database: database.name,
        logLevel: 'error',
        adminToken: ADMIN_TOKEN,
        watchPollIntervalMs: 100,
        shutdownGraceMs: 500,
        mongodbServerSelectionTimeoutMs: 2000,
        mongodbOperationTimeoutMs: 10_000,
      },
      { logger: createLogger({ level: 'error', write: () => undefined }) },
    );
  });

  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  it('answers Connect JSON on the HTTP port', async () => {
    const response = await post('ResolveUseCase', { value: 'release-health' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      useCase: { id: 'sessions', useCaseKey: 'USE_CASE_KEY_RELEASE_HEALTH' },
    });
  });

  it('sets a quota list with JSON and refuses a bad one with invalid_argument', async () => {
    const name = 'sentry-metrics.writes-limiter.limits.custom.global';
    const good = {
      name,
      value: { quotaList: { quotas: [{ windowSeconds: '60', granularitySeconds: '10', limit: '5' }] } },
    };
    const ok = await post('SetOption', good, ADMIN_TOKEN);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ option: { name, version: '1' } });

    const bad = {
      name,
      value: { quotaList: { quotas: [{ windowSeconds: '61', granularitySeconds: '10', limit: '5' }] } },
    };
    const refused = await post('SetOption', bad, ADMIN_TOKEN);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      code: 'invalid_argument',
      message: expect.stringContaining('value.quota_list.quotas[0].window_seconds: 61 is not a multiple'),
    });
    expect((await post('SetOption', good)).status).toBe(401);
  });

  it('is described by server reflection for grpcurl', async () => {
    const bin = process.env['GRPCURL_BIN'];
    if (bin === undefined) throw new Error('GRPCURL_BIN is not set: run through the integration project');
    const address = `127.0.0.1:${server.grpcPort}`;
    const listed = await run(bin, ['-plaintext', address, 'list']);
    expect(listed.stdout.split('\n')).toContain(SERVICE);
    const called = await run(bin, [
      '-plaintext',
      '-d',
      '{"useCaseKey":"performance"}',
      address,
      `${SERVICE}/GetIngestConfiguration`,
    ]);
    expect(JSON.parse(called.stdout)).toMatchObject({
      configuration: { outputTopic: 'snuba-generic-metrics', internalMetricsTag: 'perf' },
    });
  });
});
