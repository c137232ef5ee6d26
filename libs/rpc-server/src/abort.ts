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

const TRANSPORT_ABORT = Symbol('mindex.transportAbort');

/** Marks a handler context whose signal belongs to this call alone, with the function that aborts it. */
export function withTransportAbort<C extends object>(context: C, abort: (reason: unknown) => void): C {
  Object.defineProperty(context, TRANSPORT_ABORT, { value: abort });
  return context;
}

/** The function aborting the context's own signal, when the transport provided one. */
export function transportAbortOf(context: object): ((reason: unknown) => void) | undefined {
  return (context as { [TRANSPORT_ABORT]?: (reason: unknown) => void })[TRANSPORT_ABORT];
}
