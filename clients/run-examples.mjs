// Runs the Go and Python client examples against a running suite and reports each. Plain Node, no dependencies;
// installs what is missing first (see clients/toolchain.mjs).
//
//   MINDEX_INDEXER_ADDRESS=host:port MINDEX_QUERY_ADDRESS=host:port node clients/run-examples.mjs [go] [python]
//
// Addresses default to 127.0.0.1:50051 and 127.0.0.1:50053 (the examples' own defaults). With no language named,
// both run. Prints each example's output and ends with the line `N passed, N failed`; exits non-zero on any
// failure.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensurePythonVenv, goEnv, goModuleDir, root, run, runOrThrow, venvPython } from './toolchain.mjs';

// One example makes about a dozen calls with 5 s deadlines and waits up to 15 s for metadata.
const EXAMPLE_TIMEOUT_MS = 120_000;

const EXAMPLES = {
  go: {
    async prepare(scratch) {
      const binary = join(scratch, 'example');
      await runOrThrow('go', ['build', '-o', binary, './cmd/example'], { cwd: goModuleDir, env: goEnv });
      return { command: binary, args: [] };
    },
  },
  python: {
    async prepare() {
      await ensurePythonVenv();
      return { command: venvPython, args: [join(root, 'clients', 'python', 'example.py')] };
    },
  },
};

const args = process.argv.slice(2);
const unknown = args.filter((arg) => !(arg in EXAMPLES));
if (unknown.length > 0) {
  console.error(`usage: node clients/run-examples.mjs [go] [python]  (unknown: ${unknown.join(' ')})`);
  process.exit(2);
}
const selected = args.length > 0 ? [...new Set(args)] : Object.keys(EXAMPLES);

const env = {
  ...process.env,
  MINDEX_INDEXER_ADDRESS: process.env.MINDEX_INDEXER_ADDRESS || '127.0.0.1:50051',
  MINDEX_QUERY_ADDRESS: process.env.MINDEX_QUERY_ADDRESS || '127.0.0.1:50053',
  // Unbuffered, so the example's lines interleave with ours in order.
  PYTHONUNBUFFERED: '1',
};
console.log(`examples against indexer ${env.MINDEX_INDEXER_ADDRESS}, query ${env.MINDEX_QUERY_ADDRESS}`);

const scratch = await mkdtemp(join(tmpdir(), 'mindex-examples-'));
const results = [];
try {
  for (const name of selected) {
    console.log(`\n▶ ${name} example`);
    const started = performance.now();
    let ok;
    try {
      const { command, args: commandArgs } = await EXAMPLES[name].prepare(scratch);
      const { code } = await run(command, commandArgs, {
        cwd: root,
        env,
        echo: true,
        timeoutMs: EXAMPLE_TIMEOUT_MS,
      });
      ok = code === 0;
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      ok = false;
    }
    const seconds = (performance.now() - started) / 1000;
    results.push({ name, ok, seconds });
    console.log(`${ok ? '✔' : '✖'} ${name} example (${seconds.toFixed(1)}s)`);
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}

const failed = results.filter((result) => !result.ok).length;
console.log(`\n${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
