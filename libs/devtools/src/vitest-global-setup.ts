import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { ensureGoTool, ensureGoTools } from './go-tools.js';
import { startFerretDb, type FerretDb } from './start-ferret-db.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongodbUri: string;
  }
}

/**
 * Global setup of the "integration" Vitest project: a MongoDB-compatible server for the tests (FerretDB on a
 * fresh temporary directory, unless MONGODB_URI already names one) and the gRPC command-line clients.
 * Tests read `process.env.MONGODB_URI` (or `inject('mongodbUri')`), `GRPCURL_BIN`, `GRPC_HEALTH_PROBE_BIN`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = (line: string) => console.log(`[devtools] ${line}`);
  const given = process.env['MONGODB_URI'];
  const clients = await ensureGoTools(['grpcurl', 'grpc-health-probe'], { log });
  process.env['GRPCURL_BIN'] = clients.grpcurl;
  process.env['GRPC_HEALTH_PROBE_BIN'] = clients['grpc-health-probe'];

  let server: FerretDb | undefined;
  if (!given) {
    // FerretDB is built only when no database is given: a first build takes minutes.
    server = await startFerretDb({ binary: await ensureGoTool('ferretdb', { log }) });
    process.env['MONGODB_URI'] = server.uri;
  }
  project.provide('mongodbUri', process.env['MONGODB_URI'] ?? '');

  return async () => {
    await server?.stop();
  };
}
