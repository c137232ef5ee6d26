import { fork, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { clearTimeout, setTimeout } from 'node:timers';

/** The last lines of a text, for error messages. */
const tail = (text, lines = 30) => text.trim().split('\n').slice(-lines).join('\n');

/** Builds the workspace (`tsc -b`); returns whether it succeeded and the end of its output. */
export function buildWorkspace(root) {
  const result = spawnSync('npx', ['tsc', '-b', 'tsconfig.json'], { cwd: root, encoding: 'utf8' });
  return { ok: result.status === 0, output: tail(`${result.stdout ?? ''}${result.stderr ?? ''}`) };
}

/** Builds bench/go-echo into .tools/bin with `go build` (modules from the Go module proxy, cached by Go). */
export function buildGoEcho(root) {
  const binary = join(root, '.tools', 'bin', 'mindex-go-echo');
  const result = spawnSync('go', ['build', '-o', binary, '.'], {
    cwd: join(root, 'bench', 'go-echo'),
    encoding: 'utf8',
  });
  if (result.error) return { ok: false, output: `cannot run go: ${result.error.message}` };
  return { ok: result.status === 0, binary, output: tail(`${result.stdout ?? ''}${result.stderr ?? ''}`) };
}

/**
 * Starts any command that prints the services' `{"msg":"listening","grpcPort":N}` line (the Go echo server),
 * the same contract as @mindex/testing's spawnService, which only starts Node entry points.
 */
export function spawnListening({ command, args = [], env = {}, readyTimeoutMs = 30_000 }) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs = [];
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  createInterface({ input: child.stderr }).on('line', (line) => logs.push(line));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} did not start in time:\n${logs.slice(-20).join('\n')}`));
    }, readyTimeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code} before listening:\n${logs.slice(-20).join('\n')}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      logs.push(line);
      let parsed;
      try {
        parsed = line.startsWith('{') ? JSON.parse(line) : undefined;
      } catch {
        parsed = undefined;
      }
      if (parsed?.msg !== 'listening' || parsed.grpcPort === undefined) return;
      clearTimeout(timer);
      resolve({
        child,
        grpcPort: parsed.grpcPort,
        grpcAddress: `127.0.0.1:${parsed.grpcPort}`,
        logs,
        stop: async (graceMs = 5000) => {
          if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
          child.kill('SIGTERM');
          const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
          const code = await exited;
          clearTimeout(force);
          return code;
        },
      });
    });
  });
}

/**
 * The MongoDB-compatible server to benchmark against: a fresh FerretDB from @mindex/devtools when it is built,
 * otherwise the one MONGODB_URI names. Resolves with `{uri, pid (when started here), source, stop()}` or `{error}`.
 */
export async function startDatabase(root, env) {
  const devtoolsEntry = join(root, 'libs', 'devtools', 'dist', 'index.js');
  if (existsSync(devtoolsEntry)) {
    const devtools = await import('@mindex/devtools');
    if (typeof devtools.startFerretDb === 'function') {
      try {
        const ferret = await devtools.startFerretDb({ logLevel: 'warn' });
        return {
          uri: ferret.uri,
          pid: ferret.pid,
          source: `FerretDB ${ferret.uri} (started by @mindex/devtools)`,
          stop: ferret.stop,
        };
      } catch (error) {
        if (!env.MONGODB_URI) return { error: `FerretDB did not start: ${error.message}` };
      }
    }
  }
  if (env.MONGODB_URI)
    return { uri: env.MONGODB_URI, source: `MONGODB_URI ${env.MONGODB_URI}`, stop: async () => {} };
  return { error: '@mindex/devtools has no startFerretDb (not built) and MONGODB_URI is not set' };
}

/** Forks bench/load.mjs and returns `{request(cmd, fields), close()}` speaking its IPC protocol. */
export function startLoadProcess(root) {
  const child = fork(join(root, 'bench', 'load.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map();
  let nextId = 0;
  let exitError;
  child.on('message', (message) => {
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.ok) waiter?.resolve(message.result);
    else waiter?.reject(new Error(`load process: ${message.error}`));
  });
  child.once('exit', (code, signal) => {
    exitError = new Error(`load process exited (${code ?? signal})`);
    for (const waiter of pending.values()) waiter.reject(exitError);
    pending.clear();
  });
  const request = (cmd, fields = {}) =>
    new Promise((resolve, reject) => {
      if (exitError) return reject(exitError);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, cmd, ...fields });
    });
  const close = async () => {
    if (exitError) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await request('shutdown').catch(() => undefined);
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(force);
  };
  return { request, close };
}
