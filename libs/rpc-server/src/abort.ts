import { Code, ConnectError } from '@connectrpc/connect';

/**
 * The reason a finished call's signals are aborted with, so downstream work tied to them stops. One shared
 * object: a successful call allocates no error (abort() without a reason would build a DOMException).
 */
export const CALL_ENDED: ConnectError = new ConnectError('the call has ended', Code.Canceled);

/** What can be told to stop (a call's abort, an AbortController). */
export interface Abortable {
  abort(reason: unknown): void;
}

/**
 * One call's abort state. Its AbortSignal is built only when something reads it: most calls end without any
 * code asking, and a controller, its signal, listeners and the abort event were a tenth of a cheap RPC's cost.
 */
export class CallAbort implements Abortable {
  aborted = false;
  reason: unknown = undefined;
  private controller: AbortController | undefined;
  private listeners: (() => void)[] | undefined;

  /** The signal of this call, aborted with the same reason (created at the first read). */
  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  /** Aborts the call once; later calls are ignored. */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.controller?.abort(reason);
    const listeners = this.listeners;
    this.listeners = undefined;
    if (listeners !== undefined) for (const listener of listeners) listener();
  }

  /** Calls `listener` when the call aborts (not if it already did); returns what removes it. */
  onAbort(listener: () => void): () => void {
    (this.listeners ??= []).push(listener);
    return () => {
      const index = this.listeners?.indexOf(listener) ?? -1;
      if (index >= 0) this.listeners!.splice(index, 1);
    };
  }
}

/** The error a call ends with once it aborted: the reason if it is a ConnectError, else Canceled. */
export function abortError(aborted: { readonly reason: unknown }): ConnectError {
  const reason = aborted.reason;
  return reason instanceof ConnectError
    ? reason
    : new ConnectError('the operation was canceled', Code.Canceled);
}

/** Settles like `promise`, or rejects with `abortError(call)` as soon as the call aborts. */
export function raceAbort<T>(promise: Promise<T>, call: CallAbort): Promise<T> {
  if (call.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(abortError(call));
  }
  return new Promise<T>((resolve, reject) => {
    const remove = call.onAbort(() => reject(abortError(call)));
    promise.then(
      (value) => {
        remove();
        resolve(value);
      },
      (err: unknown) => {
        remove();
        reject(err);
      },
    );
  });
}

/**
 * Key of a handler context's `CallAbort` when the context's signal belongs to the call alone (the gRPC adapter's
 * contexts): a plain property, as `defineProperty` on a fresh object costs more than the call's metrics.
 */
export const CALL_ABORT = Symbol('mindex.callAbort');

/** The abort state behind the context's own signal, when the transport provided one. */
export function callAbortOf(context: object): CallAbort | undefined {
  return (context as { [CALL_ABORT]?: CallAbort })[CALL_ABORT];
}
