import { fromBinary, toBinary, type DescMethod, type DescService } from '@bufbuild/protobuf';
import type { Client } from '@connectrpc/connect';
import { Metadata } from '@grpc/grpc-js';
import { configuration, indexer, query } from '@mindex/proto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attempt, grpcClient, type CallOutcome, type QueryClient } from './support/clients.js';
import { ADMIN, ADMIN_TOKEN, launchCluster, type Cluster } from './support/cluster.js';
import { reportFigure, tally } from './support/figures.js';
import { hostileBytes, hostileMessage } from './support/hostile-arbitraries.js';
import { leaksIn } from './support/leaks.js';
import { createRawClient, postConnectBytes, type RawClient } from './support/raw-client.js';
import { chaosSeed } from './support/seeded-random.js';
import type { ManagedService } from './support/services.js';

// Property-based fuzzing of every RPC of the three services, typed (hostile field values) and raw (garbage,
// truncated and corrupted protobuf bytes on both ports): no crash, no INTERNAL (or any other server fault),
// no hang, and every rejection says what was wrong. CHAOS_FUZZ_RUNS sets the cases per property.
const RUNS = Number(process.env['CHAOS_FUZZ_RUNS'] ?? 40);
const SEED = chaosSeed();
const CALL_TIMEOUT_MS = 10_000;
// A watch with nothing to report stays open and silent; it is only read this long.
const STREAM_READ_MS = 1500;

// Answers a service may give to bad input. Anything else (INTERNAL, UNKNOWN, UNAVAILABLE with the database
// up, DEADLINE_EXCEEDED, UNIMPLEMENTED ...) is a fault of the service.
const ACCEPTABLE = new Set([
  'OK',
  'InvalidArgument',
  'NotFound',
  'FailedPrecondition',
  'OutOfRange',
  'Aborted',
  'AlreadyExists',
  'ResourceExhausted',
]);
// An INVALID_ARGUMENT names the field: "groups[0].strings[3]: longer than 200 code points".
const NAMES_A_FIELD = /^[A-Za-z_][^:]*: \S/s;

type AppName = 'indexer' | 'configuration' | 'query';
const SERVICES: readonly { app: AppName; service: DescService }[] = [
  { app: 'indexer', service: indexer.IndexerService },
  { app: 'configuration', service: configuration.ConfigurationService },
  { app: 'query', service: query.QueryService },
];
const METHODS = SERVICES.flatMap(({ app, service }) => service.methods.map((method) => ({ app, method })));

/** What is wrong with an answer to hostile input; empty when it is a proper answer. */
function faultsOf(code: string, message: string): string[] {
  const faults: string[] = [];
  if (!ACCEPTABLE.has(code)) faults.push(`${code}: ${JSON.stringify(message)}`);
  else if (code !== 'OK' && message.trim() === '') faults.push(`${code} without a message`);
  else if (code === 'InvalidArgument' && !NAMES_A_FIELD.test(message))
    faults.push(`InvalidArgument that names no field: ${JSON.stringify(message)}`);
  for (const leak of leaksIn(message)) faults.push(`${code} leaks ${leak}: ${JSON.stringify(message)}`);
  return faults;
}

/** Checks an OK answer against its request where the contract says how (one result per string ...). */
function shapeFaults(method: DescMethod, request: unknown, response: unknown): string[] {
  const req = request as Record<string, unknown>;
  const res = response as Record<string, unknown>;
  const groupsMatch = () => {
    const asked = req['groups'] as { strings: string[] }[];
    const answered = res['groups'] as { results: { string: string }[] }[];
    if (asked.length !== answered.length)
      return [`${asked.length} groups asked, ${answered.length} answered`];
    return asked.flatMap((group, g) =>
      group.strings.length !== answered[g]!.results.length ||
      group.strings.some((s, i) => answered[g]!.results[i]!.string !== s)
        ? [`group ${g}: results do not match the strings asked`]
        : [],
    );
  };
  switch (method.name) {
    case 'BulkRecord':
    case 'BulkResolve':
      return groupsMatch();
    case 'IndexBatch':
      return (res['outcomes'] as unknown[]).length === (req['buckets'] as unknown[]).length
        ? []
        : ['not one outcome per bucket'];
    case 'UpdateMetricBlocking':
    case 'GetMetricsBlockingState':
      return (res['projects'] as unknown[]).length === (req['projectIds'] as unknown[]).length
        ? []
        : ['not one answer per project'];
    default:
      return [];
  }
}

