import { describe, expect, it } from 'vitest';
import { getAvailableOperations } from './get-available-operations.js';
import { parseMri } from './parse-mri.js';
import type { ParsedMri } from './parsed-mri.js';
import {
  ENTITY_KEY_MAPPING_GENERIC,
  ENTITY_KEY_MAPPING_NON_GENERIC,
  SNUBA_ENTITY_TO_ENTITY_LETTER,
} from './snuba-entity.js';
import { snubaEntityForMri } from './snuba-entity-for-mri.js';

function mri(s: string): ParsedMri {
  const parsed = parseMri(s);
  if (parsed === null) throw new Error(`test MRI ${s} does not parse`);
  return parsed;
}

const COUNTER = ['max_timestamp', 'min_timestamp', 'sum'];
const DISTRIBUTION = [
  'avg',
  'count',
  'histogram',
  'max',
  'max_timestamp',
  'min',
  'min_timestamp',
  'p50',
  'p75',
  'p90',
  'p95',
  'p99',
  'sum',
];
const SET = ['count_unique', 'max_timestamp', 'min_timestamp'];
const GAUGE = ['avg', 'count', 'last', 'max', 'min', 'sum'];

describe('getAvailableOperations', () => {
  it.each([
    ['c:custom/page_click@none', COUNTER],
    ['d:transactions/duration@millisecond', DISTRIBUTION],
    ['s:spans/user@none', SET],
    ['g:custom/mem@byte', GAUGE],
    ['c:sessions/session@none', COUNTER],
    ['d:sessions/duration@second', DISTRIBUTION],
    ['s:sessions/user@none', SET],
    ['e:sessions/crash_free_rate@ratio', []],
    ['e:transactions/apdex@ratio', []],
    ['e:nowhere/x@none', []],
  ])('lists the ops of %s', (input, expected) => {
    expect(getAvailableOperations(mri(input))).toStrictEqual({ ok: true, operations: expected });
  });

  it.each([
    ['g:sessions/x@none', 'The entity "g" of the MRI has no release-health metrics entity'],
    ['dist:custom/x@none', 'The entity "dist" of the MRI has no generic metrics entity'],
    ['t:sessions/error.preaggr@none', 'The entity "t" of the MRI has no release-health metrics entity'],
    ['v:custom/attr|1@none', 'The entity "v" of the MRI has no generic metrics entity'],
    ['constructor:custom/x@none', 'The entity "constructor" of the MRI has no generic metrics entity'],
    ['__proto__:sessions/x@none', 'The entity "__proto__" of the MRI has no release-health metrics entity'],
  ])('is an error where Sentry raises KeyError: %s', (input, message) => {
    expect(getAvailableOperations(mri(input))).toStrictEqual({
      ok: false,
      error: { reason: 'unknown_entity', message },
    });
  });
});

describe('snubaEntityForMri', () => {
  it.each([
    ['c:sessions/session@none', 'metrics_counters'],
    ['s:sessions/user@none', 'metrics_sets'],
    ['d:sessions/duration@second', 'metrics_distributions'],
    ['c:spans/x@none', 'generic_metrics_counters'],
    ['s:custom/x@none', 'generic_metrics_sets'],
    ['d:transactions/x@none', 'generic_metrics_distributions'],
    ['g:custom/x@none', 'generic_metrics_gauges'],
  ])('stores %s in %s', (input, entity) => {
    expect(snubaEntityForMri(mri(input))).toStrictEqual({ ok: true, entity });
  });

  it.each(['g:sessions/x@none', 'e:sessions/all@none', 'dist:custom/x@none'])(
    'has no entity for %s',
    (input) => {
      expect(snubaEntityForMri(mri(input)).ok).toBe(false);
    },
  );
});

describe('SNUBA_ENTITY_TO_ENTITY_LETTER', () => {
  it('inverts both letter mappings', () => {
    for (const mapping of [ENTITY_KEY_MAPPING_GENERIC, ENTITY_KEY_MAPPING_NON_GENERIC]) {
      for (const [letter, entity] of Object.entries(mapping))
        expect(SNUBA_ENTITY_TO_ENTITY_LETTER[entity]).toBe(letter);
    }
    expect(Object.keys(SNUBA_ENTITY_TO_ENTITY_LETTER)).toHaveLength(7);
  });
});
