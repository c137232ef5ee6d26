/** A task run every `intervalMs` off the request path; a run never overlaps the previous one. */
export interface PeriodicTask {
  start(): void;
  /** Stops the timer and waits for a run in progress; with `finalRun`, runs once more before resolving. */
  stop(options?: { finalRun?: boolean }): Promise<void>;
  /** Runs the task now (after a run in progress), resolving when it finished. */
  runNow(): Promise<void>;
}

export interface PeriodicTaskOptions {
  intervalMs: number;
  run: () => Promise<void>;
  /** Called with whatever a run threw; the task keeps its schedule. */
  onError: (error: unknown) => void;
}

export function createPeriodicTask(options: PeriodicTaskOptions): PeriodicTask {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const runOnce = (): Promise<void> => {
    const previous = running ?? Promise.resolve();
    const next = previous
      .then(() => options.run())
      .catch((error: unknown) => options.onError(error))
      .finally(() => {
        if (running === next) running = undefined;
      });
    running = next;
    return next;
  };

  return {
    start() {
      if (timer !== undefined) return;
      timer = setInterval(() => {
        // Skip a tick while the previous run is still going.
        if (running === undefined) void runOnce();
      }, options.intervalMs);
      timer.unref();
    },
    async stop(stopOptions = {}) {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      await running;
      if (stopOptions.finalRun) await runOnce();
    },
    runNow: runOnce,
  };
}
