/** The services this one calls; the names appear in client-facing messages ("indexer service unavailable"). */
export type DependencyName = 'indexer service' | 'configuration service';

/**
 * A dependency could not answer. `unavailable`: down, timed out or overloaded, so the caller answers
 * UNAVAILABLE naming it; `failed`: it refused the call (a bug on one side), answered as INTERNAL.
 */
export class DependencyError extends Error {
  readonly dependency: DependencyName;
  readonly reason: 'unavailable' | 'failed';

  constructor(dependency: DependencyName, reason: 'unavailable' | 'failed', cause: unknown) {
    super(`${dependency} ${reason === 'unavailable' ? 'unavailable' : 'call failed'}`, { cause });
    this.name = 'DependencyError';
    this.dependency = dependency;
    this.reason = reason;
  }
}
