import { Code, ConnectError } from '@connectrpc/connect';
import { DependencyError, type DependencyFailure, type DependencyName } from './dependency-error.js';

export interface DependencyCallOptions {
  /** Deadline of each attempt. */
  readonly timeoutMs: number;
  /** Extra attempts after an UNAVAILABLE answer; only for calls without side effects. */
  readonly retries?: number;
  /** Pause before a retry. */
  readonly retryDelayMs?: number;
}

/** Runs one call to a dependency with a deadline and turns its failures into DependencyError. */
export type DependencyCaller = <T>(call: (options: { timeoutMs: number }) => Promise<T>) => Promise<T>;

// Codes meaning the dependency cannot answer right now (or at all): the caller is unavailable too.
const UNAVAILABLE_CODES: ReadonlySet<Code> = new Set([
  Code.Unavailable,
  Code.DeadlineExceeded,
  Code.ResourceExhausted,
  Code.Aborted,
  Code.Canceled,
  Code.Unknown,
  Code.Internal,
  Code.Unimplemented,
  Code.DataLoss,
]);

export function createDependencyCaller(
  dependency: DependencyName,
  options: DependencyCallOptions,
): DependencyCaller {
  const retries = options.retries ?? 1;
  const retryDelayMs = options.retryDelayMs ?? 50;
  return async (call) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await call({ timeoutMs: options.timeoutMs });
      } catch (err) {
        if (!(err instanceof ConnectError)) throw err;
        if (err.code === Code.Unavailable && attempt < retries) {
          await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
          continue;
        }
        throw new DependencyError(dependency, failureOf(err.code), err);
      }
    }
  };
}

function failureOf(code: Code): DependencyFailure {
  if (UNAVAILABLE_CODES.has(code)) return 'unavailable';
  // Input this service let through but the dependency refuses is still the client's bad input.
  if (code === Code.InvalidArgument || code === Code.OutOfRange) return 'invalid_argument';
  return 'failed';
}
