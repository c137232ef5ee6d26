export { spawnService, type ServiceProcess, type SpawnServiceOptions } from './spawn-service.js';
