import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Interceptor } from '@connectrpc/connect';

export const REQUEST_ID_HEADER = 'x-request-id';

// Accept caller ids that are safe to log and echo; anything else is replaced.
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `x-request-id` when it is a sane token, otherwise a fresh UUID. */
export function requestIdFrom(header: Headers, generate: () => string = randomUUID): string {
  const given = header.get(REQUEST_ID_HEADER);
  return given !== null && VALID_REQUEST_ID.test(given) ? given : generate();
}

/** The call a handler serves: its request id and the context whose signal ends with it. */
export interface CurrentCall {
  readonly requestId: string;
  readonly context: { readonly signal: AbortSignal };
}

// The call being handled: its request id goes on with calls to other services, and deep code can stop once the
// call ended. One store for both, as every async step pays for each store in use.
const currentCall = new AsyncLocalStorage<CurrentCall>();

/** Runs `fn` (a handler) as serving `call`. */
export function runInCall<T>(call: CurrentCall, fn: () => T): T {
  return currentCall.run(call, fn);
}

/** The request id of the call being handled, if any. */
export function currentRequestId(): string | undefined {
  return currentCall.getStore()?.requestId;
}

/** The signal of the call being handled, if any (read only when asked: building it has a cost). */
export function currentCallSignal(): AbortSignal | undefined {
  return currentCall.getStore()?.context.signal;
}

/**
 * A client interceptor for service-to-service calls: sends the current call's request id as `x-request-id`, so one
 * id follows a request across services in the logs.
 */
export const propagateRequestId: Interceptor = (next) => (request) => {
  const requestId = currentCall.getStore()?.requestId;
  if (requestId !== undefined && !request.header.has(REQUEST_ID_HEADER)) {
    request.header.set(REQUEST_ID_HEADER, requestId);
  }
  return next(request);
};
