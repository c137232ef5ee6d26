import type { CallOutcome } from './clients.js';
import { attempt } from './clients.js';

/** One call made by a load worker, with when it started and ended (performance.now() milliseconds). */
export interface LoadCall {
  readonly worker: string;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly outcome: CallOutcome<unknown>;
}

export interface Load {
  readonly calls: readonly LoadCall[];
  /** Stops the workers and waits for their last calls. */
  stop(): Promise<void>;
}

export interface LoadWorker {
  name: string;
  /** One call; `n` counts this worker's iterations. The outcome's value is passed to `check`. */
  call(n: number): Promise<unknown>;
  /** Inspects a successful answer (record ids, compare values ...). */
  check?(n: number, value: unknown): void;
  pauseMs?: number;
}

/** Runs workers in a loop until stopped, recording every call's outcome and timing. */
export function startLoad(workers: readonly LoadWorker[]): Load {
  const calls: LoadCall[] = [];
  let running = true;
  const loops = workers.map(async (worker) => {
    for (let n = 0; running; n++) {
      const startedAt = performance.now();
      const outcome = await attempt(() => worker.call(n));
      calls.push({ worker: worker.name, startedAt, endedAt: performance.now(), outcome });
      if (outcome.code === 'OK') worker.check?.(n, outcome.value);
      await new Promise((resolve) => setTimeout(resolve, worker.pauseMs ?? 10));
    }
  });
  return {
    calls,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}
