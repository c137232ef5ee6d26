/** The services this one calls; the names appear in client-facing messages ("indexer service unavailable"). */
export type DependencyName = 'indexer service' | 'configuration service';

/** Why a dependency call failed. */
export type DependencyFailure = 'unavailable' | 'invalid_argument' | 'failed';

/**
 * A dependency could not answer. `unavailable`: down, timed out or overloaded, so the caller answers
 * UNAVAILABLE naming it; `invalid_argument`: it refused the client's input, so the caller answers
 * INVALID_ARGUMENT with the dependency's reason; `failed`: it refused the call otherwise (a bug on one side),
 * answered as INTERNAL.
 */
export class DependencyError extends Error {
  readonly dependency: DependencyName;
  readonly reason: DependencyFailure;

  constructor(dependency: DependencyName, reason: DependencyFailure, cause: unknown) {
    super(`${dependency} ${MESSAGES[reason]}`, { cause });
    this.name = 'DependencyError';
    this.dependency = dependency;
    this.reason = reason;
  }
}

const MESSAGES: Record<DependencyFailure, string> = {
  unavailable: 'unavailable',
  invalid_argument: 'rejected the input',
  failed: 'call failed',
};
