/** The benchmark report: its checks (what --smoke asserts) and its Markdown rendering. */

const STATUSES = ['ran', 'not-run', 'failed'];
const VERDICTS = ['pass', 'fail', 'report'];

const isNumber = (value) => typeof value === 'number' && Number.isFinite(value);

/**
 * Problems that make a report malformed or incomplete: every expected scenario present exactly once, each with a
 * known status; ran scenarios carry finite numbers and a verdict; the others say why. Empty when all is well.
 */
export function validateReport(report, expectedIds) {
  const problems = [];
  if (!Array.isArray(report?.scenarios)) return ['report has no scenarios list'];
  const ids = report.scenarios.map((scenario) => scenario.id);
  for (const id of expectedIds) if (!ids.includes(id)) problems.push(`scenario ${id} is missing`);
  for (const id of new Set(ids)) {
    if (ids.indexOf(id) !== ids.lastIndexOf(id)) problems.push(`scenario ${id} appears twice`);
  }
  for (const scenario of report.scenarios) {
    const where = `scenario ${scenario.id}`;
    if (!STATUSES.includes(scenario.status)) {
      problems.push(`${where} has status ${scenario.status}`);
      continue;
    }
    if (scenario.status !== 'ran') {
      if (typeof scenario.reason !== 'string' || scenario.reason === '')
        problems.push(`${where} gives no reason`);
      continue;
    }
    if (!VERDICTS.includes(scenario.verdict)) problems.push(`${where} has verdict ${scenario.verdict}`);
    if (scenario.memory !== undefined) {
      if (!isNumber(scenario.value) || scenario.value <= 0)
        problems.push(`${where} has no bytes per mapping`);
      continue;
    }
    for (const side of ['subject', 'baseline']) {
      const { median, runs } = scenario[side] ?? {};
      if (!Array.isArray(runs) || runs.length === 0) problems.push(`${where} ${side} has no runs`);
      for (const key of ['throughput', 'p50Ms', 'p99Ms']) {
        if (!isNumber(median?.[key]) || median[key] <= 0)
          problems.push(`${where} ${side} median ${key} is not positive`);
      }
    }
    if (!isNumber(scenario.ratio?.median)) problems.push(`${where} has no ratio`);
  }
  return problems;
}

/** The scenarios that did not run, with why: a non-empty list makes the run exit non-zero. */
export function scenariosNotRun(report) {
  return report.scenarios.filter((scenario) => scenario.status !== 'ran');
}

const fmt = (value, digits = 0) =>
  isNumber(value)
    ? value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '–';
const latency = (median) => `${fmt(median?.p50Ms, 2)} / ${fmt(median?.p99Ms, 2)}`;

function targetText(target) {
  if (target.kind === 'ratio-at-least') return `>= ${target.value}`;
  if (target.kind === 'at-most') return `<= ${target.value}`;
  return 'report';
}

function summaryRow(scenario) {
  const target = targetText(scenario.target);
  if (scenario.status !== 'ran') {
    const label = scenario.status === 'not-run' ? 'not run' : 'FAILED';
    return `| ${scenario.title} | ${scenario.measured} | ${label}: ${scenario.reason.replaceAll('\n', ' ').replaceAll('|', '\\|')} | | | | ${target} | |`;
  }
  const verdict =
    scenario.verdict === 'report' ? 'report' : scenario.verdict === 'pass' ? 'pass' : '**FAIL**';
  if (scenario.memory !== undefined) {
    return `| ${scenario.title} | ${scenario.measured} | ${fmt(scenario.value, 1)} | | | ${fmt(scenario.value, 1)} | ${target} | ${verdict} |`;
  }
  const { subject, baseline } = scenario;
  return (
    `| ${scenario.title} | ${scenario.measured} | ${subject.name}: ${fmt(subject.median.throughput)} ` +
    `(p50/p99 ${latency(subject.median)} ms) | ${baseline.name}: ${fmt(baseline.median.throughput)} ` +
    `(p50/p99 ${latency(baseline.median)} ms) | ${scenario.concurrency} | ${fmt(scenario.ratio.median, 3)} | ${target} | ${verdict} |`
  );
}

