export { spawnService, type ServiceProcess, type SpawnServiceOptions } from './spawn-service.js';
export { mongodbUri, openTestDatabase, type TestDatabase } from './open-test-database.js';
