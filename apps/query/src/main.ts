import { ConfigError, loadConfig } from './config.js';
import { startQueryServer } from './server/start-query-server.js';

// Composition root: configuration from the environment, the server, and signal handling.
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const server = await startQueryServer(config);
  // Printed whatever the log level: launchers (spawnService, scripts) wait for this line.
  const listening = {
    msg: 'listening',
    service: 'query',
    grpcPort: server.grpcPort,
    httpPort: server.httpPort,
  };
  process.stdout.write(
    `${JSON.stringify({ time: new Date().toISOString(), level: 'info', ...listening })}\n`,
  );

  const shutdown = (signal: string) => {
    server.logger.info('shutting down', { signal });
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        server.logger.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `query failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
