import { randomBytes } from 'node:crypto';
import { findFreePort } from '@mindex/devtools';
import { spawnService, type ServiceProcess } from '@mindex/testing';
import { appEntry, type AppName } from './app-entry.js';

const ENV_PREFIX: Record<AppName, string> = {
  indexer: 'INDEXER',
  configuration: 'CONFIGURATION',
  query: 'QUERY',
};

export interface ServiceOptions {
  mongodbUri: string;
  /** Database name; a unique one by default. */
  database?: string;
  /** Extra environment (dependency addresses, TLS files, tokens ...). */
  env?: Record<string, string>;
  /** A gRPC port chosen beforehand (when another service must know the address first). */
  grpcPort?: number;
}

/** A service process the test starts, kills and restarts on the same ports. */
export interface ManagedService {
  readonly app: AppName;
  readonly grpcPort: number;
  readonly httpPort: number;
  /** "127.0.0.1:<grpcPort>" */
  readonly grpcAddress: string;
  readonly database: string;
  readonly pid: number | undefined;
  readonly running: boolean;
  /** Exits nobody asked for (crashes), with their exit code or signal. */
  readonly unexpectedExits: readonly string[];
  start(): Promise<void>;
  /** SIGTERM and wait (graceful). */
  stop(): Promise<void>;
  /** SIGKILL at once (kill -9) and wait. */
  kill(): Promise<void>;
  /** SIGSTOP: the process freezes; its sockets accept connections but nothing answers (a hung peer). */
  freeze(): void;
  /** SIGCONT after freeze(). */
  thaw(): void;
  /** Every log line of every run so far. */
  logs(): string[];
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

/** Starts a built service with free fixed ports (so a restart comes back on the same address). */
export async function launchService(app: AppName, options: ServiceOptions): Promise<ManagedService> {
  const prefix = ENV_PREFIX[app];
  const grpcPort = options.grpcPort ?? (await findFreePort());
  const httpPort = await findFreePort();
  const database = options.database ?? uniqueName(`chaos_${app}`);
  const env: Record<string, string> = {
    LOG_LEVEL: 'info',
    MONGODB_URI: options.mongodbUri,
    [`${prefix}_HOST`]: '127.0.0.1',
    [`${prefix}_GRPC_PORT`]: String(grpcPort),
    [`${prefix}_HTTP_PORT`]: String(httpPort),
    [`${prefix}_MONGODB_DATABASE`]: database,
    [`${prefix}_SHUTDOWN_GRACE_MS`]: '2000',
    ...options.env,
  };
  const runs: ServiceProcess[] = [];
  const unexpectedExits: string[] = [];
  let current: ServiceProcess | undefined;
  let stopping = false;

  const start = async () => {
    if (current !== undefined) return;
    stopping = false;
    const started = await spawnService({ entry: appEntry(app), env, readyTimeoutMs: 30_000 });
    runs.push(started);
    current = started;
    started.child.once('exit', (code, signal) => {
      if (!stopping) unexpectedExits.push(`${app} exited on its own: code ${code}, signal ${signal}`);
      if (current === started) current = undefined;
    });
  };
  await start();

  return {
    app,
    grpcPort,
    httpPort,
    grpcAddress: `127.0.0.1:${grpcPort}`,
    database,
    get pid() {
      return current?.child.pid;
    },
    get running() {
      return current !== undefined;
    },
    unexpectedExits,
    start,
    async stop() {
      const run = current;
      if (run === undefined) return;
      stopping = true;
      run.child.kill('SIGCONT');
      await run.stop(5000);
      current = undefined;
    },
    async kill() {
      const run = current;
      if (run === undefined) return;
      stopping = true;
      await run.kill();
      current = undefined;
    },
    freeze: () => void current?.child.kill('SIGSTOP'),
    thaw: () => void current?.child.kill('SIGCONT'),
    logs: () => runs.flatMap((run) => run.logs),
  };
}

/** Stops every service that is still running (afterAll). */
export async function stopAll(services: readonly (ManagedService | undefined)[]): Promise<void> {
  await Promise.all(services.map((service) => service?.stop()));
}
