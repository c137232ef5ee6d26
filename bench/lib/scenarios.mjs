/**
 * The benchmark's scenarios (issue 7). Each throughput scenario compares a subject with a baseline measured in
 * the same invocation, alternating the two (ABBA order) over several repetitions; the ratio is the median of the
 * per-repetition ratios. `needs` names the processes a scenario needs from the environment run.mjs builds;
 * `indexer2`, `indexerCold` and `replay` are started for their scenario only. Order matters on a shared
 * database: the scenarios that write most (cold inserts, IndexBatch with the cardinality limiter) run last.
 */

// `distinct` is how many different requests a warm workload cycles through (all recorded before timing); the
// smoke run uses fewer, to record less, but keeps every request's size.
const WARM_BULK = {
  kind: 'bulk-record-warm',
  seed: 'warm',
  strings: 1000,
  orgs: 10,
  distinct: 10,
  smokeDistinct: 2,
};
const RESOLVE = { kind: 'resolve-warm', seed: 'warm', distinct: 1000, orgs: 10, smokeDistinct: 200 };
const INDEX_BATCH = {
  kind: 'index-batch-warm',
  seed: 'warm',
  buckets: 100,
  tags: 8,
  orgs: 10,
  distinct: 10,
  smokeDistinct: 2,
};
const COLD_BULK = { kind: 'bulk-record-cold', strings: 1000, orgs: 10 };

/** A workload spec for a run: the smoke size, and a `prefix` unique to the run for cold workloads. */
const sized = (spec, run) => {
  const { smokeDistinct, ...rest } = spec;
  return run.smoke && smokeDistinct !== undefined ? { ...rest, distinct: smokeDistinct } : rest;
};

/** A gRPC load on `services` (spawned processes); their CPU per item is measured with the throughput. */
const grpcTo = (services, check) => ({
  driver: 'grpc',
  targets: services.map((service) => service.grpcAddress),
  cpuPids: services.map((service) => service.child.pid),
  check,
});

/**
 * The ceiling of a warm scenario: the indexer's responses, recorded and replayed by a bare grpc-js server
 * (bench/replay-server.mjs), against the echo. No indexer work, the indexer's response sizes.
 */
function transportReference(id, rpc, workload, measured) {
  return {
    id,
    title: `reference: ${rpc} answered with the indexer's recorded responses (no work) vs bare grpc-js echo`,
    measured,
    target: { kind: 'report' },
    needs: ['indexer', 'jsEcho', 'replay'],
    concurrency: 8,
    workload: (run) => sized(workload, run),
    prime: (env) => [env.indexer.grpcAddress],
    subject: { name: 'recorded responses', load: (env) => grpcTo([env.replay], 'service') },
    baseline: { name: 'grpc-js echo', load: (env) => grpcTo([env.jsEcho], 'echo') },
  };
}

