export { CONFIGURATION_DEFAULTS, loadConfig, type ConfigResult, type ConfigurationConfig } from './config.js';
export {
  startConfigurationServer,
  type ConfigurationServer,
  type StartConfigurationServerOptions,
} from './start-configuration-server.js';
export {
  createConfigurationService,
  type ConfigurationServiceDeps,
} from './service/configuration-service.js';
export { INGEST_CONFIGURATIONS, type IngestConfiguration } from './ingest/ingest-configurations.js';
