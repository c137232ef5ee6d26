// Measures the indexer cache's memory per mapping: fills the real cache module (from the indexer's build) with
// N mappings and compares the heap plus array buffers after full GCs. Run with --expose-gc; prints one JSON line.
import { TextDecoder, TextEncoder } from 'node:util';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

const { values } = parseArgs({
  options: { mappings: { type: 'string', default: '1000000' }, module: { type: 'string' } },
});
const mappings = Number(values.mappings);
if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
if (!values.module) throw new Error('--module <path of the built indexer-cache.js> is required');

const { createIndexerCache } = await import(pathToFileURL(values.module).href);
if (typeof createIndexerCache !== 'function')
  throw new Error(`${values.module} exports no createIndexerCache`);

const ORGS = 10;
const USE_CASE = 'transactions';
const encoder = new TextEncoder();
const decoder = new TextDecoder();
// Strings arrive decoded from protobuf bytes (flat strings), never as concatenation ropes: make them that way.
const decodedString = (text) => decoder.decode(encoder.encode(text));

function settle() {
  for (let i = 0; i < 4; i++) globalThis.gc();
  const usage = process.memoryUsage();
  return { heapUsed: usage.heapUsed, external: usage.external, rss: usage.rss };
}

const orgIds = Array.from({ length: ORGS }, (_, org) => 4_200_001n + BigInt(org));
const before = settle();
const cache = createIndexerCache({
  settings: () => ({ ttlSeconds: 7200, maxEntries: mappings, maxBytes: Number.MAX_SAFE_INTEGER }),
  now: Date.now,
  random: Math.random,
});
let totalLength = 0;
const started = Date.now();
for (let i = 0; i < mappings; i++) {
  const org = i % ORGS;
  const string = decodedString(`release-${org}.${i}@2.${i % 97}.0`);
  totalLength += string.length;
  cache.set(USE_CASE, orgIds[org], string, 1_000_000n + BigInt(i));
}
const fillMs = Date.now() - started;
const after = settle();

// The cache must really hold every mapping, or the number means nothing.
const probe = mappings - 1;
const probeId = cache.get(
  USE_CASE,
  orgIds[probe % ORGS],
  `release-${probe % ORGS}.${probe}@2.${probe % 97}.0`,
);
if (cache.size !== mappings || probeId !== 1_000_000n + BigInt(probe)) {
  throw new Error(`cache holds ${cache.size} of ${mappings} mappings (probe ${probeId})`);
}
const heapDelta = after.heapUsed - before.heapUsed;
const externalDelta = after.external - before.external;
console.log(
  JSON.stringify({
    mappings,
    averageStringLength: totalLength / mappings,
    bytesPerMapping: (heapDelta + externalDelta) / mappings,
    heapBytesPerMapping: heapDelta / mappings,
    externalBytesPerMapping: externalDelta / mappings,
    rssBytesPerMapping: (after.rss - before.rss) / mappings,
    cacheEstimatedBytesPerMapping: cache.estimatedBytes / mappings,
    fillMs,
  }),
);
