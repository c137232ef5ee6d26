import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, startFerretDb, type FerretDb } from '@mindex/devtools';

/** A FerretDB the test owns: it can be stopped, killed and started again on the same port and data. */
export interface ChaosDb {
  readonly uri: string;
  readonly port: number;
  readonly running: boolean;
  /** SIGKILL: the database vanishes mid-request, as on a crash or a network cut. */
  kill(): Promise<void>;
  /** SIGTERM with a grace period. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data; resolves with the milliseconds until it answered a ping. */
  start(): Promise<number>;
  /** Stops it and deletes its data. */
  dispose(): Promise<void>;
}

export async function startChaosDb(): Promise<ChaosDb> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mindex-chaos-db-'));
  const port = await findFreePort();
  const launch = () => startFerretDb({ dataDir, port, removeDataDirOnStop: false, startTimeoutMs: 30_000 });
  let server: FerretDb | undefined = await launch();
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    port,
    get running() {
      return server !== undefined;
    },
    async kill() {
      if (server === undefined) return;
      process.kill(server.pid, 'SIGKILL');
      await server.stop({ graceMs: 1000 });
      server = undefined;
    },
    async stop() {
      await server?.stop({ graceMs: 5000 });
      server = undefined;
    },
    async start() {
      if (server !== undefined) return 0;
      const startedAt = performance.now();
      server = await launch();
      return performance.now() - startedAt;
    },
    async dispose() {
      await server?.stop({ graceMs: 1000 });
      server = undefined;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
