import { describe, expect, it } from 'vitest';
import {
  applyMetricOperation,
  blockingState,
  loadBlockings,
  type MetricBlocking,
  type MetricOperation,
} from './metric-blocking.js';

const MRI = 'd:custom/page_load@millisecond';
const OTHER = 'c:custom/clicks@none';
const op = (patch: Partial<MetricOperation>): MetricOperation => ({
  metricMri: MRI,
  blockMetric: undefined,
  blockTags: [],
  unblockTags: [],
  ...patch,
});
const blocking = (metricMri: string, isBlocked: boolean, blockedTags: string[] = []): MetricBlocking => ({
  metricMri,
  isBlocked,
  blockedTags,
});

describe('applyMetricOperation', () => {
  it.each<[string, MetricBlocking[], Partial<MetricOperation>, MetricBlocking, MetricBlocking[]]>([
    ['blocks a new metric', [], { blockMetric: true }, blocking(MRI, true), [blocking(MRI, true)]],
    [
      'unblocks a blocked metric and deletes the empty entry',
      [blocking(MRI, true)],
      { blockMetric: false },
      blocking(MRI, false),
      [],
    ],
    [
      'keeps the tags when the metric is unblocked',
      [blocking(MRI, true, ['env'])],
      { blockMetric: false },
      blocking(MRI, false, ['env']),
      [blocking(MRI, false, ['env'])],
    ],
    [
      'keeps is_blocked when block_metric is unset',
      [blocking(MRI, true, ['a'])],
      { blockTags: ['b'] },
      blocking(MRI, true, ['a', 'b']),
      [blocking(MRI, true, ['a', 'b'])],
    ],
    [
      'unions blocked tags, sorted and without duplicates',
      [blocking(MRI, false, ['release', 'env'])],
      { blockTags: ['env', 'browser'] },
      blocking(MRI, false, ['browser', 'env', 'release']),
      [blocking(MRI, false, ['browser', 'env', 'release'])],
    ],
    [
      'removes unblocked tags after adding blocked ones (unblock wins)',
      [blocking(MRI, false, ['a'])],
      { blockTags: ['b', 'c'], unblockTags: ['a', 'c'] },
      blocking(MRI, false, ['b']),
      [blocking(MRI, false, ['b'])],
    ],
    [
      'deletes an entry whose last tag is unblocked',
      [blocking(OTHER, true), blocking(MRI, false, ['a'])],
      { unblockTags: ['a'] },
      blocking(MRI, false),
      [blocking(OTHER, true)],
    ],
    [
      'does not add an entry that would be empty',
      [],
      { blockMetric: false, unblockTags: ['x'] },
      blocking(MRI, false),
      [],
    ],
    [
      'leaves other metrics alone',
      [blocking(OTHER, false, ['t'])],
      { blockMetric: true },
      blocking(MRI, true),
      [blocking(OTHER, false, ['t']), blocking(MRI, true)],
    ],
    [
      'applies to the last entry of a duplicated MRI',
      [blocking(MRI, true, ['old']), blocking(OTHER, true), blocking(MRI, false, ['new'])],
      { blockTags: ['more'] },
      blocking(MRI, false, ['more', 'new']),
      [blocking(MRI, false, ['more', 'new']), blocking(OTHER, true)],
    ],
  ])('%s', (_label, before, patch, expectedBlocking, expectedList) => {
    const result = applyMetricOperation(before, op(patch));
    expect(result.blocking).toEqual(expectedBlocking);
    expect(result.blockings).toEqual(expectedList);
  });

  it('does not change its input', () => {
    const before = [blocking(MRI, true, ['a'])];
    applyMetricOperation(before, op({ blockMetric: false, unblockTags: ['a'] }));
    expect(before).toEqual([blocking(MRI, true, ['a'])]);
  });
});

describe('loadBlockings', () => {
  it('keeps the last entry per MRI', () => {
    expect(
      loadBlockings([blocking(MRI, true), blocking(OTHER, false, ['x']), blocking(MRI, false, ['y'])]),
    ).toEqual([blocking(MRI, false, ['y']), blocking(OTHER, false, ['x'])]);
  });
});

describe('blockingState', () => {
  it('sorts by MRI and lists the fully blocked MRIs as denied names', () => {
    const state = blockingState([
      blocking(MRI, true),
      blocking(OTHER, false, ['t']),
      blocking('s:custom/u@none', true),
    ]);
    expect(state.metrics.map((m) => m.metricMri)).toEqual([OTHER, MRI, 's:custom/u@none']);
    expect(state.deniedNames).toEqual([MRI, 's:custom/u@none']);
  });

  it('is empty for no blockings', () => {
    expect(blockingState([])).toEqual({ metrics: [], deniedNames: [] });
  });
});