function details(scenario) {
  const lines = [`### ${scenario.id}`, ''];
  if (scenario.status === 'not-run') return [...lines, `Not run: ${scenario.reason}`, ''];
  if (scenario.status === 'failed') {
    lines.push(`Failed: ${scenario.reason}`, '');
    for (const [service, tail] of Object.entries(scenario.serviceLogTail ?? {})) {
      lines.push(`Last log lines of ${service}:`, '', '```', ...tail.slice(-5), '```', '');
    }
    if (scenario.subject === undefined) return lines;
  }
  if (scenario.memory !== undefined) {
    const m = scenario.memory;
    lines.push(
      `${fmt(m.mappings)} mappings of strings averaging ${fmt(m.averageStringLength, 1)} characters: ` +
        `${fmt(m.bytesPerMapping, 1)} bytes per mapping (heap ${fmt(m.heapBytesPerMapping, 1)} + array buffers ` +
        `${fmt(m.externalBytesPerMapping, 1)}); RSS grew ${fmt(m.rssBytesPerMapping, 1)} bytes per mapping; the ` +
        `cache's own estimate is ${fmt(m.cacheEstimatedBytesPerMapping, 1)}. Filled in ${fmt(m.fillMs)} ms.`,
      '',
    );
    return lines;
  }
  const rate = scenario.measured === 'calls/s' ? 'throughput' : scenario.measured;
  lines.push(
    `| repetition | side | ${rate} | calls/s | p50 ms | p99 ms | server / client CPU µs per item | calls checked | fetch types seen |`,
    '|---|---|---|---|---|---|---|---|---|',
  );
  for (const side of ['subject', 'baseline']) {
    for (const run of scenario[side]?.runs ?? []) {
      const fetchTypes = Object.entries(run.check.fetchTypes)
        .map(([code, count]) => `${code}:${count}`)
        .join(' ');
      lines.push(
        `| ${run.rep + 1} | ${scenario[side].name} | ${fmt(run.itemsPerSec)} | ${fmt(run.callsPerSec, run.callsPerSec < 10 ? 2 : 0)} | ` +
          `${fmt(run.p50Ms, 2)} | ${fmt(run.p99Ms, 2)} | ${fmt(run.cpu?.serverUsPerItem, 2)} / ${fmt(run.cpu?.clientUsPerItem, 2)} | ` +
          `${run.check.checkedCalls} | ${fetchTypes} |`,
      );
    }
  }
  const perRep = scenario.ratio?.perRep ?? [];
  lines.push('', `Ratios per repetition: ${perRep.map((ratio) => fmt(ratio, 3)).join(', ') || '–'}.`, '');
  return lines;
}

/**
 * CPU per item of the serving processes on each side (medians; all their threads, from /proc), and what the
 * subject spends per item for each µs the baseline spends: steadier than throughput on a shared machine,
 * because time spent waiting for a core is not counted.
 */
function cpuTable(scenarios) {
  const measured = scenarios.filter(
    (scenario) => scenario.status === 'ran' && isNumber(scenario.subject?.median?.serverCpuUs),
  );
  if (measured.length === 0) return [];
  const row = (scenario) => {
    const { subject, baseline } = scenario;
    const cost = isNumber(baseline.median.serverCpuUs)
      ? subject.median.serverCpuUs / baseline.median.serverCpuUs
      : undefined;
    return (
      `| ${scenario.title} | ${subject.name}: ${fmt(subject.median.serverCpuUs, 2)} | ` +
      `${baseline.name}: ${fmt(baseline.median.serverCpuUs, 2)} | ${fmt(cost, 2)} | ` +
      `${fmt(subject.median.clientCpuUs, 2)} / ${fmt(baseline.median.clientCpuUs, 2)} |`
    );
  };
  return [
    '## CPU per item',
    '',
    'CPU time (µs, user + system, all threads) the serving processes used per item in the measured windows, ' +
      'medians; "subject / baseline" is how many times the baseline\'s CPU the subject spends per item. The load ' +
      "process's own CPU per item is shown for both sides: it shares the machine's cores.",
    '',
    '| scenario | subject server CPU µs/item | baseline server CPU µs/item | subject / baseline | load process µs/item (subject / baseline) |',
    '|---|---|---|---|---|',
    ...measured.map(row),
    '',
  ];
}

