// What clients/generate.mjs and clients/run-examples.mjs need on a fresh machine, installed on demand:
// protoc-gen-go and protoc-gen-go-grpc in .tools/bin (versions pinned by the `tool` lines of clients/go/go.mod),
// and a Python venv in .tools/venv with clients/python/requirements.txt. Plain Node, no dependencies.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const toolsBin = join(root, '.tools', 'bin');
export const venv = join(root, '.tools', 'venv');
export const venvPython = join(venv, 'bin', 'python');
export const goModuleDir = join(root, 'clients', 'go');
const requirementsPath = join(root, 'clients', 'python', 'requirements.txt');
const venvStampPath = join(venv, '.mindex-requirements.txt');

/** Go settings that keep a surrounding go.work or GOFLAGS=-mod=vendor from changing what gets built. */
export const goEnv = { ...process.env, GOWORK: 'off', GOFLAGS: '-buildvcs=false', GO111MODULE: 'on' };

/**
 * Runs a command; resolves with its exit code and output. Output is echoed when `echo` is set, else kept so a
 * failure can show it. Rejects only when the command cannot start (for example, not installed).
 */
export function run(command, args, { cwd = root, env = process.env, echo = false, timeoutMs } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (stream, target) =>
      stream.on('data', (chunk) => {
        output += chunk;
        if (echo) target.write(chunk);
      });
    collect(child.stdout, process.stdout);
    collect(child.stderr, process.stderr);
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            output += `\n(killed after ${timeoutMs} ms)\n`;
            child.kill('SIGKILL');
          }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${command}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), output });
    });
  });
}

/** Runs a command and throws with its output when it exits non-zero. */
export async function runOrThrow(command, args, options = {}) {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    const tail = options.echo ? '' : `\n${result.output.trim().split('\n').slice(-40).join('\n')}`;
    throw new Error(`${command} ${args.join(' ')} exited with ${result.code}${tail}`);
  }
  return result.output;
}

/** Runs `action`, printing its name and duration; returns what it returns. */
export async function timed(name, action) {
  const started = performance.now();
  const value = await action();
  console.log(`${name} (${((performance.now() - started) / 1000).toFixed(1)}s)`);
  return value;
}

/** Holds a lock directory in .tools while `action` runs, so parallel runs do not install at the same time. */
export async function withToolsLock(action) {
  const lock = join(root, '.tools', 'clients.lock');
  await mkdir(join(root, '.tools'), { recursive: true });
  const deadline = Date.now() + 20 * 60_000;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const holder = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => 'NaN'));
      // A holder that died leaves its lock behind: take it over.
      if (Number.isInteger(holder) && !isAlive(holder)) {
        await rm(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock} (held by pid ${holder})`);
      await sleep(500);
    }
  }
  try {
    await writeFile(join(lock, 'pid'), String(process.pid));
    return await action();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** The versions clients/go/go.mod pins for the two plugins, as `--version` prints them. */
function wantedGoPlugins() {
  const goMod = readFileSync(join(goModuleDir, 'go.mod'), 'utf8');
  const version = (module) => {
    const match = goMod.match(
      new RegExp(`^\\s*(?:require\\s+)?${module.replaceAll('.', '\\.')} (v\\S+)`, 'm'),
    );
    if (!match) throw new Error(`clients/go/go.mod does not require ${module}`);
    return match[1];
  };
  return {
    'protoc-gen-go': `protoc-gen-go ${version('google.golang.org/protobuf')}`,
    'protoc-gen-go-grpc': `protoc-gen-go-grpc ${version('google.golang.org/grpc/cmd/protoc-gen-go-grpc').slice(1)}`,
  };
}

async function goPluginsCurrent(wanted) {
  for (const [name, version] of Object.entries(wanted)) {
    const binary = join(toolsBin, name);
    if (!existsSync(binary)) return false;
    const { code, output } = await run(binary, ['--version']).catch(() => ({ code: 1, output: '' }));
    if (code !== 0 || output.trim() !== version) return false;
  }
  return true;
}

/** Builds protoc-gen-go and protoc-gen-go-grpc into .tools/bin unless the pinned versions are there. */
export async function ensureGoPlugins() {
  const wanted = wantedGoPlugins();
  if (await goPluginsCurrent(wanted)) return;
  await withToolsLock(async () => {
    if (await goPluginsCurrent(wanted)) return;
    await timed(`installed ${Object.values(wanted).join(', ')} into .tools/bin`, () =>
      runOrThrow('go', ['install', 'tool'], {
        cwd: goModuleDir,
        env: { ...goEnv, GOBIN: toolsBin },
      }).catch((error) => {
        throw error.message.includes('cannot run go')
          ? new Error('the Go toolchain (go) is not on PATH; Go 1.26 is needed for the Go client')
          : error;
      }),
    );
  });
}

async function venvCurrent(requirements) {
  if (!existsSync(venvPython)) return false;
  return (await readFile(venvStampPath, 'utf8').catch(() => '')) === requirements;
}

/** Creates .tools/venv with the exact clients/python/requirements.txt unless it already has them. */
export async function ensurePythonVenv() {
  const requirements = readFileSync(requirementsPath, 'utf8');
  if (await venvCurrent(requirements)) return;
  await withToolsLock(async () => {
    if (await venvCurrent(requirements)) return;
    await timed('created .tools/venv with clients/python/requirements.txt', async () => {
      // A venv from other requirements is rebuilt, so it holds exactly the pinned packages.
      await rm(venv, { recursive: true, force: true });
      await runOrThrow('python3', ['-m', 'venv', venv]).catch((error) => {
        throw error.message.includes('cannot run python3')
          ? new Error('python3 is not on PATH; Python 3.11 with venv and pip is needed for the Python client')
          : error;
      });
      await runOrThrow(venvPython, [
        '-m',
        'pip',
        'install',
        '--quiet',
        '--disable-pip-version-check',
        '--no-input',
        '-r',
        requirementsPath,
      ]);
      await writeFile(venvStampPath, requirements);
    });
  });
}
