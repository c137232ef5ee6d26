import { describe, expect, it } from 'vitest';
import { createFakeIndexer } from '../../test/support/fake-indexer.js';
import type { MetricDay } from '../metadata/metadata-batch.js';
import { createInMemoryMetadataStore } from '../store/in-memory-metadata-store.js';
import { getAvailableMris } from './get-available-mris.js';

const DAY = new Date('2026-11-23T00:00:00Z');
const scope = {
  orgId: 1n,
  projectIds: [1n, 2n, 3n],
  start: new Date('2026-01-01T00:00:00Z'),
  end: new Date('2027-01-01T00:00:00Z'),
  now: new Date('2026-11-24T00:00:00Z'),
};

describe('getAvailableMris', () => {
  it('inverts project → MRIs into MRI → projects as `_convert_to_mris_to_project_ids_mapping` (§3.4 vector)', async () => {
    const indexer = createFakeIndexer();
    const store = createInMemoryMetadataStore();
    const ids = new Map(
      ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'].map((m) => [m, indexer.add('custom', 1n, `c:custom/${m}@none`)]),
    );
    const usage: [bigint, string[]][] = [
      [1n, ['m1', 'm2', 'm3']],
      [2n, ['m1', 'm4', 'm5', 'm6']],
      [3n, ['m1', 'm6']],
    ];
    const metricDays: MetricDay[] = usage.flatMap(([projectId, metrics]) =>
      metrics.map((m) => ({
        orgId: 1n,
        projectId,
        useCase: 'custom',
        type: 'c' as const,
        metricId: ids.get(m)!,
        day: DAY,
        tagKeyIds: [],
        expiresAt: new Date('2027-02-01T00:00:00Z'),
      })),
    );
    await store.record({ metricDays, tagValueDays: [] });
    const { mris } = await getAvailableMris({ store, indexer }, scope, 'custom');
    expect([...mris].map(([mri, projects]) => [mri.slice(9, 11), projects])).toEqual([
      ['m1', [1n, 2n, 3n]],
      ['m2', [1n]],
      ['m3', [1n]],
      ['m4', [2n]],
      ['m5', [2n]],
      ['m6', [2n, 3n]],
    ]);
  });

  it('asks the indexer nothing when nothing is stored', async () => {
    const indexer = createFakeIndexer();
    const { mris } = await getAvailableMris(
      { store: createInMemoryMetadataStore(), indexer },
      scope,
      'custom',
    );
    expect([mris.size, indexer.calls]).toEqual([0, []]);
  });
});
