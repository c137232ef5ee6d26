import type { OptionValue } from '@mindex/runtime-options';
import type { OptionChange, OptionState, OptionsSnapshot } from './option-change.js';

/** A write to one option: a new value, or undefined to reset it to its default. */
export interface OptionWrite {
  readonly name: string;
  readonly value: OptionValue | undefined;
  /** When set, the write happens only if the option is at this version (0: never changed). */
  readonly expectedVersion: number | undefined;
  readonly author: string;
}

export type OptionWriteResult =
  /** The change that was recorded, or none for a reset of an option already at its default. */
  | { readonly ok: true; readonly state: OptionState; readonly change: OptionChange | undefined }
  | { readonly ok: false; readonly reason: 'version_mismatch'; readonly currentVersion: number }
  | { readonly ok: false; readonly reason: 'contention' };

export interface ChangeQuery {
  /** Only this option's changes; all when undefined. */
  readonly name?: string;
  /** Only changes with a smaller version; from the newest when undefined. */
  readonly beforeVersion?: number;
  readonly limit: number;
}

/**
 * Persistence of runtime options as an append-only audit trail: an option's state is its latest change.
 * Implementations guarantee that versions are unique, contiguous and become visible in order, so a reader that
 * has seen version N and then reads changes > N misses nothing.
 */
export interface OptionStore {
  /** The newest version (0 when nothing was ever changed). */
  currentVersion(): Promise<number>;
  state(name: string): Promise<OptionState>;
  /** The state of the given options at one consistent version. */
  snapshot(names: readonly string[]): Promise<OptionsSnapshot>;
  write(write: OptionWrite): Promise<OptionWriteResult>;
  /** Changes newest first. */
  listChanges(query: ChangeQuery): Promise<readonly OptionChange[]>;
  /** Changes with a version greater than `afterVersion`, oldest first. */
  changesAfter(afterVersion: number, limit: number): Promise<readonly OptionChange[]>;
}
