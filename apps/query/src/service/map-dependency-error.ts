import { Code, ConnectError } from '@connectrpc/connect';
import { unavailable } from '@mindex/rpc-server';
import { DependencyError } from '../dependencies/dependency-error.js';

/**
 * The RPC edge of DependencyError: a dependency that cannot answer makes this service UNAVAILABLE
 * "<dependency> unavailable"; one that refused the client's input makes it INVALID_ARGUMENT with the
 * dependency's message and field violations; any other refusal is an INTERNAL error here. Others pass through.
 */
export function mapDependencyError(err: unknown): unknown {
  if (!(err instanceof DependencyError)) return err;
  if (err.reason === 'unavailable') return unavailable(err.dependency, err);
  if (err.reason === 'invalid_argument' && err.cause instanceof ConnectError) {
    const refused = new ConnectError(err.cause.rawMessage, Code.InvalidArgument, undefined, undefined, err);
    refused.details.push(...err.cause.details);
    return refused;
  }
  return new ConnectError('internal error', Code.Internal, undefined, undefined, err);
}
