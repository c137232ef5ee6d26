// The one test command (`npm test`): from a fresh clone it installs what is missing, checks contracts, lint,
// format and types, builds, and runs every Vitest project. Plain Node, no dependencies: it runs before `npm ci`.
//
//   node scripts/test.mjs [--quick] [vitest filters or flags...]
//     --quick   skip proto lint, generated-code freshness, ESLint, Prettier and the bench smoke (local iterations)
//
// Prints each step with its duration and ends with the line `N passed, N failed` (tests from Vitest's JSON
// report; a failed non-test step counts as one failure). Exits non-zero on any failure.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { dependenciesOutdated } from './dependencies-outdated.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'node_modules', '.bin');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const vitestArgs = args.filter((arg) => arg !== '--quick');

process.env.NX_DAEMON = 'false';
process.env.PATH = `${bin}${delimiter}${process.env.PATH ?? ''}`;

const results = [];

/** Runs a command in the repository root with inherited output; resolves to whether it exited 0. */
function run(command, commandArgs, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, {
      cwd: options.cwd ?? root,
      stdio: 'inherit',
      env: process.env,
    });
    child.on('error', (error) => {
      console.error(`cannot run ${command}: ${error.message}`);
      resolve(false);
    });
    child.on('close', (code) => resolve(code === 0));
  });
}

async function step(name, action) {
  console.log(`\n▶ ${name}`);
  const started = performance.now();
  let ok;
  try {
    ok = await action();
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    ok = false;
  }
  const seconds = (performance.now() - started) / 1000;
  results.push({ name, ok, seconds });
  console.log(`${ok ? '✔' : '✖'} ${name} (${seconds.toFixed(1)}s)`);
  return ok;
}

async function listFiles(dir) {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** Regenerates the protobuf code into a temporary directory and compares it with the committed copy. */
async function generatedCodeFresh() {
  const scratch = await mkdtemp(join(tmpdir(), 'mindex-gen-'));
  try {
    if (!(await run('buf', ['generate', '-o', scratch]))) return false;
    const fresh = join(scratch, 'libs', 'proto', 'src', 'gen');
    // Run from the scratch directory: Prettier skips files outside its working directory.
    const config = join(root, '.prettierrc.json');
    if (
      !(await run('prettier', ['--log-level', 'warn', '--config', config, '--write', '.'], { cwd: fresh }))
    ) {
      return false;
    }
    const committed = join(root, 'libs', 'proto', 'src', 'gen');
    const [freshFiles, committedFiles] = await Promise.all([listFiles(fresh), listFiles(committed)]);
    const stale = [];
    for (const file of new Set([...freshFiles, ...committedFiles])) {
      const [a, b] = await Promise.all(
        [fresh, committed].map((dir) => readFile(join(dir, file)).catch(() => undefined)),
      );
      if (!a || !b || !a.equals(b)) stale.push(file);
    }
    if (stale.length > 0) {
      console.error(
        `libs/proto/src/gen is stale (run \`npm run generate\` and commit):\n  ${stale.join('\n  ')}`,
      );
      return false;
    }
    console.log(`libs/proto/src/gen matches the protos (${freshFiles.length} files)`);
    return true;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

let tests = { passed: 0, failed: 0, skipped: 0 };
const DEFAULT_PROJECTS = ['--project', 'unit', '--project', 'integration', '--project', 'e2e'];

async function vitest() {
  const scratch = await mkdtemp(join(tmpdir(), 'mindex-vitest-'));
  const report = join(scratch, 'report.json');
  try {
    const ok = await run('vitest', [
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      // The chaos suite (faults, floods, fuzzing) runs on its own: `npm run test:chaos`.
      ...(vitestArgs.some((arg) => arg.startsWith('--project')) ? [] : DEFAULT_PROJECTS),
      ...vitestArgs,
    ]);
    if (!existsSync(report)) {
      console.error('vitest wrote no JSON report');
      return false;
    }
    const json = JSON.parse(await readFile(report, 'utf8'));
    tests = {
      passed: json.numPassedTests ?? 0,
      failed: json.numFailedTests ?? 0,
      skipped: (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0),
    };
    // A file that fails to load fails the run without failing a test: count it.
    const brokenFiles = (json.testResults ?? []).filter(
      (file) =>
        file.status === 'failed' && (file.assertionResults ?? []).every((test) => test.status !== 'failed'),
    );
    tests.failed += brokenFiles.length;
    return ok && tests.failed === 0;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function benchSmoke() {
  const out = await mkdtemp(join(tmpdir(), 'mindex-bench-'));
  try {
    return await run(process.execPath, [join('bench', 'run.mjs'), '--smoke', '--skip-build', '--out', out]);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

function finish() {
  // A failed step counts as one failure, except a vitest step whose failures are already counted per test.
  const failedSteps = results.filter(
    (result) => !result.ok && (result.name !== 'vitest' || tests.failed === 0),
  );
  console.log('\nSteps:');
  for (const result of results) {
    console.log(
      `  ${result.ok ? '✔' : '✖'} ${result.name.padEnd(34)} ${result.seconds.toFixed(1).padStart(7)}s`,
    );
  }
  const total = results.reduce((sum, result) => sum + result.seconds, 0);
  console.log(`  total ${total.toFixed(1)}s${tests.skipped > 0 ? `; ${tests.skipped} tests skipped` : ''}`);
  console.log(`${tests.passed} passed, ${tests.failed + failedSteps.length} failed`);
  process.exit(results.every((result) => result.ok) ? 0 : 1);
}

// Setup: without it nothing else can run, so stop at the first failure.
const outdated = dependenciesOutdated();
if (outdated) {
  if (!(await step(`npm ci (${outdated})`, () => run('npm', ['ci'])))) finish();
} else {
  console.log('node_modules matches package-lock.json');
}
if (!(await step('go tools', () => run(process.execPath, [join(root, 'scripts', 'ensure-tools.mjs')]))))
  finish();

// Checks: keep going after a failure, to report every problem in one run.
if (!quick) {
  await step('proto lint', () => run('npm', ['run', '--silent', 'proto:lint']));
  await step('generated code fresh', generatedCodeFresh);
  await step('generated clients fresh (Go, Python)', () =>
    run(process.execPath, [join(root, 'clients', 'generate.mjs'), '--check']),
  );
  // Caches live in node_modules/.cache so that warm runs are fast and the tree stays clean.
  const eslintCache = ['--cache', '--cache-location', 'node_modules/.cache/eslint/'];
  await step('eslint', () => run('npm', ['run', '--silent', 'lint', '--', ...eslintCache]));
  await step('prettier', () => run('prettier', ['--check', '--cache', '--log-level', 'warn', '.']));
}
await step('build (tsc -b)', () => run('tsc', ['-b', 'tsconfig.json']));
await step('vitest', vitest);
if (!quick) {
  // The benchmark harness: its own unit tests, then every scenario once for a second (checks the harness and
  // the answers it gets, not timings).
  await step('bench harness tests', () => run(process.execPath, ['--test', join('bench', 'lib')]));
  await step('bench smoke', benchSmoke);
}
finish();
