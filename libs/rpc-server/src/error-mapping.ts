import { Code, ConnectError } from '@connectrpc/connect';
import { BAD_REQUEST_TYPE, encodeBadRequest, type FieldViolation } from './error-details.js';

export const INTERNAL_MESSAGE = 'internal error';
export const UNAVAILABLE_MESSAGE = 'service temporarily unavailable';

// MongoDB driver errors meaning "the database cannot be reached right now". Matched by name so this lib does
// not depend on the driver.
const UNAVAILABLE_ERROR_NAMES: ReadonlySet<string> = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongoTopologyClosedError',
  'MongoOperationTimeoutError',
  'MongoWaitQueueTimeoutError',
]);

// Server errors the driver labels as safe to retry (elections, primary stepping down).
const UNAVAILABLE_ERROR_LABELS = ['RetryableWriteError', 'TransientTransactionError', 'ResetPool'];

const MAX_CAUSE_DEPTH = 5;

/** Whether `err`, or an error in its `cause` chain, says a database dependency is unreachable. */
export function isUnavailableError(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth <= MAX_CAUSE_DEPTH && current instanceof Error; depth++) {
    if (UNAVAILABLE_ERROR_NAMES.has(current.name)) return true;
    const hasErrorLabel = (current as { hasErrorLabel?: unknown }).hasErrorLabel;
    if (typeof hasErrorLabel === 'function') {
      if (UNAVAILABLE_ERROR_LABELS.some((label) => hasErrorLabel.call(current, label) === true)) return true;
    }
    current = current.cause;
  }
  return false;
}

/**
 * The one mapping from anything a handler throws to what a client sees. A `ConnectError` passes through; an
 * unreachable database becomes Unavailable and anything else Internal, both with a generic message (the original
 * error is kept as `cause` for server-side logging and is never sent).
 */
export function toConnectError(err: unknown): ConnectError {
  if (err instanceof ConnectError) return err;
  if (isUnavailableError(err))
    return new ConnectError(UNAVAILABLE_MESSAGE, Code.Unavailable, undefined, undefined, err);
  return new ConnectError(INTERNAL_MESSAGE, Code.Internal, undefined, undefined, err);
}

/** InvalidArgument "<field>: <reason>" with a google.rpc.BadRequest field violation detail. */
export function invalidArgument(field: string, reason: string): ConnectError {
  return invalidArguments([{ field, description: reason }]);
}

/** InvalidArgument for several bad fields at once; the message joins them with "; ". */
export function invalidArguments(violations: readonly FieldViolation[]): ConnectError {
  const message = violations.map((v) => `${v.field}: ${v.description}`).join('; ');
  const error = new ConnectError(message, Code.InvalidArgument);
  error.details.push({ type: BAD_REQUEST_TYPE, value: encodeBadRequest(violations) });
  return error;
}

/** NotFound "<what> not found", e.g. `notFound('use case "custom"')`. */
export function notFound(what: string): ConnectError {
  return new ConnectError(`${what} not found`, Code.NotFound);
}

/** Unavailable "<dependency> unavailable", e.g. `unavailable('configuration service')`. */
export function unavailable(dependency: string, cause?: unknown): ConnectError {
  return new ConnectError(`${dependency} unavailable`, Code.Unavailable, undefined, undefined, cause);
}

/** ResourceExhausted with a reason, for a whole request over quota. */
export function resourceExhausted(reason: string): ConnectError {
  return new ConnectError(reason, Code.ResourceExhausted);
}

/** The gRPC status name as Go spells it (`OK`, `InvalidArgument`, ...), used in metrics and logs. */
export function codeName(code: Code | 0): string {
  return code === 0 ? 'OK' : (Code[code] ?? `Code(${String(code)})`);
}
