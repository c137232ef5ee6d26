import {
  createOptionsView,
  type OptionNameRegistry,
  type OptionValue,
  type OptionsView,
} from '@mindex/runtime-options';

/**
 * The indexer's one way to read runtime options: the current typed view and the configuration-service
 * version it reflects. Values layer as defaults < environment < values set in the configuration service.
 */
export interface IndexerOptions {
  current(): OptionsView;
  /** The last configuration-service options version applied; 0 before any. */
  readonly version: bigint;
  /** Replaces every configuration-service value (a WatchOptions snapshot). */
  applySnapshot(values: ReadonlyMap<string, OptionValue>, version: bigint): void;
  /** Applies one change: a value, or undefined when the option went back to its default. */
  applyChange(name: string, value: OptionValue | undefined, version: bigint): void;
}

export function createIndexerOptions(
  environment: ReadonlyMap<string, OptionValue>,
  registry: OptionNameRegistry,
): IndexerOptions {
  let service = new Map<string, OptionValue>();
  let version = 0n;
  const build = () => createOptionsView(new Map([...environment, ...service]), registry);
  let view = build();

  return {
    current: () => view,
    get version() {
      return version;
    },
    applySnapshot(values, snapshotVersion) {
      service = new Map(values);
      version = snapshotVersion;
      view = build();
    },
    applyChange(name, value, changeVersion) {
      if (value === undefined) service.delete(name);
      else service.set(name, value);
      if (changeVersion > version) version = changeVersion;
      view = build();
    },
  };
}
