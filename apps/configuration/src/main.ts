import { loadConfig } from './config.js';
import { startConfigurationServer } from './start-configuration-server.js';

// Composition root: config → server → "listening" line → graceful shutdown on SIGTERM/SIGINT.
const loaded = loadConfig(process.env);
if (!loaded.ok) {
  process.stderr.write(
    `configuration: invalid environment:\n${loaded.problems.map((p) => `  - ${p}`).join('\n')}\n`,
  );
  process.exit(1);
}

const server = await startConfigurationServer(loaded.config);
// Printed whatever LOG_LEVEL is: supervisors and tests wait for this line.
const listening = {
  time: new Date().toISOString(),
  level: 'info',
  msg: 'listening',
  service: 'configuration',
};
process.stdout.write(
  `${JSON.stringify({ ...listening, grpcPort: server.grpcPort, httpPort: server.httpPort })}\n`,
);

let signals = 0;
const onSignal = (signal: NodeJS.Signals): void => {
  signals += 1;
  if (signals > 1) process.exit(1);
  server.logger.info('shutting down', { signal });
  server.stop().then(
    () => process.exit(0),
    (err: unknown) => {
      server.logger.error('shutdown failed', { error: err });
      process.exit(1);
    },
  );
};
process.on('SIGTERM', onSignal);
process.on('SIGINT', onSignal);
