import type { Logger } from './logger.js';

/** What a started service gives its process: where it listens, its logger, and how to stop it. */
export interface RunningService {
  readonly grpcPort: number;
  readonly httpPort: number;
  readonly logger: Logger;
  stop(): Promise<void>;
}

/**
 * The process part of every service's main.ts: starts the service, prints the "listening" line (whatever the log
 * level: launchers such as spawnService and npm start wait for it), and shuts down gracefully on SIGTERM/SIGINT
 * (a second signal exits at once). A failed start exits 1 with the error on stderr.
 */
export async function runService(name: string, start: () => Promise<RunningService>): Promise<void> {
  let service: RunningService;
  try {
    service = await start();
  } catch (error) {
    process.stderr.write(
      `${name} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  }
  const listening = {
    msg: 'listening',
    service: name,
    grpcPort: service.grpcPort,
    httpPort: service.httpPort,
  };
  process.stdout.write(
    `${JSON.stringify({ time: new Date().toISOString(), level: 'info', ...listening })}\n`,
  );

  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    signals += 1;
    if (signals > 1) process.exit(1);
    service.logger.info('shutting down', { signal });
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        service.logger.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
