// Installs the pinned Go tools (ferretdb, grpcurl, grpc-health-probe) into .tools/bin, building each once.
// The installer lives in @mindex/devtools; Node 20 cannot run its TypeScript, so that lib is compiled first.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), ['-b', 'libs/devtools/tsconfig.lib.json'], {
  cwd: root,
  stdio: 'inherit',
});
if (tsc.status !== 0) {
  console.error('ensure-tools: building libs/devtools failed');
  process.exit(1);
}

const { ensureGoTools } = await import(
  pathToFileURL(join(root, 'libs', 'devtools', 'dist', 'index.js')).href
);
try {
  const tools = await ensureGoTools(undefined, { log: (line) => console.log(`ensure-tools: ${line}`) });
  for (const [name, path] of Object.entries(tools)) console.log(`ensure-tools: ${name} -> ${path}`);
} catch (error) {
  console.error(`ensure-tools: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
