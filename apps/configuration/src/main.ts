import { runService } from '@mindex/rpc-server';
import { loadConfig } from './config.js';
import { startConfigurationServer } from './start-configuration-server.js';

// Composition root: configuration from the environment, then the server (signals and shutdown in runService).
const loaded = loadConfig(process.env);
if (!loaded.ok) {
  process.stderr.write(
    `configuration: invalid environment:\n${loaded.problems.map((p) => `  - ${p}`).join('\n')}\n`,
  );
  process.exit(1);
}
const { config } = loaded;
await runService('configuration', () => startConfigurationServer(config));
