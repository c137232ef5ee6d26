import { runService } from '@mindex/rpc-server';
import { ConfigError, loadConfig } from './config.js';
import { startIndexerServer } from './start-indexer-server.js';

// Composition root: configuration from the environment, then the server (signals and shutdown in runService).
function configFromEnv() {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}

const config = configFromEnv();
await runService('indexer', () => startIndexerServer(config));
