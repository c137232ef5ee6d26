// `npm start`: installs and builds what is missing, starts the embedded database (FerretDB over SQLite in .data/,
// unless MONGODB_URI is set) and the three services on their dev ports, and stops everything cleanly on Ctrl-C.
// Plain Node, no dependencies: it runs before `npm ci`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dependenciesOutdated } from './dependencies-outdated.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = process.env;
process.env.NX_DAEMON = 'false';

function must(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`npm start: ${command} ${args.join(' ')} failed`);
    process.exit(1);
  }
}

const outdated = dependenciesOutdated(root);
if (outdated) {
  console.log(`npm start: installing dependencies (${outdated})`);
  must('npm', ['ci']);
}
must(process.execPath, ['scripts/ensure-tools.mjs']);
must(join(root, 'node_modules', '.bin', 'tsc'), ['-b', 'tsconfig.json']);

const load = (lib) => import(pathToFileURL(join(root, 'libs', lib, 'dist', 'index.js')).href);
const { startFerretDb } = await load('devtools');
const { spawnService } = await load('testing');

const host = '127.0.0.1';
const database = env.MONGODB_URI
  ? { uri: env.MONGODB_URI, stop: async () => {} }
  : await startFerretDb({
      dataDir: join(root, '.data', 'ferretdb'),
      port: Number(env.MINDEX_FERRETDB_PORT ?? 27017),
      logFile: join(root, '.data', 'ferretdb.log'),
    });
console.log(`database: ${database.uri}${env.MONGODB_URI ? '' : ' (FerretDB, data in .data/ferretdb)'}`);

const ports = { indexer: 50051, configuration: 50052, query: 50053 };
const address = (name) => `${host}:${ports[name]}`;
const started = [];
const print = (name) => (line) => process.stdout.write(`[${name}] ${line}\n`);

async function start(name, extraEnv) {
  const prefix = name.toUpperCase();
  const service = await spawnService({
    entry: join(root, 'apps', name, 'dist', 'main.js'),
    env: {
      MONGODB_URI: database.uri,
      [`${prefix}_HOST`]: host,
      [`${prefix}_GRPC_PORT`]: String(ports[name]),
      [`${prefix}_HTTP_PORT`]: String(ports[name] + 1000),
      ...extraEnv,
      ...env,
    },
    onLine: print(name),
  });
  started.push({ name, service });
  return service;
}

let stopping = false;
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping: indexer, query, configuration, then the database');
  for (const { service } of started.reverse()) await service.stop();
  await database.stop();
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  await start('configuration');
  await start('query', {
    QUERY_INDEXER_ADDRESS: address('indexer'),
    QUERY_CONFIGURATION_ADDRESS: address('configuration'),
  });
  await start('indexer', {
    INDEXER_CONFIGURATION_ADDRESS: address('configuration'),
    INDEXER_QUERY_ADDRESS: address('query'),
  });
} catch (error) {
  console.error(`npm start: ${error instanceof Error ? error.message : String(error)}`);
  await stopAll(1);
}
for (const { name, service } of started) {
  service.child.once('exit', (code) => {
    if (!stopping) {
      console.error(`npm start: ${name} exited with ${code}`);
      void stopAll(1);
    }
  });
}

console.log(`
mindex is running (Ctrl-C stops everything):
  indexer        gRPC ${address('indexer')}   Connect JSON http://${host}:${ports.indexer + 1000}
  configuration  gRPC ${address('configuration')}   Connect JSON http://${host}:${ports.configuration + 1000}
  query          gRPC ${address('query')}   Connect JSON http://${host}:${ports.query + 1000}

try:
  .tools/bin/grpcurl -plaintext ${address('indexer')} list
  .tools/bin/grpcurl -plaintext -d '{"use_case":"transactions","org_id":1,"string":"hello"}' ${address('indexer')} mindex.indexer.v1.IndexerService/Record
  curl -s -H 'content-type: application/json' -d '{"mri":"d:transactions/duration@millisecond"}' http://${host}:${ports.query + 1000}/mindex.query.v1.QueryService/ParseMri
  node apps/cli/dist/main.js resolve transactions 1 hello
`);