describe('hostile input: property-based fuzzing of every RPC', () => {
  let cluster: Cluster;
  const raw = new Map<AppName, RawClient>();
  const typed = new Map<AppName, Client<DescService>>();
  const cases = new Map<string, number>();
  const codes: string[] = [];
  const count = (key: string) => cases.set(key, (cases.get(key) ?? 0) + 1);
  const serviceOf = (app: AppName): ManagedService => cluster[app];

  beforeAll(async () => {
    cluster = await launchCluster({ mongodbUri: process.env['MONGODB_URI']! });
    for (const { app, service } of SERVICES) {
      raw.set(app, createRawClient(serviceOf(app).grpcAddress));
      typed.set(app, grpcClient(service, serviceOf(app).grpcAddress) as Client<DescService>);
    }
  });

  afterAll(async () => {
    for (const client of raw.values()) client.close();
    const total = [...cases.values()].reduce((a, b) => a + b, 0);
    reportFigure('hostile-input', {
      seed: SEED,
      runsPerProperty: RUNS,
      rpcs: METHODS.length,
      totalCases: total,
      typedCases: [...cases].filter(([k]) => k.startsWith('typed')).reduce((a, [, n]) => a + n, 0),
      rawGrpcCases: [...cases].filter(([k]) => k.startsWith('raw-grpc')).reduce((a, [, n]) => a + n, 0),
      rawConnectCases: [...cases].filter(([k]) => k.startsWith('raw-connect')).reduce((a, [, n]) => a + n, 0),
      codes: tally(codes),
    });
    await cluster?.stop();
  });

  /** One typed call (server streams: the first event), with the admin token so validation is reached. */
  async function callTyped(
    app: AppName,
    method: DescMethod,
    request: unknown,
  ): Promise<CallOutcome<unknown>> {
    const client = typed.get(app)! as unknown as Record<string, (r: unknown, o: object) => unknown>;
    const options = { ...ADMIN, timeoutMs: CALL_TIMEOUT_MS };
    if (method.methodKind === 'server_streaming') {
      const abort = new AbortController();
      const outcome = await attempt(async () => {
        const stream = client[method.localName]!(request, {
          ...options,
          timeoutMs: STREAM_READ_MS,
          signal: abort.signal,
        }) as AsyncIterable<unknown>;
        for await (const event of stream) {
          abort.abort();
          return event;
        }
        return undefined;
      });
      // Still open and silent when the read ended: a proper watch.
      return outcome.code === 'DeadlineExceeded' ? { ...outcome, code: 'OK', message: '' } : outcome;
    }
    return attempt(() => client[method.localName]!(request, options) as Promise<unknown>);
  }

  it.each(METHODS.map(({ app, method }) => [`${method.parent.name}/${method.name}`, app, method] as const))(
    '%s survives hostile field values and names what was wrong',
    async (_name, app, method) => {
      const failures: string[] = [];
      await fc.assert(
        fc.asyncProperty(hostileMessage(method.input), async (request) => {
          // What the server decodes (lone surrogates become U+FFFD on the wire).
          const sent = fromBinary(method.input, toBinary(method.input, request));
          const outcome = await callTyped(app, method, request);
          count(`typed ${app}`);
          codes.push(outcome.code);
          const faults = faultsOf(outcome.code, outcome.message);
          if (outcome.code === 'OK' && method.methodKind === 'unary')
            faults.push(...shapeFaults(method, sent, outcome.value));
          if (faults.length > 0) failures.push(`${faults.join('; ')} <- ${describeRequest(method, sent)}`);
        }),
        { numRuns: RUNS, seed: SEED },
      );
      expect(serviceOf(app).unexpectedExits).toEqual([]);
      expect(distinctFaults(failures)).toEqual([]);
    },
  );

  it.each(SERVICES.map(({ app }) => app))(
    'the %s answers garbage, truncated and corrupted protobuf on the gRPC port without a server fault',
    async (app) => {
      const service = SERVICES.find((s) => s.app === app)!.service;
      const failures: string[] = [];
      const metadata = new Metadata();
      metadata.set('authorization', `Bearer ${ADMIN_TOKEN}`);
      for (const method of service.methods) {
        const path = `/${service.typeName}/${method.name}`;
        await fc.assert(
          fc.asyncProperty(hostileBytes(method.input), async (bytes) => {
            const streaming = method.methodKind === 'server_streaming';
            const outcome = streaming
              ? await raw.get(app)!.callStream(path, bytes, { timeoutMs: STREAM_READ_MS, metadata })
              : await raw.get(app)!.call(path, bytes, { timeoutMs: CALL_TIMEOUT_MS, metadata });
            count(`raw-grpc ${app}`);
            const silentWatch = streaming && outcome.codeName === 'DEADLINE_EXCEEDED';
            const code = silentWatch ? 'OK' : (GRPC_TO_CONNECT[outcome.codeName] ?? outcome.codeName);
            codes.push(code);
            const faults = faultsOf(code, silentWatch ? '' : outcome.details);
            if (faults.length > 0) failures.push(`${faults.join('; ')} <- ${method.name} ${hex(bytes)}`);
          }),
          { numRuns: RUNS, seed: SEED },
        );
      }
      expect(serviceOf(app).unexpectedExits).toEqual([]);
      // One line per distinct fault, with an example input.
      expect(distinctFaults(failures)).toEqual([]);
    },
  );

  it.each(SERVICES.map(({ app }) => app))(
    'the %s answers garbage protobuf and JSON on the Connect HTTP port without a server fault',
    async (app) => {
      const service = SERVICES.find((s) => s.app === app)!.service;
      const failures: string[] = [];
      const address = `127.0.0.1:${serviceOf(app).httpPort}`;
      for (const method of service.methods.filter((m) => m.methodKind === 'unary')) {
        const path = `/${service.typeName}/${method.name}`;
        const body = fc.oneof(
          hostileBytes(method.input).map((bytes) => ({ type: 'application/proto', bytes })),
          fc
            .oneof(
              fc.json(),
              fc.string(),
              fc.constantFrom('{', '{"groups": 5}', '{"orgId": "-1"}', '[]', 'null', '{"a":'),
            )
            .map((text) => ({ type: 'application/json', bytes: new TextEncoder().encode(text) })),
        );
        await fc.assert(
          fc.asyncProperty(body, async ({ type, bytes }) => {
            const outcome = await postConnectBytes(address, path, bytes, type, ADMIN.headers);
            count(`raw-connect ${app}`);
            const code = CONNECT_TO_NAME[outcome.code] ?? outcome.code;
            codes.push(code);
            const faults = faultsOf(code, outcome.message);
            if (faults.length > 0)
              failures.push(`${faults.join('; ')} <- ${method.name} ${type} ${hex(bytes)}`);
          }),
          { numRuns: Math.max(5, Math.ceil(RUNS / 4)), seed: SEED },
        );
      }
      expect(serviceOf(app).unexpectedExits).toEqual([]);
      expect(distinctFaults(failures)).toEqual([]);
    },
  );

  it('keeps every service alive and healthy after the fuzzing', async () => {
    for (const { app } of SERVICES) {
      const outcome = await raw
        .get(app)!
        .call('/grpc.health.v1.Health/Check', new Uint8Array(), { timeoutMs: 5000 });
      expect([app, outcome.codeName, outcome.response?.toString('hex')]).toEqual([app, 'OK', '0801']);
      expect(serviceOf(app).unexpectedExits).toEqual([]);
    }
  });
});

