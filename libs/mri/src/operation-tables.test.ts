import { describe, expect, it } from 'vitest';
import {
  AVAILABLE_GENERIC_OPERATIONS,
  AVAILABLE_OPERATIONS,
  OPERATIONS_TO_ENTITY,
} from './available-operations.js';
import { OPERATIONS, OPERATIONS_PERCENTILES } from './metric-operations.js';
import { OP_REGEX, OP_REGEX_OPERATIONS } from './op-regex.js';
import { GENERIC_OP_TO_SNUBA_FUNCTION, OP_TO_SNUBA_FUNCTION } from './snuba-functions.js';

// Python sorts str by code point; for these ASCII names that is JS's default sort.
const sortedKeys = (table: Readonly<Record<string, string>>) => Object.keys(table).sort();

describe('operation tables (spec §3.1)', () => {
  it.each(Object.entries(OP_TO_SNUBA_FUNCTION))(
    'AVAILABLE_OPERATIONS[%s] is its sorted ops',
    (entity, table) => {
      expect(AVAILABLE_OPERATIONS[entity as keyof typeof AVAILABLE_OPERATIONS]).toEqual(sortedKeys(table));
    },
  );

  it.each(Object.entries(GENERIC_OP_TO_SNUBA_FUNCTION))(
    'AVAILABLE_GENERIC_OPERATIONS[%s] is its sorted ops',
    (entity, table) => {
      expect(AVAILABLE_GENERIC_OPERATIONS[entity as keyof typeof AVAILABLE_GENERIC_OPERATIONS]).toEqual(
        sortedKeys(table),
      );
    },
  );

  it.each([
    ['metrics_distributions', 'p50', 'quantilesIf(0.50)'],
    ['metrics_distributions', 'p99', 'quantilesIf(0.99)'],
    ['metrics_distributions', 'histogram', 'histogramIf(250)'],
    ['metrics_sets', 'count_unique', 'uniqIf'],
    ['metrics_counters', 'sum', 'sumIf'],
  ] as const)('maps %s %s to %s', (entity, op, fn) => {
    expect(OP_TO_SNUBA_FUNCTION[entity][op]).toBe(fn);
  });

  it('gives gauges a plain avg and lastIf', () => {
    expect(GENERIC_OP_TO_SNUBA_FUNCTION.generic_metrics_gauges).toEqual({
      min: 'minIf',
      max: 'maxIf',
      sum: 'sumIf',
      count: 'countIf',
      last: 'lastIf',
      avg: 'avg',
    });
  });

  it('builds OPERATIONS_TO_ENTITY with later entities overwriting earlier ones', () => {
    const built: Record<string, string> = {};
    for (const [entity, ops] of Object.entries(AVAILABLE_OPERATIONS))
      for (const op of ops) built[op] = entity;
    expect(OPERATIONS_TO_ENTITY).toEqual(built);
    expect(OPERATIONS_TO_ENTITY['sum']).toBe('metrics_distributions');
    expect(OPERATIONS_TO_ENTITY['min_timestamp']).toBe('metrics_sets');
  });

  it('builds OP_REGEX over the 15 ops of both tables, without p100', () => {
    const all = new Set([
      ...Object.values(OP_TO_SNUBA_FUNCTION).flatMap(Object.keys),
      ...Object.values(GENERIC_OP_TO_SNUBA_FUNCTION).flatMap(Object.keys),
    ]);
    expect([...OP_REGEX_OPERATIONS].sort()).toEqual([...all].sort());
    expect(OP_REGEX_OPERATIONS).toHaveLength(15);
    expect(OP_REGEX).not.toContain('p100');
  });

  it('lists the percentiles with p100 and OPERATIONS in the reference order', () => {
    expect(OPERATIONS_PERCENTILES).toEqual(['p50', 'p75', 'p90', 'p95', 'p99', 'p100']);
    expect(OPERATIONS.slice(0, 13)).toEqual([
      'avg',
      'count_unique',
      'count',
      'max',
      'min',
      'sum',
      'last',
      'p50',
      'p75',
      'p90',
      'p95',
      'p99',
      'p100',
    ]);
    expect(OPERATIONS[13]).toBe('histogram');
  });
});
