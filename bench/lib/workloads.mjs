import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { Buffer } from 'node:buffer';
import { commonStrings, indexer } from '@mindex/proto';

/**
 * Request workloads of the benchmark. A workload pre-encodes its requests (cold ones encode on demand, since
 * every request must carry new strings), tells how to prime a server so the measured calls are warm (stages of
 * calls, one stage after the other), and checks sampled responses of the real indexer. The same bytes go to the indexer and to the echo baselines.
 */

const SERVICE = indexer.IndexerService.typeName;
/** The gRPC path of an IndexerService method, e.g. "/mindex.indexer.v1.IndexerService/BulkRecord". */
export const methodPath = (name) => `/${SERVICE}/${name}`;

const FETCH_CODES = {
  [commonStrings.FetchType.UNSPECIFIED]: '-',
  [commonStrings.FetchType.CACHE_HIT]: 'c',
  [commonStrings.FetchType.HARDCODED]: 'h',
  [commonStrings.FetchType.DB_READ]: 'd',
  [commonStrings.FetchType.FIRST_SEEN]: 'f',
  [commonStrings.FetchType.RATE_LIMITED]: 'r',
};

const FIRST_ORG_ID = 4_200_001n;
const USE_CASE = 'transactions';

const encode = (schema, init) => Buffer.from(toBinary(schema, create(schema, init)));

/** Splits `count` strings over `orgs` groups as evenly as possible; `makeString(org, i)` names them. */
function orgGroups(count, orgs, makeString) {
  const groups = [];
  for (let org = 0; org < orgs; org++) {
    const size = Math.floor(count / orgs) + (org < count % orgs ? 1 : 0);
    const strings = Array.from({ length: size }, (_, i) => makeString(org, i));
    groups.push({ useCase: USE_CASE, orgId: FIRST_ORG_ID + BigInt(org), strings });
  }
  return groups;
}

/** Values like a tag value in a real bucket (release names, transaction names), 20-40 characters. */
const warmString = (seed, request, org, i) => `${seed}/release-${request}.${org}.${i}@2.${i % 97}.0`;

function countFetchTypes(results, into) {
  for (const result of results) {
    const code = FETCH_CODES[result.fetchType] ?? '?';
    into[code] = (into[code] ?? 0) + 1;
  }
}

function checkBulkRecord(groups, bytes, expectFetch) {
  const problems = [];
  const fetchTypes = {};
  const response = fromBinary(indexer.BulkRecordResponseSchema, bytes);
  if (response.groups.length !== groups.length) {
    problems.push(`BulkRecord answered ${response.groups.length} groups for ${groups.length}`);
    return { problems, fetchTypes };
  }
  response.groups.forEach((got, g) => {
    const sent = groups[g];
    if (got.orgId !== sent.orgId || got.results.length !== sent.strings.length) {
      problems.push(
        `group ${g}: org ${got.orgId} with ${got.results.length} results, sent ${sent.strings.length}`,
      );
      return;
    }
    countFetchTypes(got.results, fetchTypes);
    got.results.forEach((result, i) => {
      if (result.string !== sent.strings[i]) problems.push(`group ${g} result ${i} is for another string`);
      if (result.id === undefined) problems.push(`group ${g} result ${i} has no id`);
    });
  });
  const unexpected = Object.keys(fetchTypes).filter((code) => !expectFetch.includes(code));
  if (unexpected.length > 0)
    problems.push(`fetch types ${unexpected.join('')} where ${expectFetch} expected`);
  return { problems: problems.slice(0, 5), fetchTypes };
}

/** Warm BulkRecord: `distinct` fixed requests of `strings` strings over `orgs` orgs, recorded before timing. */
function bulkRecordWarm(spec) {
  const requests = Array.from({ length: spec.distinct }, (_, r) => {
    const groups = orgGroups(spec.strings, spec.orgs, (org, i) => warmString(spec.seed, r, org, i));
    return { groups, bytes: encode(indexer.BulkRecordRequestSchema, { groups }) };
  });
  return {
    method: methodPath('BulkRecord'),
    itemsPerCall: spec.strings,
    itemName: 'strings',
    primeStages: [requests.map((request) => ({ method: methodPath('BulkRecord'), bytes: request.bytes }))],
    next: (n) => requests[n % requests.length],
    check: (request, bytes) => checkBulkRecord(request.groups, bytes, ['c']),
  };
}

/** Cold BulkRecord: every request carries strings never sent before (unique per run via `prefix`). */
function bulkRecordCold(spec) {
  return {
    method: methodPath('BulkRecord'),
    itemsPerCall: spec.strings,
    itemName: 'strings',
    primeStages: [],
    next: (n) => {
      const groups = orgGroups(
        spec.strings,
        spec.orgs,
        (org, i) => `${spec.prefix}/release-${n}.${org}.${i}@2.0`,
      );
      return { groups, bytes: encode(indexer.BulkRecordRequestSchema, { groups }) };
    },
    check: (request, bytes) => checkBulkRecord(request.groups, bytes, ['f']),
  };
}

