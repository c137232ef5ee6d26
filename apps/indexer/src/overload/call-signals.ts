import { AsyncLocalStorage } from 'node:async_hooks';
import { Code, ConnectError } from '@connectrpc/connect';

/**
 * The signal of the call a piece of work serves, carried implicitly through the layers (which are shared by
 * every call) so that deep code can stop once the caller's deadline passed or it went away.
 */
export interface CallSignals {
  /**
   * Runs `fn` with the signal of `call` (a handler context, an AbortController) as the current call's signal,
   * in place of the served RPC's. The holder is kept rather than its signal: a call's signal is built only if
   * something reads it.
   */
  run<T>(call: SignalHolder, fn: () => Promise<T>): Promise<T>;
  /** The current call's signal, if any. */
  current(): AbortSignal | undefined;
  /** Throws the call's end (DEADLINE_EXCEEDED or CANCELED) if it already ended: call between round trips. */
  checkpoint(): void;
}

/** What carries a call's signal. */
export interface SignalHolder {
  readonly signal: AbortSignal;
}

/**
 * `served` gives the signal of the RPC being handled, as the server already tracks it (rpc-server's
 * `currentCallSignal`): reading it there rather than storing it again spares every async step of every call
 * a second async-local store.
 */
export function createCallSignals(served: () => AbortSignal | undefined = () => undefined): CallSignals {
  const storage = new AsyncLocalStorage<SignalHolder>();
  const current = (): AbortSignal | undefined => storage.getStore()?.signal ?? served();
  return {
    run: (call, fn) => storage.run(call, fn),
    current,
    checkpoint() {
      const signal = current();
      if (signal?.aborted) throw endedError(signal);
    },
  };
}

/** The error work of an ended call stops with: the abort reason when it is a ConnectError. */
export function endedError(signal: AbortSignal): ConnectError {
  const reason: unknown = signal.reason;
  return reason instanceof ConnectError ? reason : new ConnectError('the call ended', Code.Canceled);
}
