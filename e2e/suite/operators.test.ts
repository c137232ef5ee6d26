import { fileURLToPath } from 'node:url';
import type { DescService } from '@bufbuild/protobuf';
import { configuration, indexer, query } from '@mindex/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from './support/run-command.js';
import { startSuite, type AppName, type Suite } from './support/start-suite.js';

// Issue 6, "Inspect and call": what an operator does against a running suite with standard tools only —
// grpcurl over server reflection, grpc-health-probe, curl on the Connect JSON port, a Prometheus scrape — and
// the generated Go and Python clients' examples.

const SERVICES: Record<AppName, DescService> = {
  indexer: indexer.IndexerService,
  configuration: configuration.ConfigurationService,
  query: query.QueryService,
};
const APPS = Object.keys(SERVICES) as AppName[];
const HEALTH = 'grpc.health.v1.Health';
const RELEASE_ID = '9223372036854776016'; // the static shared string "release" (spec §4.4)
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set: run with --project e2e`);
  return value;
}

describe('operators inspect and call the running suite', () => {
  const grpcurl = requiredEnv('GRPCURL_BIN');
  const healthProbe = requiredEnv('GRPC_HEALTH_PROBE_BIN');
  let suite: Suite;
  const address = (app: AppName) => suite[app].grpcAddress;
  const httpUrl = (app: AppName, path: string) => `http://127.0.0.1:${suite[app].httpPort}${path}`;
  const grpcurlJson = async (app: AppName, method: string, body: unknown) => {
    const result = await runCommand(grpcurl, [
      '-plaintext',
      '-d',
      JSON.stringify(body),
      address(app),
      `${SERVICES[app].typeName}/${method}`,
    ]);
    expect([result.code, result.stderr]).toEqual([0, '']);
    return JSON.parse(result.stdout) as unknown;
  };
  // A Connect unary call with JSON, as `curl -d '<json>' -H 'Content-Type: application/json' <url>` makes it.
  // Without a curl binary on the machine, fetch sends the same request.
  let hasCurl = false;
  const postJson = async (app: AppName, method: string, body: unknown) => {
    const url = httpUrl(app, `/${SERVICES[app].typeName}/${method}`);
    if (!hasCurl) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as unknown };
    }
    const result = await runCommand('curl', [
      '-sS',
      '-w',
      '\n%{http_code}',
      '-H',
      'Content-Type: application/json',
      '-d',
      JSON.stringify(body),
      url,
    ]);
    expect([result.code, result.stderr]).toEqual([0, '']);
    const newline = result.stdout.lastIndexOf('\n');
    return {
      status: Number(result.stdout.slice(newline + 1)),
      body: JSON.parse(result.stdout.slice(0, newline)) as unknown,
    };
  };
  const handledTotal = async (app: AppName, method: string): Promise<number> => {
    const response = await fetch(httpUrl(app, '/metrics'));
    expect(response.status).toBe(200);
    const prefix = `grpc_server_handled_total{grpc_type="unary",grpc_service="${SERVICES[app].typeName}",grpc_method="${method}",grpc_code="OK"} `;
    const line = (await response.text()).split('\n').find((l) => l.startsWith(prefix));
    return line === undefined ? 0 : Number(line.slice(prefix.length));
  };

  beforeAll(async () => {
    hasCurl = await runCommand('curl', ['--version']).then(
      (r) => r.code === 0,
      () => false,
    );
    suite = await startSuite(requiredEnv('MONGODB_URI'));
  });
  afterAll(async () => {
    await suite?.stop();
  });

  it.each(APPS)('grpcurl lists the %s service and health through reflection', async (app) => {
    const listed = await runCommand(grpcurl, ['-plaintext', address(app), 'list']);
    expect([listed.code, listed.stdout.split('\n').filter(Boolean)]).toEqual([
      0,
      [HEALTH, SERVICES[app].typeName].sort(),
    ]);
  });

  it.each(APPS)('grpcurl describes every RPC of the %s service', async (app) => {
    const service = SERVICES[app];
    const described = await runCommand(grpcurl, ['-plaintext', address(app), 'describe', service.typeName]);
    const rpcs = described.stdout
      .split('\n')
      .filter((line) => line.trimStart().startsWith('rpc '))
      .map((line) => line.trim().replace(/ \{$/, ';'));
    const expected = service.methods
      .map((m) => {
        const output = `${m.methodKind === 'server_streaming' ? 'stream ' : ''}.${m.output.typeName}`;
        return `rpc ${m.name} ( .${m.input.typeName} ) returns ( ${output} );`;
      })
      .sort();
    expect([described.code, described.stdout.split('\n')[0], rpcs]).toEqual([
      0,
      `${service.typeName} is a service:`,
      expected,
    ]);
  });

  it('grpcurl calls indexer BulkRecord, configuration GetOption and query ParseMri', async () => {
    const recorded = await grpcurlJson('indexer', 'BulkRecord', {
      groups: [{ useCase: 'sessions', orgId: '7', strings: ['release', 'operators-bulk'] }],
    });
    expect(recorded).toEqual({
      groups: [
        {
          useCase: 'sessions',
          orgId: '7',
          results: [
            { string: 'release', id: RELEASE_ID, fetchType: 'FETCH_TYPE_HARDCODED' },
            {
              string: 'operators-bulk',
              id: expect.stringMatching(/^[1-9]\d*$/),
              fetchType: 'FETCH_TYPE_FIRST_SEEN',
            },
          ],
        },
      ],
    });
    expect(
      await grpcurlJson('configuration', 'GetOption', { name: 'sentry-metrics.indexer.disabled-namespaces' }),
    ).toMatchObject({
      option: {
        name: 'sentry-metrics.indexer.disabled-namespaces',
        type: 'OPTION_TYPE_STRING_LIST',
        value: { stringList: {} },
        isDefault: true,
      },
    });
    expect(await grpcurlJson('query', 'ParseMri', { mri: 'd:transactions/duration@millisecond' })).toEqual({
      parsed: {
        entity: 'd',
        namespace: 'transactions',
        name: 'duration',
        unit: 'millisecond',
        mri: 'd:transactions/duration@millisecond',
      },
    });
  });

  it.each(APPS.flatMap((app) => [[app, ''] as const, [app, SERVICES[app].typeName] as const]))(
    'grpc-health-probe reports %s healthy (service "%s")',
    async (app, service) => {
      const probe = await runCommand(healthProbe, ['-addr', address(app), '-service', service]);
      expect([probe.code, probe.stderr.trim()]).toEqual([0, 'status: SERVING']);
    },
  );

  it('answers Connect JSON POSTs on the HTTP port of each service', async () => {
    const first = await postJson('indexer', 'Record', {
      useCase: 'sessions',
      orgId: '7',
      string: 'operators-curl',
    });
    expect(first).toEqual({
      status: 200,
      body: {
        result: {
          string: 'operators-curl',
          id: expect.stringMatching(/^[1-9]\d*$/),
          fetchType: 'FETCH_TYPE_FIRST_SEEN',
        },
      },
    });
    const again = await postJson('indexer', 'Record', {
      useCase: 'sessions',
      orgId: '7',
      string: 'operators-curl',
    });
    const id = (first.body as { result: { id: string } }).result.id;
    expect(again.body).toEqual({
      result: { string: 'operators-curl', id, fetchType: 'FETCH_TYPE_CACHE_HIT' },
    });
    expect(await postJson('query', 'FormatMriField', { field: 'avg(c:transactions/foo@none)' })).toEqual({
      status: 200,
      body: { formatted: 'avg(foo)' },
    });
    expect(
      await postJson('configuration', 'GetOption', { name: 'sentry-metrics.indexer.disabled-namespaces' }),
    ).toMatchObject({
      status: 200,
      body: { option: { name: 'sentry-metrics.indexer.disabled-namespaces', isDefault: true } },
    });
    // Bad input is a Connect error with its HTTP status and the field at fault.
    expect(
      await postJson('query', 'ResolveTagValue', {
        useCase: 'sessions',
        orgId: '5',
        tagValue: 'a'.repeat(201),
      }),
    ).toEqual({
      status: 400,
      body: {
        code: 'invalid_argument',
        message: 'tag_value: longer than 200 code points',
        details: expect.any(Array),
      },
    });
  });

  it.each(APPS)('/metrics of %s counts handled calls in grpc_server_handled_total', async (app) => {
    const method = { indexer: 'Resolve', configuration: 'GetOption', query: 'ParseMri' }[app];
    const body = {
      indexer: { useCase: 'sessions', orgId: '7', string: 'release' },
      configuration: { name: 'sentry-metrics.indexer.disabled-namespaces' },
      query: { mri: 'c:custom/clicks@none' },
    }[app];
    const before = await handledTotal(app, method);
    await grpcurlJson(app, method, body);
    expect((await postJson(app, method, body)).status).toBe(200);
    expect(await handledTotal(app, method)).toBe(before + 2);
  });

  it('runs the generated Go and Python client examples against the suite', async () => {
    const result = await runCommand(process.execPath, ['clients/run-examples.mjs'], {
      cwd: ROOT,
      env: { MINDEX_INDEXER_ADDRESS: address('indexer'), MINDEX_QUERY_ADDRESS: address('query') },
      timeoutMs: 290_000,
    });
    const lines = result.stdout.trimEnd().split('\n');
    expect([result.code, lines.at(-1)], `${result.stdout}\n${result.stderr}`).toEqual([
      0,
      '2 passed, 0 failed',
    ]);
    console.log(`client examples: ${result.seconds.toFixed(1)} s`);
  }, 300_000);
});
