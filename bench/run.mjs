// `npm run bench` (and `npm run bench:smoke`): builds the workspace, starts FerretDB, the indexer and the baseline
// servers, drives them from a separate load process (bench/load.mjs) and writes bench/results/<timestamp>.{md,json}.
// Every target is a ratio against a baseline measured in the same invocation, alternating, medians of repetitions.
// Exits non-zero when a scenario did not run or the report is malformed; missed targets only show in the report.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, platform, release, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  buildGoEcho,
  buildWorkspace,
  spawnListening,
  startDatabase,
  startLoadProcess,
} from './lib/processes.mjs';
import { compareReports, renderMarkdown, scenariosNotRun, validateReport } from './lib/report.mjs';
import { runScenario } from './lib/run-scenario.mjs';
import { SCENARIOS } from './lib/scenarios.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const INDEXER_ENTRY = join(root, 'apps', 'indexer', 'dist', 'main.js');
const EXTRA_INDEXERS = ['indexer2', 'indexerCold'];
const INDEXERS = ['indexer', ...EXTRA_INDEXERS];
// Processes started for one scenario and stopped after it.
const EXTRAS = [...EXTRA_INDEXERS, 'replay'];
const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    reps: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    'cache-mappings': { type: 'string' },
    only: { type: 'string' },
    out: { type: 'string', default: join(root, 'bench', 'results') },
    'skip-build': { type: 'boolean', default: false },
    'indexer-options-json': { type: 'string' },
    compare: { type: 'string' },
    profile: { type: 'string' },
  },
});

const options = {
  root,
  smoke: args.smoke,
  invocation: `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`,
  reps: Number(args.reps ?? (args.smoke ? 1 : 3)),
  durationMs: Number(args.duration ?? (args.smoke ? 1 : 5)) * 1000,
  warmupMs: Number(args.warmup ?? (args.smoke ? 0.3 : 1)) * 1000,
  cacheMappings: Number(args['cache-mappings'] ?? (args.smoke ? 50_000 : 1_000_000)),
};
const selected = args.only
  ? SCENARIOS.filter((scenario) => args.only.split(',').includes(scenario.id))
  : SCENARIOS;
if (selected.length === 0) {
  console.error(`--only matches no scenario; known: ${SCENARIOS.map((scenario) => scenario.id).join(', ')}`);
  process.exit(2);
}

