import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient } from 'mongodb';
import { findFreePort, isPortFree } from './find-free-port.js';
import { ensureGoTool } from './go-tools.js';
import { createOutputTail, type OutputTail } from './output-tail.js';

export interface StartFerretDbOptions {
  /** The ferretdb binary; by default the pinned one, installed into `toolsDir` if needed. */
  binary?: string;
  toolsDir?: string;
  /** Where SQLite files and FerretDB state live; by default a fresh temporary directory. */
  dataDir?: string;
  /** Loopback port; by default a free one. */
  port?: number;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Append FerretDB's own log here (it is otherwise kept only for error messages). */
  logFile?: string;
  startTimeoutMs?: number;
  /** Delete `dataDir` on stop; defaults to true only for the temporary directory made here. */
  removeDataDirOnStop?: boolean;
}

export interface FerretDb {
  uri: string;
  port: number;
  dataDir: string;
  pid: number;
  /** SIGTERM, then SIGKILL after `graceMs`; safe to call more than once. */
  stop(options?: { graceMs?: number }): Promise<void>;
}

export class FerretDbStartError extends Error {
  readonly reason = 'ferretdb-start-failed';
  constructor(
    message: string,
    readonly outputTail: string,
    options?: ErrorOptions,
  ) {
    super(outputTail ? `${message}; FerretDB output:\n${outputTail}` : message, options);
    this.name = 'FerretDbStartError';
  }
}

const PORT_ATTEMPTS = 3;

/**
 * Starts FerretDB (MongoDB wire protocol over SQLite) on 127.0.0.1 and resolves once it answers a MongoDB
 * ping. Rejects with FerretDB's output if the process dies or does not answer in time.
 */
export async function startFerretDb(options: StartFerretDbOptions = {}): Promise<FerretDb> {
  const binary = options.binary ?? (await ensureGoTool('ferretdb', { toolsDir: options.toolsDir }));
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = resolve(options.dataDir ?? (await mkdtemp(join(tmpdir(), 'mindex-ferretdb-'))));
  const removeDataDir = options.removeDataDirOnStop ?? ownsDataDir;
  try {
    // A server already on a given port would answer our readiness ping in place of the one started here.
    if (options.port !== undefined && !(await isPortFree(options.port))) {
      throw new FerretDbStartError(`port ${options.port} on 127.0.0.1 is already in use`, '');
    }
    await mkdir(dataDir, { recursive: true });
    for (let attempt = 1; ; attempt++) {
      const port = options.port ?? (await findFreePort());
      try {
        return await launch(binary, dataDir, port, removeDataDir, options);
      } catch (error) {
        // A port picked here can be taken by someone else before FerretDB binds it: pick another.
        const portRace =
          options.port === undefined &&
          attempt < PORT_ATTEMPTS &&
          error instanceof FerretDbStartError &&
          /address already in use/i.test(error.outputTail);
        if (!portRace) throw error;
      }
    }
  } catch (error) {
    if (removeDataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function launch(
  binary: string,
  dataDir: string,
  port: number,
  removeDataDir: boolean,
  options: StartFerretDbOptions,
): Promise<FerretDb> {
  const args = [
    '--handler=sqlite',
    `--sqlite-url=file:${dataDir}/`,
    `--state-dir=${dataDir}`,
    `--listen-addr=127.0.0.1:${port}`,
    '--debug-addr=127.0.0.1:0',
    '--telemetry=disable',
    `--log-level=${(options.logLevel ?? 'warn').toUpperCase()}`,
    '--log-format=text',
  ];
  const child = spawn(binary, args, {
    env: withoutFerretDbEnv(process.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail = createOutputTail();
  const logStream = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : undefined;
  pipeOutput(child, tail, logStream);
  const exited = new Promise<void>((resolveExit) => child.once('close', () => resolveExit()));
  const spawnFailed = new Promise<Error>((resolveError) => child.once('error', resolveError));
  // If this process exits without stop(), do not leave the server running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = (stopOptions: { graceMs?: number } = {}) => {
    stopping ??= (async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const graceful = await Promise.race([
          exited.then(() => true),
          sleep(stopOptions.graceMs ?? 5000, false),
        ]);
        if (!graceful) {
          child.kill('SIGKILL');
          await exited;
        }
      }
      await new Promise<void>((done) => (logStream ? logStream.end(done) : done()));
      if (removeDataDir) await rm(dataDir, { recursive: true, force: true });
    })();
    return stopping;
  };

  const uri = `mongodb://127.0.0.1:${port}/`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  try {
    for (;;) {
      const outcome = await Promise.race([
        ping(uri).then((ok) => (ok ? 'ready' : 'not-yet')),
        exited.then(() => 'exited' as const),
        spawnFailed,
      ]);
      if (outcome === 'ready') break;
      if (outcome instanceof Error)
        throw new FerretDbStartError(`cannot run ${binary}`, '', { cause: outcome });
      if (outcome === 'exited') {
        throw new FerretDbStartError(`FerretDB exited during startup (code ${child.exitCode})`, tail.text());
      }
      if (Date.now() > deadline)
        throw new FerretDbStartError('FerretDB did not answer a ping in time', tail.text());
      await sleep(100);
    }
  } catch (error) {
    await stop({ graceMs: 1000 });
    throw error;
  }
  return { uri, port, dataDir, pid: child.pid ?? 0, stop };
}

function pipeOutput(child: ChildProcess, tail: OutputTail, logStream: WriteStream | undefined): void {
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8').on('data', (chunk: string) => {
      tail.push(chunk);
      logStream?.write(chunk);
    });
  }
}

async function ping(uri: string): Promise<boolean> {
  const client = new MongoClient(uri, {
    directConnection: true,
    serverSelectionTimeoutMS: 1000,
    connectTimeoutMS: 1000,
  });
  try {
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}

/** Flags set here must win; FERRETDB_* variables from the caller's shell would silently add settings. */
function withoutFerretDbEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith('FERRETDB_')));
}
