import { Code, ConnectError, type Client } from '@connectrpc/connect';
import { configuration, type configurationOptions } from '@mindex/proto';
import { optionValueFromWire, type OptionValue } from '@mindex/runtime-options';
import type { Logger } from '@mindex/rpc-server';
import type { IndexerOptions } from './indexer-options.js';

export interface WatchConfigurationOptions {
  client: Client<typeof configuration.ConfigurationService>;
  options: IndexerOptions;
  logger: Logger;
  /** First retry delay; doubles up to `maxBackoffMs`, with jitter. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
}

export interface ConfigurationWatch {
  /** Resolves once the first snapshot (or change) was applied, or rejects after `timeoutMs`. */
  ready(timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

/** The value an option has in the service, or undefined when it is at its default (not set there). */
function serviceValue(option: configurationOptions.Option | undefined): OptionValue | undefined {
  if (option === undefined || option.isDefault) return undefined;
  const converted = optionValueFromWire(option.value);
  return converted.ok ? converted.value : undefined;
}

/**
 * Follows the configuration service's WatchOptions stream: a snapshot replaces the service layer of the
 * options, changes apply one by one. When the stream fails it resubscribes from the last version seen, with
 * backoff; meanwhile the last options stay in force.
 */
export function watchConfiguration(watch: WatchConfigurationOptions): ConfigurationWatch {
  const initialBackoff = watch.initialBackoffMs ?? 200;
  const maxBackoff = watch.maxBackoffMs ?? 10_000;
  const random = watch.random ?? Math.random;
  const abort = new AbortController();
  let markReady: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => (markReady = resolve));

  const consume = async (): Promise<void> => {
    const version = watch.options.version;
    const stream = watch.client.watchOptions(version > 0n ? { fromVersion: version } : {}, {
      signal: abort.signal,
    });
    for await (const response of stream) {
      const event = response.event;
      if (event.case === 'snapshot') {
        const values = new Map<string, OptionValue>();
        for (const option of event.value.options) {
          const value = serviceValue(option);
          if (value !== undefined) values.set(option.name, value);
        }
        watch.options.applySnapshot(values, event.value.version);
        watch.logger.info('configuration snapshot applied', {
          version: event.value.version,
          setOptions: values.size,
        });
      } else if (event.case === 'change' && event.value.change !== undefined) {
        const change = event.value.change;
        watch.options.applyChange(change.name, serviceValue(event.value.option), change.version);
        watch.logger.info('configuration change applied', { name: change.name, version: change.version });
      }
      markReady();
    }
  };

  const loop = (async () => {
    let backoff = initialBackoff;
    while (!abort.signal.aborted) {
      try {
        await consume();
        backoff = initialBackoff;
      } catch (error) {
        if (abort.signal.aborted) break;
        const code = error instanceof ConnectError ? Code[error.code] : undefined;
        watch.logger.warn('configuration watch interrupted; keeping the last options', {
          code,
          error: error instanceof Error ? error.message : String(error),
          retryInMs: backoff,
          version: watch.options.version,
        });
      }
      if (abort.signal.aborted) break;
      await sleep(backoff * (0.5 + random() / 2), abort.signal);
      backoff = Math.min(maxBackoff, backoff * 2);
    }
  })();

  return {
    ready: (timeoutMs) =>
      Promise.race([
        readyPromise,
        sleep(timeoutMs, abort.signal).then(() => {
          throw new Error(`no options from the configuration service within ${timeoutMs} ms`);
        }),
      ]),
    async stop() {
      abort.abort();
      await loop;
    },
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    timer.unref();
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