// Inputs the fuzzing found (or the issue names) pinned as plain cases, so they fail or pass on every run
// whatever the seed.
describe('hostile input: pinned cases', () => {
  const LONG = 'a'.repeat(201);
  const T = { timeoutMs: CALL_TIMEOUT_MS };
  let cluster: Cluster;
  const now = BigInt(Math.floor(Date.now() / 1000) - 3600);
  const good = {
    namespace: 'custom',
    orgId: 5n,
    projectId: 1n,
    name: 'c:custom/pinned@none',
    type: 'c',
    timestamp: now,
    value: { kind: { case: 'counter' as const, value: 1 } },
  };

  beforeAll(async () => {
    cluster = await launchCluster({ mongodbUri: process.env['MONGODB_URI']! });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it.each([
    ['a timestamp past year 9999', { ...good, timestamp: (1n << 64n) - 1n }],
    ['a project id above 2^63-1', { ...good, projectId: (1n << 64n) - 1n }],
  ])(
    'IndexBatch answers a bucket with %s as invalid, and indexes the good bucket beside it',
    async (_name, bad) => {
      const client = grpcClient(indexer.IndexerService, cluster.indexer.grpcAddress);
      const outcome = await attempt(() =>
        client.indexBatch({ buckets: [bad, good] }, { timeoutMs: CALL_TIMEOUT_MS }),
      );
      expect([outcome.code, outcome.message]).toEqual(['OK', '']);
      expect(outcome.value?.outcomes.map((o) => o.outcome.case)).toEqual(['invalid', 'indexed']);
    },
  );

  it.each([
    [
      'ResolveTagValue',
      'tag_value',
      (c: QueryClient): Promise<unknown> =>
        c.resolveTagValue({ useCase: 'sessions', orgId: 5n, tagValue: LONG }, T),
    ],
    [
      'ResolveTagKey',
      'tag_key',
      (c: QueryClient): Promise<unknown> =>
        c.resolveTagKey({ useCase: 'sessions', orgId: 5n, tagKey: LONG }, T),
    ],
    [
      'ResolveWeak',
      'string',
      (c: QueryClient): Promise<unknown> =>
        c.resolveWeak({ useCase: 'sessions', orgId: 5n, string: LONG }, T),
    ],
  ] as const)(
    'query %s answers a 201-code-point string with INVALID_ARGUMENT naming %s',
    async (_rpc, field, call) => {
      const outcome = await attempt(() => call(grpcClient(query.QueryService, cluster.query.grpcAddress)));
      expect(outcome.code).toBe('InvalidArgument');
      expect(outcome.message).toMatch(new RegExp(`^${field}: `));
    },
  );

  it.each(['indexer', 'configuration', 'query'] as const)(
    'the %s answers truncated protobuf with INVALID_ARGUMENT on both ports',
    async (app) => {
      const service = SERVICES.find((s) => s.app === app)!.service;
      const method = service.methods[0]!;
      const path = `/${service.typeName}/${method.name}`;
      // Field 1, length-delimited, 16 bytes announced, 1 present.
      const truncated = Uint8Array.of(0x0a, 0x10, 0x01);
      const client = createRawClient(cluster[app].grpcAddress);
      const grpc = await client.call(path, truncated, { timeoutMs: CALL_TIMEOUT_MS });
      client.close();
      const connect = await postConnectBytes(`127.0.0.1:${cluster[app].httpPort}`, path, truncated);
      expect([grpc.codeName, connect.code]).toEqual(['INVALID_ARGUMENT', 'invalid_argument']);
      expect(grpc.details).not.toBe('');
      expect(connect.message).not.toBe('');
    },
  );
});

/** Failures ("<fault> <- <input>") grouped by fault, each with its count and first example input. */
function distinctFaults(failures: readonly string[]): string[] {
  const byFault = new Map<string, { example: string; count: number }>();
  for (const failure of failures) {
    const [fault = failure, input = ''] = failure.split(' <- ');
    const seen = byFault.get(fault);
    if (seen) seen.count++;
    else byFault.set(fault, { example: input, count: 1 });
  }
  return [...byFault].map(([fault, { example, count }]) => `${fault} (${count}x, e.g. ${example})`);
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').slice(0, 120);

/** A request as JSON for the report (bigints as strings, long strings shortened). */
function describeRequest(method: DescMethod, request: unknown): string {
  const json = JSON.stringify(request, (key, value: unknown) => {
    if (key === '$typeName') return undefined;
    if (typeof value === 'bigint') return `${value}n`;
    if (typeof value === 'string' && value.length > 60)
      return `${value.slice(0, 20)}…(${[...value].length} code points)`;
    return value;
  });
  return `${method.name} ${json.length > 600 ? `${json.slice(0, 600)}…` : json}`;
}

// grpc-js status names → Connect code names, and Connect's JSON error codes → the same names.
const GRPC_TO_CONNECT: Record<string, string> = {
  OK: 'OK',
  CANCELLED: 'Canceled',
  UNKNOWN: 'Unknown',
  INVALID_ARGUMENT: 'InvalidArgument',
  DEADLINE_EXCEEDED: 'DeadlineExceeded',
  NOT_FOUND: 'NotFound',
  ALREADY_EXISTS: 'AlreadyExists',
  PERMISSION_DENIED: 'PermissionDenied',
  RESOURCE_EXHAUSTED: 'ResourceExhausted',
  FAILED_PRECONDITION: 'FailedPrecondition',
  ABORTED: 'Aborted',
  OUT_OF_RANGE: 'OutOfRange',
  UNIMPLEMENTED: 'Unimplemented',
  INTERNAL: 'Internal',
  UNAVAILABLE: 'Unavailable',
  DATA_LOSS: 'DataLoss',
  UNAUTHENTICATED: 'Unauthenticated',
};
const CONNECT_TO_NAME: Record<string, string> = Object.fromEntries(
  Object.entries(GRPC_TO_CONNECT).map(([grpc, name]) => [grpc.toLowerCase(), name]),
);
CONNECT_TO_NAME['ok'] = 'OK';
CONNECT_TO_NAME['canceled'] = 'Canceled';
