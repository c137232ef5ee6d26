import type { Logger } from '@mindex/rpc-server';
import type { MetadataStore } from './metadata-store.js';

export interface ExpiryCleanup {
  /** Runs one cleanup now; resolves with how many rows were deleted. */
  runOnce(): Promise<number>;
  stop(): void;
}

export interface ExpiryCleanupOptions {
  readonly store: MetadataStore;
  readonly intervalMs: number;
  readonly logger: Logger;
  now(): Date;
}

/**
 * Deletes expired metadata every `intervalMs` (FerretDB has no TTL indexes). Queries already ignore
 * expired rows, so a failed run only delays the space being freed; it is logged and retried next time.
 */
export function startExpiryCleanup(options: ExpiryCleanupOptions): ExpiryCleanup {
  const { store, logger } = options;
  let running: Promise<number> | undefined;
  const runOnce = (): Promise<number> => {
    running ??= store
      .deleteExpired(options.now())
      .then((deleted) => {
        if (deleted > 0) logger.info('deleted expired metadata', { deleted });
        return deleted;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer =
    options.intervalMs > 0
      ? setInterval(() => {
          runOnce().catch((error: unknown) => logger.warn('expired metadata cleanup failed', { error }));
        }, options.intervalMs)
      : undefined;
  timer?.unref();
  return { runOnce, stop: () => clearInterval(timer) };
}
