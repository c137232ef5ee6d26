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

// The request id of the call being handled, so that calls to other services carry it on.
const currentCall = new AsyncLocalStorage<string>();

/** Runs `fn` (a handler) with `requestId` as the current request id. */
export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return currentCall.run(requestId, fn);
}

/** The request id of the call being handled, if any. */
export function currentRequestId(): string | undefined {
  return currentCall.getStore();
}

/**
 * A client interceptor for service-to-service calls: sends the current call's request id as `x-request-id`, so one
 * id follows a request across services in the logs.
 */
export const propagateRequestId: Interceptor = (next) => (request) => {
  const requestId = currentCall.getStore();
  if (requestId !== undefined && !request.header.has(REQUEST_ID_HEADER)) {
    request.header.set(REQUEST_ID_HEADER, requestId);
  }
  return next(request);
};