/** Warm Resolve: one string per call over `distinct` strings, recorded (one BulkRecord) and resolved once first. */
function resolveWarm(spec) {
  const groups = orgGroups(spec.distinct, spec.orgs, (org, i) => warmString(spec.seed, 'resolve', org, i));
  const requests = groups.flatMap((group) =>
    group.strings.map((string) => ({
      string,
      bytes: encode(indexer.ResolveRequestSchema, { useCase: group.useCase, orgId: group.orgId, string }),
    })),
  );
  // Interleave orgs so that consecutive calls hit different orgs.
  requests.sort((a, b) => hash(a.string) - hash(b.string));
  // Record first, then resolve each string once: a Resolve racing the insert would miss and go to the database.
  const primeStages = [
    [{ method: methodPath('BulkRecord'), bytes: encode(indexer.BulkRecordRequestSchema, { groups }) }],
    requests.map((request) => ({ method: methodPath('Resolve'), bytes: request.bytes })),
  ];
  return {
    method: methodPath('Resolve'),
    itemsPerCall: 1,
    itemName: 'calls',
    primeStages,
    next: (n) => requests[n % requests.length],
    check: (request, bytes) => {
      const { result } = fromBinary(indexer.ResolveResponseSchema, bytes);
      const fetchTypes = {};
      countFetchTypes(result ? [result] : [], fetchTypes);
      const problems = [];
      if (result?.id === undefined) problems.push(`Resolve of ${request.string} found no id`);
      else if (fetchTypes.c !== 1) problems.push(`Resolve of ${request.string} was not a cache hit`);
      return { problems, fetchTypes };
    },
  };
}

function hash(string) {
  let h = 2166136261;
  for (let i = 0; i < string.length; i++) h = Math.imul(h ^ string.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * Warm IndexBatch: `distinct` fixed batches of `buckets` buckets with `tags` tags each, half generic
 * (transactions distributions, raw tag values) and half release health (sessions counters, indexed tag values),
 * spread over `orgs` orgs. Each batch is sent once before timing so its strings are recorded and cached.
 */
function indexBatchWarm(spec) {
  const timestamp = BigInt(Math.floor(Date.now() / 10_000) * 10);
  const requests = Array.from({ length: spec.distinct }, (_, r) => {
    const buckets = Array.from({ length: spec.buckets }, (_, b) => {
      const sessions = b % 2 === 1;
      const tags = {};
      for (let t = 0; t < spec.tags; t++) tags[`bench_tag_${t}`] = `${spec.seed}-value-${r}.${b % 25}.${t}`;
      return {
        namespace: sessions ? 'sessions' : 'transactions',
        orgId: FIRST_ORG_ID + BigInt(b % spec.orgs),
        projectId: 1n + BigInt(b % 7),
        name: sessions
          ? `c:sessions/bench_${spec.seed}_${b % 10}@none`
          : `d:transactions/bench.${b % 10}@millisecond`,
        type: sessions ? 'c' : 'd',
        timestamp,
        tags,
        value: sessions
          ? { kind: { case: 'counter', value: 1 } }
          : { kind: { case: 'distribution', value: { values: [1.5, 2.5, 40] } } },
        retentionDays: 90,
      };
    });
    return { buckets, bytes: encode(indexer.IndexBatchRequestSchema, { buckets }) };
  });
  return {
    method: methodPath('IndexBatch'),
    itemsPerCall: spec.buckets,
    itemName: 'buckets',
    primeStages: [requests.map((request) => ({ method: methodPath('IndexBatch'), bytes: request.bytes }))],
    next: (n) => requests[n % requests.length],
    check: (request, bytes) => {
      const response = fromBinary(indexer.IndexBatchResponseSchema, bytes);
      const problems = [];
      const fetchTypes = {};
      if (response.outcomes.length !== request.buckets.length) {
        problems.push(
          `IndexBatch answered ${response.outcomes.length} outcomes for ${request.buckets.length}`,
        );
      }
      for (const [i, outcome] of response.outcomes.entries()) {
        if (outcome.outcome.case !== 'indexed') {
          problems.push(`bucket ${i} was ${outcome.outcome.case}: ${JSON.stringify(outcome.outcome.value)}`);
          continue;
        }
        for (const code of outcome.outcome.value.bucket?.mappingSources ?? '') {
          fetchTypes[code] = (fetchTypes[code] ?? 0) + 1;
        }
      }
      // Hardcoded ("h") ids come from shared strings such as the sessions tag keys; everything else is cached.
      const unexpected = Object.keys(fetchTypes).filter((code) => code !== 'c' && code !== 'h');
      if (unexpected.length > 0) problems.push(`mapping sources ${unexpected.join('')} where c expected`);
      return { problems: problems.slice(0, 5), fetchTypes };
    },
  };
}

const WORKLOADS = {
  'bulk-record-warm': bulkRecordWarm,
  'bulk-record-cold': bulkRecordCold,
  'resolve-warm': resolveWarm,
  'index-batch-warm': indexBatchWarm,
};

/** Builds the workload a plain, serializable spec describes (`{kind, ...parameters}`). */
export function createWorkload(spec) {
  const make = WORKLOADS[spec.kind];
  if (make === undefined) throw new Error(`unknown workload kind ${spec.kind}`);
  return make(spec);
}

/**
 * The documents the indexer would store for a request's strings, in its mapping collection's shape
 * (apps/indexer/src/store/mongo-mapping-store.ts), with ids from `nextId`.
 */
export function mappingDocuments(groups, nextId) {
  const now = new Date();
  return groups.flatMap((group) =>
    group.strings.map((string) => ({
      _id: nextId(),
      path: 'performance',
      useCase: group.useCase,
      orgId: group.orgId,
      string,
      dateAdded: now,
      lastSeen: now,
      retentionDays: 90,
    })),
  );
}