/** A scenario's headline figure: its ratio, or bytes per mapping for memory; undefined when it did not run. */
const headline = (scenario) =>
  scenario?.status !== 'ran'
    ? undefined
    : scenario.memory !== undefined
      ? scenario.value
      : scenario.ratio?.median;

/**
 * Each scenario of `after` next to the same scenario of an earlier report `before` (e.g. a run of the commit
 * before an optimization): headline figure and subject throughput, before and after.
 */
export function compareReports(before, after) {
  const earlier = new Map((before.scenarios ?? []).map((scenario) => [scenario.id, scenario]));
  return after.scenarios.map((scenario) => {
    const old = earlier.get(scenario.id);
    return {
      id: scenario.id,
      title: scenario.title,
      before: headline(old),
      after: headline(scenario),
      subjectBefore: old?.status === 'ran' ? old.subject?.median?.throughput : undefined,
      subjectAfter: scenario.status === 'ran' ? scenario.subject?.median?.throughput : undefined,
    };
  });
}

function comparison(compared) {
  if (compared === undefined) return [];
  return [
    `## Before and after`,
    '',
    `Before: the report of ${compared.before.startedAt} (commit ${compared.before.commit}, ${compared.before.mode} mode).`,
    'The ratios are each against a baseline of their own run, so they compare across runs; raw throughputs do not ' +
      '(the machine is shared).',
    '',
    '| scenario | ratio (or bytes) before | after | subject throughput before | after |',
    '|---|---|---|---|---|',
    ...compared.rows.map(
      (row) =>
        `| ${row.title} | ${fmt(row.before, 3)} | ${fmt(row.after, 3)} | ${fmt(row.subjectBefore)} | ${fmt(row.subjectAfter)} |`,
    ),
    '',
  ];
}

/** The report as Markdown: a summary table, the comparison with an earlier report, then each scenario's runs. */
export function renderMarkdown(report) {
  const { meta } = report;
  const lines = [
    `# mindex benchmark ${meta.startedAt}`,
    '',
    `Mode: ${meta.mode}; ${meta.reps} repetition(s) of ${meta.durationMs / 1000} s per side after ` +
      `${meta.warmupMs / 1000} s warm-up, baseline and subject alternating (ABBA); medians reported; ratio = ` +
      'median of the per-repetition ratios of subject to baseline throughput.',
    '',
    `Machine: ${meta.machine.cpus} × ${meta.machine.cpuModel}, ${fmt(meta.machine.memoryGiB, 1)} GiB; ` +
      `Node ${meta.machine.node}; ${meta.machine.platform}. Commit ${meta.commit}. Database: ${meta.database}. ` +
      `Indexer options: ${meta.indexerOptions}.`,
    '',
    '| scenario | measured | subject (median) | baseline (median) | in flight | ratio | target | verdict |',
    '|---|---|---|---|---|---|---|---|',
    ...report.scenarios.map(summaryRow),
    '',
    ...cpuTable(report.scenarios),
    ...comparison(meta.compared),
    '## Scenarios',
    '',
    ...report.scenarios.flatMap(details),
  ];
  if (meta.notes.length > 0) lines.push('## Notes', '', ...meta.notes.map((note) => `- ${note}`), '');
  return `${lines.join('\n')}\n`;
}
