import { describe, expect, it } from 'vitest';
import type { MetricType } from '../metadata/metadata-batch.js';
import { orderMetaRows } from './order-meta-rows.js';

const row = (type: MetricType, projectId: bigint, metricId: bigint) => ({ type, projectId, metricId });

describe('orderMetaRows', () => {
  it('concatenates counters, sets, gauges and distributions, each by (project, id)', () => {
    const rows = [
      row('d', 1n, 1n),
      row('c', 2n, 1n),
      row('g', 1n, 9n),
      row('c', 1n, 7n),
      row('s', 1n, 3n),
      row('c', 1n, 2n),
    ];
    expect(orderMetaRows(rows, (r) => r.metricId)).toEqual([
      row('c', 1n, 2n),
      row('c', 1n, 7n),
      row('c', 2n, 1n),
      row('s', 1n, 3n),
      row('g', 1n, 9n),
      row('d', 1n, 1n),
    ]);
  });

  it('orders ids numerically, static ids (2^63 and above) last', () => {
    const rows = [row('c', 1n, 2n ** 63n + 1n), row('c', 1n, 10n), row('c', 1n, 9n)];
    expect(orderMetaRows(rows, (r) => r.metricId).map((r) => r.metricId)).toEqual([9n, 10n, 2n ** 63n + 1n]);
  });

  it('keeps the first rows of each type up to the limit', () => {
    const rows = [row('c', 1n, 3n), row('c', 1n, 1n), row('c', 1n, 2n), row('d', 1n, 5n), row('d', 1n, 4n)];
    expect(orderMetaRows(rows, (r) => r.metricId, 2)).toEqual([
      row('c', 1n, 1n),
      row('c', 1n, 2n),
      row('d', 1n, 4n),
      row('d', 1n, 5n),
    ]);
  });
});
