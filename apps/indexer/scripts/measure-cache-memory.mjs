// Measures what the in-process cache holds per entry at 1M entries (heap + typed arrays), against the
// estimate its byte bound uses. Run after a build: node --expose-gc apps/indexer/scripts/measure-cache-memory.mjs
/* global Buffer, TextDecoder */
import { createIndexerCache } from '../dist/indexer/indexer-cache.js';

const ENTRIES = Number(process.argv[2] ?? 1_000_000);
const ORGS = 1000;

function usage() {
  globalThis.gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, buffers: m.arrayBuffers };
}

// Typical strings: tag values and metric names of 20-40 characters, flat as protobuf decoding makes them.
const decoder = new TextDecoder();
function stringOf(i) {
  const text =
    i % 4 === 0 ? `d:transactions/measurement.custom_${i}@millisecond` : `tag-value-${i.toString(36)}-x`;
  return decoder.decode(Buffer.from(text));
}

const empty = usage();
const strings = Array.from({ length: ENTRIES }, (_, i) => stringOf(i));
const base = usage();
// The array holding them costs 8 bytes per element; the rest is the strings.
const stringsHeap = base.heap - empty.heap - 8 * ENTRIES;
const cache = createIndexerCache({
  now: () => 0,
  random: Math.random,
  settings: () => ({ ttlSeconds: 7200, maxEntries: ENTRIES, maxBytes: 2 ** 40 }),
});
for (let i = 0; i < ENTRIES; i++)
  cache.set(i % 2 ? 'spans' : 'custom', BigInt(i % ORGS), strings[i], BigInt(i + 1));
const after = usage();

const heap = after.heap - base.heap;
const buffers = after.buffers - base.buffers;
const avgChars = strings.reduce((n, s) => n + s.length, 0) / ENTRIES;
const perEntry = (heap + buffers) / ENTRIES;
console.log(
  JSON.stringify(
    {
      entries: cache.size,
      averageStringChars: Number(avgChars.toFixed(1)),
      cacheHeapMiB: Number((heap / 2 ** 20).toFixed(1)),
      cacheTypedArraysMiB: Number((buffers / 2 ** 20).toFixed(1)),
      bytesPerEntryExcludingStrings: Math.round(perEntry),
      bytesPerKeyString: Math.round(stringsHeap / ENTRIES),
      bytesPerEntryIncludingString: Math.round(perEntry + stringsHeap / ENTRIES),
      estimatedBytesPerEntry: Math.round(cache.estimatedBytes / ENTRIES),
    },
    null,
    2,
  ),
);
