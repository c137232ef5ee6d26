import type { Logger } from '@mindex/rpc-server';
import type { OptionChange, OptionsSnapshot } from './option-change.js';
import type { OptionStore } from './option-store.js';

export type WatchEvent =
  | { readonly kind: 'snapshot'; readonly snapshot: OptionsSnapshot }
  | { readonly kind: 'change'; readonly change: OptionChange };

export interface OptionWatchHubOptions {
  store: OptionStore;
  /** The options a snapshot holds. */
  optionNames: readonly string[];
  logger: Logger;
  /** How often the shared poller reads new changes while someone watches; default 200 ms. */
  pollIntervalMs?: number;
  /** Changes read per poll; default 500. */
  batchSize?: number;
  /** Changes queued for one slow watcher before it is sent a fresh snapshot instead; default 10,000. */
  maxQueuedChanges?: number;
}

export interface WatchRequest {
  /** Resume after this version; a snapshot when undefined. */
  readonly fromVersion: number | undefined;
  readonly signal: AbortSignal;
}

export interface OptionWatchHub {
  /** A snapshot (or the changes after `fromVersion`), then every change, until the signal aborts or close(). */
  watch(request: WatchRequest): AsyncGenerator<WatchEvent>;
  /** Poll now (after a local write), instead of at the next tick. */
  nudge(): void;
  readonly watcherCount: number;
  /** Ends every watch cleanly and stops polling. */
  close(): void;
}

interface Watcher {
  /** The last version this watcher has been given (by a snapshot or a change). */
  last: number;
  needsSnapshot: boolean;
  queue: OptionChange[];
  wake: () => void;
}

/**
 * Fans the options audit trail out to watchers. FerretDB has no change streams, so one poller per process reads
 * "changes after the slowest watcher's version" every poll interval while anyone watches, and each watcher gets the
 * changes after its own version. Since the store's versions are contiguous, a watcher that sees a jump (changes it
 * can no longer get) is sent a fresh snapshot instead. Several service instances each poll the same trail, so a
 * write through any instance reaches watchers on all of them.
 */
export function createOptionWatchHub(options: OptionWatchHubOptions): OptionWatchHub {
  const { store, optionNames, logger } = options;
  const pollIntervalMs = options.pollIntervalMs ?? 200;
  const batchSize = options.batchSize ?? 500;
  const maxQueued = options.maxQueuedChanges ?? 10_000;
  const watchers = new Set<Watcher>();
  let closed = false;
  let polling = false;
  let timer: NodeJS.Timeout | undefined;
  let pollAgain = false;

  // Polls after delayMs, unless a poll is already due sooner; 0 means "as soon as possible".
  const schedule = (delayMs: number): void => {
    if (closed || watchers.size === 0) return;
    if (polling) {
      if (delayMs === 0) pollAgain = true;
      return;
    }
    if (timer !== undefined) {
      if (delayMs > 0) return;
      clearTimeout(timer);
    }
    timer = setTimeout(() => void poll(), delayMs);
  };

  async function poll(): Promise<void> {
    timer = undefined;
    polling = true;
    let full = false;
    try {
      const ready = [...watchers].filter((w) => !w.needsSnapshot);
      if (ready.length > 0) {
        const from = Math.min(...ready.map((w) => w.last));
        const changes = await store.changesAfter(from, batchSize);
        full = changes.length === batchSize;
        for (const watcher of ready) deliver(watcher, changes);
      }
    } catch (err) {
      logger.warn('options watch poll failed', { error: err });
    } finally {
      polling = false;
    }
    const again = pollAgain || full;
    pollAgain = false;
    schedule(again ? 0 : pollIntervalMs);
  }

  function deliver(watcher: Watcher, changes: readonly OptionChange[]): void {
    if (!watchers.has(watcher) || watcher.needsSnapshot) return;
    let delivered = false;
    for (const change of changes) {
      if (change.version <= watcher.last) continue;
      if (change.version !== watcher.last + 1 || watcher.queue.length >= maxQueued) {
        // A gap (the trail lost changes) or a watcher too slow to keep up: start it over from a snapshot.
        watcher.needsSnapshot = true;
        watcher.queue = [];
        break;
      }
      watcher.queue.push(change);
      watcher.last = change.version;
      delivered = true;
    }
    if (delivered || watcher.needsSnapshot) watcher.wake();
  }

  async function* watch({ fromVersion, signal }: WatchRequest): AsyncGenerator<WatchEvent> {
    if (closed || signal.aborted) return;
    const watcher: Watcher = { last: 0, needsSnapshot: false, queue: [], wake: () => undefined };
    const wakeOnAbort = () => watcher.wake();
    signal.addEventListener('abort', wakeOnAbort, { once: true });
    try {
      if (fromVersion === undefined || fromVersion > (await store.currentVersion())) {
        // No version, or one this trail never reached (the database was reset): start from a snapshot.
        watcher.needsSnapshot = true;
      } else {
        watcher.last = fromVersion;
      }
      watchers.add(watcher);
      schedule(0);
      for (;;) {
        if (closed || signal.aborted) return;
        if (watcher.needsSnapshot) {
          const snapshot = await store.snapshot(optionNames);
          if (closed || signal.aborted) return;
          watcher.last = snapshot.version;
          watcher.queue = [];
          watcher.needsSnapshot = false;
          schedule(0);
          yield { kind: 'snapshot', snapshot };
          continue;
        }
        const change = watcher.queue.shift();
        if (change !== undefined) {
          yield { kind: 'change', change };
          continue;
        }
        schedule(pollIntervalMs);
        await new Promise<void>((resolve) => {
          watcher.wake = resolve;
        });
        watcher.wake = () => undefined;
      }
    } finally {
      signal.removeEventListener('abort', wakeOnAbort);
      watchers.delete(watcher);
      if (watchers.size === 0) {
        clearTimeout(timer);
        timer = undefined;
      }
    }
  }

  return {
    watch,
    nudge: () => schedule(0),
    get watcherCount() {
      return watchers.size;
    },
    close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers) watcher.wake();
    },
  };
}
