import type { OptionType, OptionValue } from './option-value.js';

/** Extra rules an option's values must follow beyond their type. */
export interface OptionConstraints {
  /** Smallest accepted number (int, double). */
  readonly min?: number;
  /** Largest accepted number (int, double). */
  readonly max?: number;
  /** Quota lists that must hold exactly this many quotas, and why (what Sentry would do otherwise). */
  readonly exactQuotas?: { readonly count: number; readonly why: string };
}

/** A runtime option: its name, value type, default (from the spec), what it does and its rules. */
export interface OptionDefinition {
  readonly name: string;
  readonly type: OptionType;
  readonly defaultValue: OptionValue;
  readonly description: string;
  readonly constraints: OptionConstraints;
}
