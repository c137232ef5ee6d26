// Generates the Go and Python clients from proto/ with buf and local plugins (`npm run clients:generate`).
// Plain Node, no dependencies; installs what is missing first (see clients/toolchain.mjs).
//
//   node clients/generate.mjs           regenerate clients/go/gen and clients/python/mindex_client/gen
//   node clients/generate.mjs --check   regenerate into a scratch directory and fail if the committed code differs,
//                                       or if clients/go/go.mod and go.sum are not tidy
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  ensureGoPlugins,
  ensurePythonVenv,
  goEnv,
  goModuleDir,
  root,
  run,
  runOrThrow,
  timed,
} from './toolchain.mjs';

/** Each template and the directory it writes (relative to the repository root). */
const TARGETS = [
  { name: 'Go', template: 'clients/buf.gen.go.yaml', out: 'clients/go/gen' },
  { name: 'Python', template: 'clients/buf.gen.python.yaml', out: 'clients/python/mindex_client/gen' },
];

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--check');
if (unknown.length > 0) {
  console.error(`usage: node clients/generate.mjs [--check]  (unknown: ${unknown.join(' ')})`);
  process.exit(2);
}
const check = args.includes('--check');
const buf = join(root, 'node_modules', '.bin', 'buf');

async function listFiles(dir) {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return (
    entries
      .filter((entry) => entry.isFile())
      .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
      // Python writes bytecode caches beside the modules it imports; they are not generated code.
      .filter((file) => !file.split('/').includes('__pycache__'))
      .sort()
  );
}

/** Names the files that differ between two generated trees. */
async function differences(fresh, committed) {
  const [freshFiles, committedFiles] = await Promise.all([listFiles(fresh), listFiles(committed)]);
  const stale = [];
  for (const file of new Set([...freshFiles, ...committedFiles])) {
    const [a, b] = await Promise.all(
      [fresh, committed].map((dir) => readFile(join(dir, file)).catch(() => undefined)),
    );
    if (!a || !b || !a.equals(b)) stale.push(file);
  }
  return { stale: stale.sort(), count: freshFiles.length };
}

async function generate() {
  for (const target of TARGETS) {
    await timed(`generated ${target.out}`, () =>
      runOrThrow(buf, ['generate', '--template', target.template], { echo: true }),
    );
  }
}

async function checkFresh() {
  const scratch = await mkdtemp(join(tmpdir(), 'mindex-clients-'));
  let ok = true;
  try {
    for (const target of TARGETS) {
      await runOrThrow(buf, ['generate', '--template', target.template, '-o', scratch], { echo: true });
      const { stale, count } = await differences(join(scratch, target.out), join(root, target.out));
      if (stale.length > 0) {
        ok = false;
        console.error(
          `${target.out} is stale (run \`npm run clients:generate\` and commit):\n  ${stale.join('\n  ')}`,
        );
      } else {
        console.log(`${target.out} matches the protos (${count} files)`);
      }
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const tidy = await run('go', ['mod', 'tidy', '-diff'], { cwd: goModuleDir, env: goEnv });
  if (tidy.code !== 0) {
    ok = false;
    console.error(
      `clients/go/go.mod or go.sum is not tidy (run \`go mod tidy\` in clients/go):\n${tidy.output}`,
    );
  } else {
    console.log('clients/go/go.mod and go.sum are tidy');
  }
  return ok;
}

const started = performance.now();
try {
  if (!existsSync(buf)) throw new Error(`${relative(root, buf)} is missing: run \`npm ci\` first`);
  await ensureGoPlugins();
  await ensurePythonVenv();
  const ok = check ? await checkFresh() : (await generate(), true);
  console.log(
    `clients ${check ? 'check' : 'generate'} ${ok ? 'done' : 'FAILED'} in ${((performance.now() - started) / 1000).toFixed(1)}s`,
  );
  process.exit(ok ? 0 : 1);
} catch (error) {
  console.error(`clients: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
