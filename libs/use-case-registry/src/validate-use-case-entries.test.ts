import { describe, expect, it } from 'vitest';
import { REFERENCE_REVERSE_METRIC_PATH_MAPPING, REFERENCE_USE_CASES } from './reference-use-cases.js';
import type { UseCaseEntry } from './use-case-entry.js';
import { validateUseCaseEntries } from './validate-use-case-entries.js';

const SPANS: UseCaseEntry = { id: 'spans', metricPath: 'performance' };
const SESSIONS: UseCaseEntry = { id: 'sessions', metricPath: 'release-health' };

describe('validateUseCaseEntries', () => {
  it('accepts the reference table', () => {
    expect(validateUseCaseEntries(REFERENCE_USE_CASES, REFERENCE_REVERSE_METRIC_PATH_MAPPING)).toEqual([]);
  });

  it.each([
    [[SPANS, SPANS], {}, 'use case id spans is registered twice'],
    [[{ id: 'Spans', metricPath: 'performance' }], {}, 'use case id "Spans" must match ^[a-z][a-z0-9_]*$'],
    [[{ id: 'a-b', metricPath: 'performance' }], {}, 'use case id "a-b" must match ^[a-z][a-z0-9_]*$'],
    [[{ id: '', metricPath: 'performance' }], {}, 'use case id "" must match ^[a-z][a-z0-9_]*$'],
    [
      [{ id: 'performance', metricPath: 'performance' }],
      {},
      'use case id performance collides with a use case key',
    ],
    [[{ id: 'x', metricPath: 'metrics' }], {}, 'use case x has an unknown metric path "metrics"'],
    [[{ id: 'x', metricPath: 'performance', apiAccess: 2 }], {}, 'use case x has an unknown API access 2'],
    [
      [SPANS],
      { performance: 'transactions' },
      'use case key performance maps to unregistered use case transactions',
    ],
    [
      [SPANS, SESSIONS],
      { performance: 'sessions' },
      'use case key performance maps to sessions of path release-health',
    ],
    [[SPANS], { metrics: 'spans' }, 'reverse mapping has an unknown use case key metrics'],
  ])('reports %j with mapping %j: %s', (entries, mapping, problem) => {
    expect(validateUseCaseEntries(entries as UseCaseEntry[], mapping)).toEqual([problem]);
  });
});