export const SCENARIOS = [
  {
    id: 'reference-go-vs-js-echo',
    title: 'reference: bare grpc-go echo vs bare grpc-js echo (Resolve-sized calls, 64 in flight)',
    measured: 'calls/s',
    target: { kind: 'report' },
    needs: ['goEcho', 'jsEcho'],
    concurrency: 64,
    workload: (run) => sized(RESOLVE, run),
    subject: { name: 'grpc-go echo', load: (env) => grpcTo([env.goEcho], 'echo') },
    baseline: { name: 'grpc-js echo', load: (env) => grpcTo([env.jsEcho], 'echo') },
  },
  {
    id: 'warm-bulk-record',
    title: 'warm BulkRecord, 1,000 strings per request across 10 orgs, all cached',
    measured: 'strings/s',
    target: { kind: 'ratio-at-least', value: 0.7 },
    needs: ['indexer', 'jsEcho'],
    concurrency: 8,
    workload: (run) => sized(WARM_BULK, run),
    prime: (env) => [env.indexer.grpcAddress],
    subject: { name: 'indexer', load: (env) => grpcTo([env.indexer], 'service') },
    baseline: { name: 'grpc-js echo', load: (env) => grpcTo([env.jsEcho], 'echo') },
  },
  transportReference('reference-transport-bulk-record', 'warm BulkRecord', WARM_BULK, 'strings/s'),
  {
    id: 'warm-resolve',
    title: 'warm Resolve, one string per call, 64 calls in flight',
    measured: 'calls/s',
    target: { kind: 'ratio-at-least', value: 0.8 },
    needs: ['indexer', 'jsEcho'],
    concurrency: 64,
    workload: (run) => sized(RESOLVE, run),
    prime: (env) => [env.indexer.grpcAddress],
    subject: { name: 'indexer', load: (env) => grpcTo([env.indexer], 'service') },
    baseline: { name: 'grpc-js echo', load: (env) => grpcTo([env.jsEcho], 'echo') },
  },
  {
    id: 'scale-out',
    title: 'scale-out: warm BulkRecord with 2 indexer processes vs 1 (load split across both)',
    measured: 'strings/s',
    target: { kind: 'report' },
    needs: ['indexer', 'indexer2'],
    concurrency: 16,
    workload: (run) => sized(WARM_BULK, run),
    prime: (env) => [env.indexer.grpcAddress, env.indexer2.grpcAddress],
    subject: {
      name: '2 indexers',
      load: (env) => grpcTo([env.indexer, env.indexer2], 'service'),
    },
    baseline: { name: '1 indexer', load: (env) => grpcTo([env.indexer], 'service') },
  },
  {
    id: 'cold-bulk-record',
    title: 'cold BulkRecord of new strings, 1,000 per request',
    measured: 'strings/s',
    target: { kind: 'ratio-at-least', value: 0.6 },
    // Its own indexer on an empty database, so both sides insert into collections of the same size.
    needs: ['indexerCold', 'mongo'],
    // Each call inserts 1,000 documents; more in flight only queue up in FerretDB's single SQLite writer.
    concurrency: 2,
    // Every run, of either side, gets strings no run has used.
    workload: (run) => ({ ...COLD_BULK, prefix: `${run.invocation}-${run.side}${run.rep}` }),
    subject: {
      name: 'indexer (fresh database)',
      // Its CPU includes the database's, as the baseline's is the database's (when its process is known).
      load: (env) => ({
        ...grpcTo([env.indexerCold], 'service'),
        cpuPids: env.mongo.pid === undefined ? [] : [env.indexerCold.child.pid, env.mongo.pid],
      }),
    },
    baseline: {
      name: 'mongodb insertMany(ordered: false)',
      load: (env) => ({
        driver: 'mongo-insert-many',
        mongo: env.mongo.scratch,
        cpuPids: env.mongo.pid === undefined ? [] : [env.mongo.pid],
        check: 'service',
      }),
    },
  },
  {
    id: 'warm-index-batch',
    title: 'warm IndexBatch, 100 buckets per request, 8 tags each',
    measured: 'buckets/s',
    target: { kind: 'ratio-at-least', value: 0.5 },
    needs: ['indexer', 'jsEcho'],
    concurrency: 8,
    workload: (run) => sized(INDEX_BATCH, run),
    prime: (env) => [env.indexer.grpcAddress],
    subject: { name: 'indexer', load: (env) => grpcTo([env.indexer], 'service') },
    baseline: { name: 'grpc-js echo', load: (env) => grpcTo([env.jsEcho], 'echo') },
  },
  transportReference('reference-transport-index-batch', 'warm IndexBatch', INDEX_BATCH, 'buckets/s'),
  {
    id: 'cache-memory',
    title: 'cache memory at 1M mappings',
    measured: 'bytes per cached mapping',
    target: { kind: 'at-most', value: 200 },
    needs: ['indexerCache'],
    memory: true,
  },
];
