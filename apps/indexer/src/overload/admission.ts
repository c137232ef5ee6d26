import { resourceExhausted } from '@mindex/rpc-server';
import { endedError } from './call-signals.js';

export interface AdmissionLimits {
  /** Database-bound operations running at once. */
  maxConcurrent: number;
  /** Operations waiting for a slot; beyond this a call is refused at once. */
  maxQueued: number;
}

/** 16 running, 64 waiting: FerretDB on a small machine does not get faster with more concurrent writers. */
export const DEFAULT_ADMISSION_LIMITS: AdmissionLimits = { maxConcurrent: 16, maxQueued: 64 };

export const OVERLOADED_MESSAGE = 'indexer overloaded';

export interface Admission {
  /** Runs `fn` in a slot; waits for one (until `signal` ends) or refuses with RESOURCE_EXHAUSTED. */
  run<T>(signal: AbortSignal | undefined, fn: () => Promise<T>): Promise<T>;
  readonly running: number;
  readonly queued: number;
}

/** Bounds concurrent database work so a flood is refused quickly instead of queueing behind the database. */
export function createAdmission(limits: AdmissionLimits): Admission {
  let running = 0;
  const waiting: (() => void)[] = [];

  const acquire = (signal: AbortSignal | undefined): Promise<void> => {
    if (signal?.aborted) return Promise.reject(endedError(signal));
    if (running < limits.maxConcurrent) {
      running++;
      return Promise.resolve();
    }
    if (waiting.length >= limits.maxQueued) return Promise.reject(resourceExhausted(OVERLOADED_MESSAGE));
    return new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        running++;
        resolve();
      };
      const onAbort = () => {
        const at = waiting.indexOf(grant);
        if (at >= 0) waiting.splice(at, 1);
        reject(endedError(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      waiting.push(grant);
    });
  };
  const release = () => {
    running--;
    waiting.shift()?.();
  };

  return {
    async run(signal, fn) {
      await acquire(signal);
      try {
        return await fn();
      } finally {
        release();
      }
    },
    get running() {
      return running;
    },
    get queued() {
      return waiting.length;
    },
  };
}
