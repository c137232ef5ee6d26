import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { latencySummary, median, quantile } from './stats.mjs';

describe('quantile', () => {
  const cases = [
    { values: [5], q: 0.5, expected: 5 },
    { values: [3, 1, 2], q: 0.5, expected: 2 },
    { values: [1, 2, 3, 4], q: 0.5, expected: 2 },
    { values: Array.from({ length: 100 }, (_, i) => i + 1), q: 0.99, expected: 99 },
    { values: Array.from({ length: 1000 }, (_, i) => 1000 - i), q: 0.99, expected: 990 },
    { values: [10, 20], q: 1, expected: 20 },
    { values: [10, 20], q: 0, expected: 10 },
  ];
  for (const { values, q, expected } of cases) {
    it(`is ${expected} for q=${q} of ${values.length} values`, () => {
      assert.equal(quantile(values, q), expected);
    });
  }
  it('is NaN without samples', () => assert.ok(Number.isNaN(quantile([], 0.5))));
});

describe('median', () => {
  const cases = [
    { values: [7], expected: 7 },
    { values: [9, 1, 5], expected: 5 },
    { values: [4, 1, 3, 2], expected: 2.5 },
  ];
  for (const { values, expected } of cases) {
    it(`is ${expected} for [${values}]`, () => assert.equal(median(values), expected));
  }
  it('is NaN without samples', () => assert.ok(Number.isNaN(median([]))));
});

describe('latencySummary', () => {
  it('gives p50 and p99 of the latencies', () => {
    const latencies = Array.from({ length: 200 }, (_, i) => i + 1);
    assert.deepEqual(latencySummary(latencies), { p50Ms: 100, p99Ms: 198 });
  });
});
