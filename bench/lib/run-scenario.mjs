import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { median } from './stats.mjs';

const LOG_TAIL_LINES = 20;

/**
 * Runs one scenario and returns its report entry. `env` holds the started processes (`env.indexer`, ...), a
 * reason per process that could not be started (`env.unavailable`), and the load process (`env.load`).
 */
export async function runScenario(scenario, env, options) {
  const base = {
    id: scenario.id,
    title: scenario.title,
    measured: scenario.measured,
    target: scenario.target,
  };
  const missing = scenario.needs.filter((need) => env[need] === undefined);
  if (missing.length > 0) {
    const reasons = missing.map((need) => env.unavailable[need] ?? `${need} is not available`);
    return { ...base, status: 'not-run', reason: reasons.join('; ') };
  }
  try {
    return scenario.memory
      ? { ...base, ...runMemoryScenario(scenario, env, options) }
      : { ...base, ...(await runThroughputScenario(scenario, env, options)) };
  } catch (error) {
    return {
      ...base,
      status: 'failed',
      reason: String(error?.message ?? error).split('\n')[0],
      serviceLogTail: serviceLogTail(scenario, env),
    };
  }
}

async function runThroughputScenario(scenario, env, options) {
  const workloadFor = (side, rep) =>
    scenario.workload({ invocation: options.invocation, smoke: options.smoke, side, rep });
  if (scenario.prime) {
    await env.load.request('prime', { targets: scenario.prime(env), workload: workloadFor('prime', 0) });
  }
  if (scenario.needs.includes('mongo')) await env.load.request('mongo-setup', { mongo: env.mongo.scratch });

  const sides = { subject: { runs: [] }, baseline: { runs: [] } };
  for (let rep = 0; rep < options.reps; rep++) {
    // ABBA order, so a drift of the machine over time does not favour one side.
    const order = rep % 2 === 0 ? ['baseline', 'subject'] : ['subject', 'baseline'];
    for (const side of order) {
      const result = await env.load.request('run', {
        ...scenario[side].load(env),
        workload: workloadFor(side, rep),
        concurrency: scenario.concurrency,
        warmupMs: options.warmupMs,
        durationMs: options.durationMs,
        // Slow calls (cold inserts) stretch a short window until each worker finished about one call.
        minCalls: scenario.concurrency,
      });
      sides[side].runs.push({ rep, ...result });
      const trouble = runTrouble(result);
      if (trouble !== undefined) {
        return {
          status: 'failed',
          reason: `${scenario[side].name}, repetition ${rep + 1}: ${trouble}`,
          serviceLogTail: serviceLogTail(scenario, env),
          ...summarize(scenario, sides),
        };
      }
      trimServiceLogs(scenario, env);
    }
  }
  const summary = summarize(scenario, sides);
  return { status: 'ran', verdict: verdict(scenario.target, summary.ratio.median), ...summary };
}

/** The services keep every log line in memory (spawnService): keep only the tail between runs. */
function trimServiceLogs(scenario, env) {
  for (const need of scenario.needs) {
    const logs = env[need]?.logs;
    if (Array.isArray(logs) && logs.length > LOG_TAIL_LINES) logs.splice(0, logs.length - LOG_TAIL_LINES);
  }
}

function serviceLogTail(scenario, env) {
  return Object.fromEntries(
    scenario.needs
      .filter((need) => Array.isArray(env[need]?.logs))
      .map((need) => [need, env[need].logs.slice(-LOG_TAIL_LINES)]),
  );
}

/** Why a run cannot be trusted: failed calls, wrong responses, or nothing measured. */
function runTrouble(result) {
  if (result.errors > 0) return `${result.errors} calls failed (${result.errorSamples.join(' | ')})`;
  if (result.check.problems.length > 0) return `wrong responses: ${result.check.problems.join(' | ')}`;
  if (result.calls === 0) return 'no call completed in the measured window';
  if (result.check.checkedCalls === 0) return 'no response was checked';
  return undefined;
}

function summarize(scenario, sides) {
  const side = (name) => {
    const { runs } = sides[name];
    // CPU per item only when every run measured it (it needs /proc and the serving processes' pids).
    const cpu = runs.every((run) => run.cpu !== undefined);
    return {
      name: scenario[name].name,
      runs,
      median: {
        throughput: median(runs.map((run) => run.itemsPerSec)),
        p50Ms: median(runs.map((run) => run.p50Ms)),
        p99Ms: median(runs.map((run) => run.p99Ms)),
        ...(cpu && {
          serverCpuUs: median(runs.map((run) => run.cpu.serverUsPerItem)),
          clientCpuUs: median(runs.map((run) => run.cpu.clientUsPerItem)),
        }),
      },
    };
  };
  const perRep = sides.subject.runs
    .map((run, i) => {
      const baseline = sides.baseline.runs[i];
      return baseline === undefined ? undefined : run.itemsPerSec / baseline.itemsPerSec;
    })
    .filter((ratio) => ratio !== undefined);
  return {
    concurrency: scenario.concurrency,
    subject: side('subject'),
    baseline: side('baseline'),
    ratio: { median: perRep.length > 0 ? median(perRep) : null, perRep },
  };
}

function verdict(target, value) {
  if (target.kind === 'report' || value === null) return 'report';
  if (target.kind === 'ratio-at-least') return value >= target.value ? 'pass' : 'fail';
  if (target.kind === 'at-most') return value <= target.value ? 'pass' : 'fail';
  return 'report';
}

/** Cache memory runs in its own process with --expose-gc, so nothing else is on its heap. */
function runMemoryScenario(scenario, env, options) {
  const script = join(options.root, 'bench', 'cache-memory.mjs');
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', script, '--mappings', String(options.cacheMappings), '--module', env.indexerCache],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  const lastLine = child.stdout.trim().split('\n').at(-1) ?? '';
  let measured;
  try {
    measured = JSON.parse(lastLine);
  } catch {
    measured = undefined;
  }
  if (child.status !== 0 || measured === undefined) {
    const output = `${child.stdout}${child.stderr}`.trim().split('\n').slice(-10).join('\n');
    return { status: 'failed', reason: `cache-memory.mjs exited with ${child.status}: ${output}` };
  }
  return {
    title: `cache memory at ${options.cacheMappings.toLocaleString('en-US')} mappings`,
    status: 'ran',
    verdict: verdict(scenario.target, measured.bytesPerMapping),
    value: measured.bytesPerMapping,
    memory: measured,
  };
}
