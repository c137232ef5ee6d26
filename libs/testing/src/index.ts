export { spawnService, type ServiceProcess, type SpawnServiceOptions } from './spawn-service.js';
export { mongodbUri, openTestDatabase, type TestDatabase } from './open-test-database.js';
export { createTestPki, type CertPair, type TestPki } from './test-pki.js';
