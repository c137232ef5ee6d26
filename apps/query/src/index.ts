// Query service: metrics metadata from indexed buckets (spec §3), MRI operations (§2), query helpers (§8).
export { ConfigError, loadConfig, type QueryConfig } from './config.js';
export {
  startQueryServer,
  type QueryServer,
  type StartQueryServerOptions,
} from './server/start-query-server.js';
export { createQueryService, type QueryServiceDeps } from './service/query-service.js';
export {
  DEFAULT_TAG_VALUES_LIMIT,
  MAX_PREFIX_LENGTH,
  MAX_PROJECTS,
  MAX_RECORD_BUCKETS,
  MAX_STRING_LENGTH,
  MAX_TAG_VALUES_LIMIT,
  MAX_USE_CASES,
} from './service/request-limits.js';
export type { IndexerPort } from './dependencies/indexer-port.js';
export type {
  ConfigurationPort,
  MetricBlockingEntry,
  ProjectBlockingState,
} from './dependencies/configuration-port.js';
export { DependencyError, type DependencyName } from './dependencies/dependency-error.js';
export { createConnectIndexerPort, REVERSE_RESOLVE_CHUNK } from './dependencies/connect-indexer-port.js';
export { createConnectConfigurationPort } from './dependencies/connect-configuration-port.js';
export { createDefaultConfigurationPort } from './dependencies/default-configuration-port.js';
export { TAG_VALUES_PER_KEY_DAY, type MetadataStore, type MetaQuery } from './store/metadata-store.js';
export { createInMemoryMetadataStore } from './store/in-memory-metadata-store.js';
export {
  createMongoMetadataStore,
  METRIC_DAYS_COLLECTION,
  TAG_VALUE_DAYS_COLLECTION,
  type MongoMetadataStore,
} from './store/mongo-metadata-store.js';
export { collectMetadata, DEFAULT_RETENTION_DAYS } from './metadata/collect-metadata.js';
export { META_QUERY_LIMIT } from './query/order-meta-rows.js';
