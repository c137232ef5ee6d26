import { Code, ConnectError } from '@connectrpc/connect';
import { BAD_REQUEST_TYPE, encodeBadRequest, type FieldViolation } from './error-details.js';

export const INTERNAL_MESSAGE = 'internal error';
export const UNAVAILABLE_MESSAGE = 'service temporarily unavailable';

// MongoDB driver errors meaning "the database cannot be reached right now". Matched by name (duck typing) so
// this lib does not depend on the driver.
const UNAVAILABLE_ERROR_NAMES: ReadonlySet<string> = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'PoolClearedError',
  'MongoPoolClosedError',
  'MongoTopologyClosedError',
  'MongoOperationTimeoutError',
  'MongoWaitQueueTimeoutError',
]);

// Write errors that carry per-document failures (duplicate key, validation) when they have any; without any,
// the whole write failed in transit, e.g. every write but the first after the connection was cut.
const WRITE_ERROR_NAMES: ReadonlySet<string> = new Set(['MongoBulkWriteError', 'MongoWriteConcernError']);

// Server errors the driver labels as safe to retry (elections, primary stepping down).
const UNAVAILABLE_ERROR_LABELS = ['RetryableWriteError', 'TransientTransactionError', 'ResetPool'];

// Server error codes for a node that is shutting down, stepping down or cannot reach its peers.
const UNAVAILABLE_SERVER_CODES: ReadonlySet<number> = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  89, // NetworkTimeout
  91, // ShutdownInProgress
  189, // PrimarySteppedDown
  9001, // SocketException
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
]);

const MAX_CAUSE_DEPTH = 5;

/** Whether `err`, or an error in its `cause` chain, says a database dependency is unreachable. */
export function isUnavailableError(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth <= MAX_CAUSE_DEPTH && current instanceof Error; depth++) {
    if (isUnavailableItself(current)) return true;
    current = current.cause;
  }
  return false;
}

function isUnavailableItself(error: Error): boolean {
  const name = error.name;
  if (UNAVAILABLE_ERROR_NAMES.has(name)) return true;
  const fields = error as {
    hasErrorLabel?: unknown;
    writeErrors?: unknown;
    code?: unknown;
    beforeHandshake?: unknown;
  };
  if (typeof fields.hasErrorLabel === 'function') {
    const hasErrorLabel = fields.hasErrorLabel as (label: string) => unknown;
    if (UNAVAILABLE_ERROR_LABELS.some((label) => hasErrorLabel.call(error, label) === true)) return true;
  }
  if (!name.startsWith('Mongo')) return false;
  // Only network errors carry beforeHandshake; a bulk write error copies it from the one it wraps.
  if (typeof fields.beforeHandshake === 'boolean') return true;
  if (typeof fields.code === 'number' && UNAVAILABLE_SERVER_CODES.has(fields.code)) return true;
  return WRITE_ERROR_NAMES.has(name) && !hasWriteErrors(fields.writeErrors);
}

function hasWriteErrors(writeErrors: unknown): boolean {
  if (writeErrors === undefined || writeErrors === null) return false;
  return Array.isArray(writeErrors) ? writeErrors.length > 0 : true;
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
export function invalidArguments(given: readonly FieldViolation[]): ConnectError {
  const violations = fitViolations(given);
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

// Descriptions may quote hostile input. The status must fit in HTTP/2 trailers: one too large for them never
// reaches the client, which then waits for its deadline. So each text is clipped and the list kept within a budget.
const MAX_VIOLATION_TEXT = 500;
const MAX_VIOLATIONS_TEXT = 2_000;

function fitViolations(given: readonly FieldViolation[]): FieldViolation[] {
  const fitted: FieldViolation[] = [];
  let used = 0;
  for (const v of given) {
    const violation = {
      field: clip(v.field, MAX_VIOLATION_TEXT),
      description: clip(v.description, MAX_VIOLATION_TEXT),
    };
    used += violation.field.length + violation.description.length;
    if (used > MAX_VIOLATIONS_TEXT && fitted.length > 0) {
      fitted.push({
        field: '(more)',
        description: `${given.length - fitted.length} more problem(s) not listed`,
      });
      break;
    }
    fitted.push(violation);
  }
  return fitted;
}

/** The first `max` code points of `text`, with "…" when it was longer. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = [...text];
  return points.length <= max ? text : `${points.slice(0, max).join('')}…`;
}
