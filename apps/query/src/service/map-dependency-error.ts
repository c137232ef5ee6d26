import { Code, ConnectError } from '@connectrpc/connect';
import { unavailable } from '@mindex/rpc-server';
import { DependencyError } from '../dependencies/dependency-error.js';

/**
 * The RPC edge of DependencyError: a dependency that cannot answer makes this service UNAVAILABLE
 * "<dependency> unavailable"; one that refused the call is an INTERNAL error here. Others pass through.
 */
export function mapDependencyError(err: unknown): unknown {
  if (!(err instanceof DependencyError)) return err;
  if (err.reason === 'unavailable') return unavailable(err.dependency, err);
  return new ConnectError('internal error', Code.Internal, undefined, undefined, err);
}
