import type { OptionValue } from '@mindex/runtime-options';

/** One entry of the options audit trail. Versions are global, contiguous and increase by one per change. */
export interface OptionChange {
  readonly version: number;
  readonly name: string;
  /** The option's version before this change (0 when it had never changed). */
  readonly previousVersion: number;
  /** The value before the change; undefined when the option was at its default. */
  readonly previousValue: OptionValue | undefined;
  /** The value after the change; undefined when the change reset the option to its default. */
  readonly newValue: OptionValue | undefined;
  readonly changedAt: Date;
  readonly author: string;
}

/** An option's stored state: its last change, or nothing when it was never changed. */
export interface OptionState {
  readonly name: string;
  /** The set value; undefined means the default. */
  readonly value: OptionValue | undefined;
  /** Version of the option's last change; 0 when never changed. */
  readonly version: number;
  readonly updatedAt: Date | undefined;
  readonly updatedBy: string;
}

/** The state of every option at one version. */
export interface OptionsSnapshot {
  readonly version: number;
  readonly options: readonly OptionState[];
}

export function stateAfter(change: OptionChange): OptionState {
  return {
    name: change.name,
    value: change.newValue,
    version: change.version,
    updatedAt: change.changedAt,
    updatedBy: change.author,
  };
}

export function neverSetState(name: string): OptionState {
  return { name, value: undefined, version: 0, updatedAt: undefined, updatedBy: '' };
}
