import { Code, ConnectError } from '@connectrpc/connect';

/**
 * The reason a finished call's signals are aborted with, so downstream work tied to them stops. One shared
 * object: a successful call allocates no error (abort() without a reason would build a DOMException).
 */
export const CALL_ENDED: ConnectError = new ConnectError('the call has ended', Code.Canceled);

/** The error a call ends with once its signal aborted: the reason if it is a ConnectError, else Canceled. */
export function abortError(signal: AbortSignal): ConnectError {
  const reason: unknown = signal.reason;
  return reason instanceof ConnectError
    ? reason
    : new ConnectError('the operation was canceled', Code.Canceled);
}

/** Settles like `promise`, or rejects with `abortError(signal)` as soon as the signal aborts. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(abortError(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

/**
 * Key of the function aborting a handler context's signal when that signal belongs to the call alone (the gRPC
 * adapter's contexts): a plain property, as `defineProperty` on a fresh object costs more than the call's metrics.
 */
export const TRANSPORT_ABORT = Symbol('mindex.transportAbort');

/** The function aborting the context's own signal, when the transport provided one. */
export function transportAbortOf(context: object): ((reason: unknown) => void) | undefined {
  return (context as { [TRANSPORT_ABORT]?: (reason: unknown) => void })[TRANSPORT_ABORT];
}
