// The indexer app's entry points for tests and tools (main.ts is the process entry).
export { ConfigError, loadConfig, type IndexerConfig } from './config.js';
export {
  startIndexerServer,
  type IndexerServer,
  type StartIndexerServerOverrides,
} from './start-indexer-server.js';
export { createIndexerCore, type IndexerCore, type IndexerCoreDeps } from './create-indexer-core.js';