const log = (line) => console.log(`[bench] ${line}`);
const notes = [];
const cleanups = [];
const cleanup = async () => {
  while (cleanups.length > 0)
    await cleanups
      .pop()()
      .catch((error) => log(`cleanup: ${error.message}`));
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: stopping`);
    void cleanup().finally(() => process.exit(130));
  });
}

const startedAt = new Date();
const env = { unavailable: {} };
let databaseSource = 'none';
try {
  if (!args['skip-build']) {
    log('building the workspace (tsc -b)');
    const build = buildWorkspace(root);
    if (!build.ok) notes.push(`tsc -b reported errors; scenarios use whatever dist exists:\n${build.output}`);
  }
  const { spawnService } = await import('@mindex/testing');
  await startEnvironment(spawnService);

  const scenarios = [];
  for (const scenario of selected) {
    log(`scenario ${scenario.id}`);
    const stopExtras = await startExtras(scenario, spawnService);
    const result = await runScenario(scenario, env, options);
    await stopExtras();
    log(
      `  ${result.status}${result.verdict ? ` (${result.verdict})` : ''}${result.reason ? `: ${result.reason}` : ''}`,
    );
    scenarios.push(result);
  }
  process.exitCode = await writeReport(scenarios);
} catch (error) {
  log(`harness error: ${error?.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}

async function startEnvironment(spawnService) {
  const needs = new Set(selected.flatMap((scenario) => scenario.needs));
  const load = startLoadProcess(root);
  cleanups.push(load.close);
  env.load = load;

  if (needs.has('jsEcho')) {
    const echo = await spawnService({ entry: join(root, 'bench', 'echo-server.mjs') });
    cleanups.push(() => echo.stop());
    env.jsEcho = echo;
  }
  if (needs.has('goEcho')) {
    const built = buildGoEcho(root);
    if (built.ok) {
      const goEcho = await spawnListening({ command: built.binary });
      cleanups.push(() => goEcho.stop());
      env.goEcho = goEcho;
    } else {
      env.unavailable.goEcho = `go build of bench/go-echo failed: ${built.output}`;
    }
  }

  const cacheModule = join(root, 'apps', 'indexer', 'dist', 'indexer', 'indexer-cache.js');
  if (existsSync(cacheModule)) env.indexerCache = cacheModule;
  else
    env.unavailable.indexerCache = `${relative(root, cacheModule)} is not built (no indexer cache module yet)`;

  if (['mongo', ...INDEXERS].some((need) => needs.has(need))) {
    const database = await startDatabase(root, process.env);
    if (database.error) {
      for (const need of ['mongo', ...INDEXERS]) env.unavailable[need] = `no database: ${database.error}`;
      return;
    }
    cleanups.push(() => database.stop());
    databaseSource = database.source;
    const scratch = {
      uri: database.uri,
      db: `mindex_bench_scratch_${options.invocation}`,
      collection: 'string_mappings',
    };
    const indexerDbs = {
      indexer: `mindex_bench_${options.invocation}`,
      indexer2: `mindex_bench_${options.invocation}`,
      indexerCold: `mindex_bench_cold_${options.invocation}`,
    };
    env.mongo = { uri: database.uri, pid: database.pid, scratch };
    // Drop what this run created even when the database outlives it (MONGODB_URI).
    cleanups.push(async () => {
      for (const db of [scratch.db, ...new Set(Object.values(indexerDbs))]) {
        await load.request('mongo-drop', { mongo: { uri: database.uri, db } });
      }
    });
    env.indexerEnv = (need) => ({
      INDEXER_HOST: '127.0.0.1',
      INDEXER_GRPC_PORT: '0',
      INDEXER_HTTP_PORT: '0',
      MONGODB_URI: database.uri,
      INDEXER_MONGODB_DATABASE: indexerDbs[need],
      INDEXER_CONFIGURATION_ADDRESS: '',
      INDEXER_QUERY_ADDRESS: '',
      // The listening line is logged at info.
      LOG_LEVEL: 'info',
      ...(args['indexer-options-json'] ? { INDEXER_OPTIONS_JSON: args['indexer-options-json'] } : {}),
    });
    if (!existsSync(INDEXER_ENTRY)) {
      const reason = `${relative(root, INDEXER_ENTRY)} is not built (the indexer service has not landed)`;
      for (const need of INDEXERS) env.unavailable[need] = reason;
    } else if (needs.has('indexer')) {
      try {
        const indexer = await spawnService(indexerProcess('indexer'));
        cleanups.push(() => indexer.stop());
        env.indexer = indexer;
      } catch (error) {
        for (const need of INDEXERS) env.unavailable[need] = `the indexer did not start: ${error.message}`;
      }
    }
  }
}

/** The recorded-responses reference, recording from the shared indexer (see replay-server.mjs). */
function replayProcess() {
  if (env.indexer === undefined) throw new Error(env.unavailable.indexer ?? 'no indexer to record from');
  return {
    entry: join(root, 'bench', 'replay-server.mjs'),
    env: { REPLAY_UPSTREAM: env.indexer.grpcAddress },
  };
}

/** How to start an indexer process; with --profile, each writes a CPU profile into that directory on exit. */
function indexerProcess(need) {
  const nodeArgs = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(args.profile)}`] : [];
  return { entry: INDEXER_ENTRY, env: env.indexerEnv(need), nodeArgs };
}

/**
 * Processes only one scenario needs (the second indexer of scale-out, the fresh-database one of cold
 * BulkRecord, the recorded-responses server) live only while it runs. Resolves with a function that stops them.
 */
async function startExtras(scenario, spawnService) {
  const started = [];
  for (const need of scenario.needs.filter((name) => EXTRAS.includes(name))) {
    if (env.unavailable[need] || env.indexerEnv === undefined) continue;
    try {
      env[need] = await spawnService(need === 'replay' ? replayProcess() : indexerProcess(need));
      started.push(need);
    } catch (error) {
      env.unavailable[need] = `the ${need} process did not start: ${error.message}`;
    }
  }
  return async () => {
    for (const need of started) {
      const service = env[need];
      delete env[need];
      await service.stop();
    }
  };
}

function gitCommit() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: root,
      encoding: 'utf8',
    });
    return dirty.trim() === '' ? head : `${head} (with uncommitted changes)`;
  } catch {
    return 'unknown';
  }
}

async function writeReport(scenarios) {
  const cpuList = cpus();
  const report = {
    meta: {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      mode: args.smoke ? 'smoke' : 'full',
      reps: options.reps,
      durationMs: options.durationMs,
      warmupMs: options.warmupMs,
      cacheMappings: options.cacheMappings,
      indexerOptions: args['indexer-options-json'] ?? 'service defaults',
      commit: gitCommit(),
      database: databaseSource,
      machine: {
        cpus: cpuList.length,
        cpuModel: cpuList[0]?.model ?? 'unknown',
        memoryGiB: totalmem() / 2 ** 30,
        node: process.version,
        platform: `${platform()} ${release()}`,
      },
      notes,
    },
    scenarios,
  };
  if (args.compare) {
    const before = JSON.parse(await readFile(args.compare, 'utf8'));
    report.meta.compared = {
      before: { startedAt: before.meta.startedAt, commit: before.meta.commit, mode: before.meta.mode },
      rows: compareReports(before, report),
    };
  }
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  await mkdir(args.out, { recursive: true });
  const jsonPath = join(args.out, `${stamp}.json`);
  const mdPath = join(args.out, `${stamp}.md`);
  await writeFile(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  const markdown = renderMarkdown(report);
  await writeFile(mdPath, markdown);
  console.log(`\n${markdown.split('\n## Scenarios')[0]}`);
  log(`report: ${relative(process.cwd(), mdPath)} and ${relative(process.cwd(), jsonPath)}`);

  const problems = validateReport(
    report,
    selected.map((scenario) => scenario.id),
  );
  for (const problem of problems) log(`malformed report: ${problem}`);
  const notRun = scenariosNotRun(report);
  for (const scenario of notRun) log(`${scenario.id} ${scenario.status}: ${scenario.reason}`);
  const ok = scenarios.length - notRun.length;
  if (args.smoke) console.log(`smoke: ${ok} passed, ${notRun.length + (problems.length > 0 ? 1 : 0)} failed`);
  return problems.length > 0 || notRun.length > 0 ? 1 : 0;
}
