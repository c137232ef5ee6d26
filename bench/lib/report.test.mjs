import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareReports, renderMarkdown, scenariosNotRun, validateReport } from './report.mjs';

const side = (name, throughput, serverCpuUs) => ({
  name,
  runs: [
    {
      rep: 0,
      itemsPerSec: throughput,
      callsPerSec: throughput / 1000,
      p50Ms: 2,
      p99Ms: 9,
      cpu: { serverUsPerItem: serverCpuUs, clientUsPerItem: 0.5 },
      check: { checkedCalls: 3, problems: [], fetchTypes: { c: 3000 } },
    },
  ],
  median: { throughput, p50Ms: 2, p99Ms: 9, serverCpuUs, clientCpuUs: 0.5 },
});
const ran = {
  id: 'warm-bulk-record',
  title: 'warm BulkRecord',
  measured: 'strings/s',
  target: { kind: 'ratio-at-least', value: 0.7 },
  status: 'ran',
  verdict: 'pass',
  concurrency: 8,
  subject: side('indexer', 80_000, 1.5),
  baseline: side('grpc-js echo', 100_000, 0.5),
  ratio: { median: 0.8, perRep: [0.8] },
};
const memory = {
  id: 'cache-memory',
  title: 'cache memory',
  measured: 'bytes per cached mapping',
  target: { kind: 'at-most', value: 200 },
  status: 'ran',
  verdict: 'pass',
  value: 105.5,
  memory: { mappings: 1000, averageStringLength: 22, bytesPerMapping: 105.5 },
};
const notRun = { ...ran, id: 'cold-bulk-record', status: 'not-run', reason: 'no database' };
const meta = {
  startedAt: '2026-11-24T00:00:00.000Z',
  mode: 'smoke',
  reps: 1,
  durationMs: 1000,
  warmupMs: 300,
  commit: 'abc1234',
  database: 'FerretDB',
  indexerOptions: 'service defaults',
  machine: { cpus: 2, cpuModel: 'cpu', memoryGiB: 24, node: 'v20', platform: 'linux' },
  notes: [],
};

describe('validateReport', () => {
  const cases = [
    { name: 'a complete report', scenarios: [ran, memory, notRun], expected: [] },
    {
      name: 'a missing scenario',
      scenarios: [ran, memory],
      expected: ['scenario cold-bulk-record is missing'],
    },
    {
      name: 'a scenario twice',
      scenarios: [ran, ran, memory, notRun],
      expected: ['scenario warm-bulk-record appears twice'],
    },
    {
      name: 'a not-run scenario without a reason',
      scenarios: [ran, memory, { ...notRun, reason: '' }],
      expected: ['scenario cold-bulk-record gives no reason'],
    },
    {
      name: 'a ran scenario without a ratio',
      scenarios: [{ ...ran, ratio: { median: null, perRep: [] } }, memory, notRun],
      expected: ['scenario warm-bulk-record has no ratio'],
    },
    {
      name: 'a subject without latencies',
      scenarios: [
        { ...ran, subject: { ...ran.subject, median: { throughput: 5, p50Ms: NaN, p99Ms: 1 } } },
        memory,
        notRun,
      ],
      expected: ['scenario warm-bulk-record subject median p50Ms is not positive'],
    },
    {
      name: 'a memory scenario without a value',
      scenarios: [ran, { ...memory, value: undefined }, notRun],
      expected: ['scenario cache-memory has no bytes per mapping'],
    },
    {
      name: 'an unknown status',
      scenarios: [ran, memory, { ...notRun, status: 'skipped' }],
      expected: ['scenario cold-bulk-record has status skipped'],
    },
  ];
  for (const { name, scenarios, expected } of cases) {
    it(`reports ${expected.length === 0 ? 'nothing' : 'the problem'} for ${name}`, () => {
      assert.deepEqual(
        validateReport({ meta, scenarios }, ['warm-bulk-record', 'cache-memory', 'cold-bulk-record']),
        expected,
      );
    });
  }
});

describe('scenariosNotRun', () => {
  it('lists the scenarios whose status is not ran', () => {
    const failed = { ...ran, id: 'x', status: 'failed', reason: 'calls failed' };
    assert.deepEqual(
      scenariosNotRun({ scenarios: [ran, notRun, failed] }).map((s) => s.id),
      ['cold-bulk-record', 'x'],
    );
  });
});

describe('renderMarkdown', () => {
  const markdown = renderMarkdown({ meta, scenarios: [ran, memory, notRun] });
  it('has one summary row per scenario with medians, ratio and verdict', () => {
    assert.ok(
      markdown.includes(
        '| warm BulkRecord | strings/s | indexer: 80,000 (p50/p99 2.00 / 9.00 ms) | grpc-js echo: 100,000 ' +
          '(p50/p99 2.00 / 9.00 ms) | 8 | 0.800 | >= 0.7 | pass |',
      ),
    );
    assert.ok(
      markdown.includes('| cache memory | bytes per cached mapping | 105.5 | | | 105.5 | <= 200 | pass |'),
    );
    assert.ok(markdown.includes('| warm BulkRecord | strings/s | not run: no database |'));
  });
  it('details every repetition', () => {
    assert.ok(markdown.includes('| 1 | indexer | 80,000 | 80 | 2.00 | 9.00 | 1.50 / 0.50 | 3 | c:3000 |'));
    assert.ok(markdown.includes('Ratios per repetition: 0.800.'));
  });
  it('tabulates the CPU per item of both sides and how many times the baseline the subject spends', () => {
    assert.ok(
      markdown.includes('| warm BulkRecord | indexer: 1.50 | grpc-js echo: 0.50 | 3.00 | 0.50 / 0.50 |'),
    );
  });
  it('leaves the CPU table out when no scenario measured CPU', () => {
    const noCpu = { ...ran, subject: { ...ran.subject, median: { throughput: 1, p50Ms: 1, p99Ms: 1 } } };
    assert.doesNotMatch(renderMarkdown({ meta, scenarios: [noCpu] }), /## CPU per item/);
  });
});

describe('compareReports', () => {
  it('puts each scenario next to the same scenario of the earlier report', () => {
    const before = {
      scenarios: [
        { ...ran, ratio: { median: 0.3, perRep: [0.3] } },
        { ...memory, value: 120 },
      ],
    };
    const after = { scenarios: [ran, memory, { ...ran, id: 'new-one', title: 'new' }] };
    assert.deepEqual(
      compareReports(before, after).map((row) => [row.id, row.before, row.after, row.subjectAfter]),
      [
        ['warm-bulk-record', 0.3, 0.8, 80_000],
        ['cache-memory', 120, 105.5, undefined],
        ['new-one', undefined, 0.8, 80_000],
      ],
    );
  });

  it('renders a before-and-after section when the report carries one', () => {
    const report = {
      meta: { ...meta, compared: { before: { startedAt: 'T0', commit: 'abc', mode: 'full' }, rows: [] } },
      scenarios: [ran],
    };
    report.meta.compared.rows = compareReports({ scenarios: [{ ...ran, ratio: { median: 0.25 } }] }, report);
    const markdown = renderMarkdown(report);
    assert.match(markdown, /## Before and after/);
    assert.match(markdown, /\| warm BulkRecord \| 0\.250 \| 0\.800 \| 80,000 \| 80,000 \|/);
  });
});
