// Warm and cold BulkRecord throughput (strings per second, 1,000 strings per request) against the built
// service on FerretDB, with a grpc-js client sending pre-encoded requests from this process.
// Build first (npx tsc -b tsconfig.json), then: node apps/indexer/scripts/bench-bulk-record.mjs [runs] [cold requests]
// MONGODB_URI=... uses that server instead of starting FerretDB.
/* global performance, Buffer */
import { fileURLToPath } from 'node:url';
import { create, toBinary, fromBinary } from '@bufbuild/protobuf';
import { Client, credentials } from '@grpc/grpc-js';
import { startFerretDb } from '@mindex/devtools';
import { indexer } from '@mindex/proto';
import { spawnService } from '@mindex/testing';

const RUNS = Number(process.argv[2] ?? 3);
// FerretDB scans a collection for each query, so cold requests slow down as it grows: keep this small.
const COLD_REQUESTS = Number(process.argv[3] ?? 10);
const STRINGS_PER_REQUEST = 1000;
const IN_FLIGHT = 8;
const WARM_SECONDS = 5;
const METHOD = '/mindex.indexer.v1.IndexerService/BulkRecord';

const ferret = process.env.MONGODB_URI ? undefined : await startFerretDb();
const uri = process.env.MONGODB_URI ?? ferret.uri;
const service = await spawnService({
  entry: fileURLToPath(new URL('../dist/main.js', import.meta.url)),
  env: {
    MONGODB_URI: uri,
    INDEXER_MONGODB_DATABASE: `mindex_indexer_bench_${Date.now()}`,
    INDEXER_GRPC_PORT: '0',
    INDEXER_HTTP_PORT: '0',
    LOG_LEVEL: 'warn',
  },
});
const echo = await spawnService({ entry: fileURLToPath(new URL('./echo-server.mjs', import.meta.url)) });
const clients = {
  indexer: new Client(service.grpcAddress, credentials.createInsecure()),
  echo: new Client(echo.grpcAddress, credentials.createInsecure()),
};
let client = clients.indexer;
const call = (bytes) =>
  new Promise((resolve, reject) =>
    client.makeUnaryRequest(
      METHOD,
      (b) => b,
      (b) => b,
      bytes,
      (error, response) => (error ? reject(error) : resolve(response)),
    ),
  );

let sequence = 0;
function request(prefix) {
  const strings = Array.from({ length: STRINGS_PER_REQUEST }, (_, i) => `${prefix}-${i}`);
  return Buffer.from(
    toBinary(
      indexer.BulkRecordRequestSchema,
      create(indexer.BulkRecordRequestSchema, { groups: [{ useCase: 'custom', orgId: 1n, strings }] }),
    ),
  );
}

async function warm() {
  const bytes = request(`warm-${sequence++}`);
  const first = await call(bytes);
  if (client === clients.indexer) {
    const response = fromBinary(indexer.BulkRecordResponseSchema, first);
    if (response.groups[0].results.some((r) => r.id === undefined))
      throw new Error('warm-up was rate limited');
  }
  let done = 0;
  const end = performance.now() + WARM_SECONDS * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (performance.now() < end) {
        await call(bytes);
        done++;
      }
    }),
  );
  return (done * STRINGS_PER_REQUEST) / ((performance.now() - start) / 1000);
}

async function cold() {
  const requests = Array.from({ length: COLD_REQUESTS }, () => request(`cold-${sequence++}`));
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < requests.length) await call(requests[next++]);
    }),
  );
  return (COLD_REQUESTS * STRINGS_PER_REQUEST) / ((performance.now() - start) / 1000);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = { warm: [], cold: [], echo: [] };
try {
  for (let run = 0; run < RUNS; run++) {
    client = clients.indexer;
    results.cold.push(await cold());
    results.warm.push(await warm());
    client = clients.echo;
    results.echo.push(await warm());
  }
} finally {
  for (const c of Object.values(clients)) c.close();
  await echo.stop();
  await service.stop();
  await ferret?.stop();
}
const summary = (values) => ({
  median: Math.round(median(values)),
  min: Math.round(Math.min(...values)),
  max: Math.round(Math.max(...values)),
});
console.log(
  JSON.stringify(
    {
      stringsPerRequest: STRINGS_PER_REQUEST,
      inFlight: IN_FLIGHT,
      runs: RUNS,
      warmStringsPerSecond: summary(results.warm),
      coldStringsPerSecond: summary(results.cold),
      bareEchoStringsPerSecond: summary(results.echo),
      warmOverEcho: Number((median(results.warm) / median(results.echo)).toFixed(2)),
    },
    null,
    2,
  ),
);
