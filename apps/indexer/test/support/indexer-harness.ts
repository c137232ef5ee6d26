import { optionValueFromJson, getOptionDefinition, type OptionValue } from '@mindex/runtime-options';
import { createUseCaseRegistry } from '@mindex/use-case-registry';
import { createIndexerCore, mappingScopeOf, type IndexerCore } from '../../src/create-indexer-core.js';
import { createDatabaseIndexer } from '../../src/indexer/database-indexer.js';
import { createIdAllocator } from '../../src/indexer/id-allocator.js';
import type { StringIndexer } from '../../src/indexer/string-indexer.js';
import type { CardinalityStore } from '../../src/limiters/cardinality-store.js';
import { createMemoryCardinalityStore } from '../../src/limiters/memory-cardinality-store.js';
import { createMemoryWindowStore } from '../../src/limiters/memory-window-store.js';
import type { WindowStore } from '../../src/limiters/window-store.js';
import { createWritesLimiter } from '../../src/limiters/writes-limiter.js';
import { createSlidingWindowLimiter } from '../../src/limiters/sliding-window-limiter.js';
import { createIndexerOptions, type IndexerOptions } from '../../src/options/indexer-options.js';
import type { IdBlockSource, MappingStore } from '../../src/store/mapping-store.js';
import { createMemoryIdBlockSource, createMemoryMappingStore } from '../../src/store/memory-mapping-store.js';
import type { MetricsBlocking } from '../../src/index-batch/metrics-blocking.js';

/** A settable clock, in milliseconds. */
export interface TestClock {
  now(): number;
  set(ms: number): void;
  advance(ms: number): void;
}

export function createTestClock(startMs = Date.UTC(2024, 5, 1)): TestClock {
  let now = startMs;
  return { now: () => now, set: (ms) => (now = ms), advance: (ms) => (now += ms) };
}

/** Option values in Sentry's JSON form, e.g. `{ 'sentry-metrics.writes-limiter.limits.spans.per-org': [...] }`. */
export type JsonOptions = Record<string, unknown>;

/** Converts Sentry-JSON option values to typed ones (throws on a bad test fixture). */
export function typedOptions(values: JsonOptions): Map<string, OptionValue> {
  const typed = new Map<string, OptionValue>();
  for (const [name, json] of Object.entries(values)) {
    const definition = getOptionDefinition(name);
    if (definition === undefined) throw new Error(`unknown option ${name}`);
    const parsed = optionValueFromJson(definition.type, json);
    if (!parsed.ok) throw new Error(`bad fixture for ${name}: ${parsed.error.message}`);
    typed.set(name, parsed.value);
  }
  return typed;
}

/** Everything a test needs around one indexer stack. */
export interface IndexerHarness {
  core: IndexerCore;
  /** The full stack: static strings → cache → database. */
  indexer: StringIndexer;
  /** The database layer alone (no static strings, no cache), as Sentry's tests use the raw indexer. */
  raw: StringIndexer;
  clock: TestClock;
  options: IndexerOptions;
  /** Replaces the runtime options (as a configuration snapshot would). */
  setOptions(values: JsonOptions): void;
  close(): Promise<void>;
}

export interface HarnessStores {
  /** Projects' blocked metrics and tags (none: nothing blocked). */
  blocking?: MetricsBlocking;
  mappings: MappingStore;
  idSource: IdBlockSource;
  windows: WindowStore;
  cardinality: CardinalityStore;
  close?: () => Promise<void>;
}

let optionsVersion = 0n;

/** Builds the indexer stack over the given stores with a test clock and settable options. */
export function createHarness(
  stores: HarnessStores,
  initialOptions: JsonOptions = {},
  clock: TestClock = createTestClock(),
): IndexerHarness {
  const registry = createUseCaseRegistry();
  const options = createIndexerOptions(typedOptions(initialOptions), registry);
  const core = createIndexerCore({
    ...stores,
    registry,
    options: () => options.current(),
    now: clock.now,
    random: () => 0.5,
  });
  const raw = createDatabaseIndexer({
    store: stores.mappings,
    ids: createIdAllocator(stores.idSource),
    writesLimiter: createWritesLimiter({
      limiter: createSlidingWindowLimiter(stores.windows),
      optionNames: (useCase) => registry.writesLimitOptionNames(useCase),
      quotaList: () => [],
    }),
    scopeOf: (useCase) => mappingScopeOf(registry, useCase),
    onRead: () => undefined,
    now: clock.now,
    retentionDays: 90,
  });
  return {
    core,
    indexer: core.indexer,
    raw,
    clock,
    options,
    setOptions(values) {
      options.applySnapshot(typedOptions(values), ++optionsVersion);
    },
    close: async () => stores.close?.(),
  };
}

/** The harness over in-memory stores. */
export function createMemoryHarness(
  initialOptions: JsonOptions = {},
  blocking?: MetricsBlocking,
): IndexerHarness {
  const clock = createTestClock();
  return createHarness(
    {
      blocking,
      mappings: createMemoryMappingStore(),
      idSource: createMemoryIdBlockSource(),
      windows: createMemoryWindowStore(),
      cardinality: createMemoryCardinalityStore(),
    },
    initialOptions,
    clock,
  );
}
