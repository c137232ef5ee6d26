import type { OptionDefinition } from './option-definition.js';
import { getOptionDefinition } from './option-definitions.js';
import type { OptionValue, Quota } from './option-value.js';

/** Caps on list sizes and string lengths, so one option value stays small. */
export const OPTION_VALUE_LIMITS = {
  maxQuotas: 100,
  maxListEntries: 1000,
  maxEntryCodePoints: 200,
  maxStringCodePoints: 10_000,
} as const;

// Rate-map keys are use-case ids or similar identifiers (and never `__proto__`, which plain objects mishandle).
const RATE_KEY_PATTERN = /^[A-Za-z0-9_.-]+$/;

/** Why a value was refused; `field` is a path inside the value (empty for the value itself). */
export interface OptionValueError {
  readonly reason: 'unknown_option' | 'wrong_type' | 'invalid_value';
  readonly field: string;
  readonly message: string;
}

export type OptionValueResult =
  | { readonly ok: true; readonly value: OptionValue; readonly definition: OptionDefinition }
  | { readonly ok: false; readonly error: OptionValueError };

/** `field: message`, or the message alone for the value itself. */
export function formatOptionValueError(error: OptionValueError): string {
  return error.field === '' ? error.message : `${error.field}: ${error.message}`;
}

const fail = (reason: OptionValueError['reason'], field: string, message: string): OptionValueResult => ({
  ok: false,
  error: { reason, field, message },
});

const codePoints = (s: string): number => [...s].length;

/**
 * Checks a value against an option's type and rules: the gate in front of every write, so values that Sentry
 * would accept and later crash on (a window that is not a multiple of its granularity, a cardinality quota list
 * that is not exactly one element) never get stored. Returns a frozen copy of the value.
 */
export function validateOptionValue(name: string, value: OptionValue): OptionValueResult {
  const definition = getOptionDefinition(name);
  if (definition === undefined) return fail('unknown_option', '', `unknown option ${JSON.stringify(name)}`);
  return validateAgainstDefinition(definition, value);
}

export function validateAgainstDefinition(
  definition: OptionDefinition,
  value: OptionValue,
): OptionValueResult {
  if (value === null || typeof value !== 'object' || value.type !== definition.type) {
    const got = value !== null && typeof value === 'object' ? String(value.type) : typeof value;
    return fail('wrong_type', '', `option ${definition.name} holds a ${definition.type}, not a ${got}`);
  }
  const checked = checkValue(definition, value);
  if (typeof checked === 'string' || 'message' in checked) {
    return typeof checked === 'string' ? fail('invalid_value', '', checked) : { ok: false, error: checked };
  }
  return { ok: true, value: checked, definition };
}

type Checked = OptionValue | OptionValueError | string;

function checkValue(definition: OptionDefinition, value: OptionValue): Checked {
  const { min, max } = definition.constraints;
  switch (value.type) {
    case 'bool':
      return typeof value.value === 'boolean' ? value : 'must be true or false';
    case 'int': {
      if (!Number.isSafeInteger(value.value)) return 'must be an integer between -(2^53-1) and 2^53-1';
      return checkRange(value.value, min, max) ?? Object.freeze({ ...value });
    }
    case 'double': {
      if (typeof value.value !== 'number' || !Number.isFinite(value.value)) return 'must be a finite number';
      return checkRange(value.value, min, max) ?? Object.freeze({ ...value });
    }
    case 'string': {
      if (typeof value.value !== 'string') return 'must be a string';
      if (codePoints(value.value) > OPTION_VALUE_LIMITS.maxStringCodePoints) {
        return `longer than ${OPTION_VALUE_LIMITS.maxStringCodePoints} code points`;
      }
      return Object.freeze({ ...value });
    }
    case 'quota-list':
      return checkQuotaList(definition, value.value);
    case 'string-list':
      return checkStringList(value.value);
    case 'rate-map':
      return checkRateMap(value.value, min, max);
  }
}

function checkRange(n: number, min: number | undefined, max: number | undefined): string | undefined {
  if (min !== undefined && max !== undefined && (n < min || n > max))
    return `must be in [${min}, ${max}], got ${n}`;
  if (min !== undefined && n < min)
    return min === 1 ? `must be positive, got ${n}` : `must be ≥ ${min}, got ${n}`;
  if (max !== undefined && n > max) return `must be ≤ ${max}, got ${n}`;
  return undefined;
}

const error = (field: string, message: string): OptionValueError => ({
  reason: 'invalid_value',
  field,
  message,
});

function checkQuotaList(definition: OptionDefinition, quotas: readonly Quota[]): Checked {
  if (!Array.isArray(quotas)) return 'must be a list of quotas';
  const exact = definition.constraints.exactQuotas;
  if (exact !== undefined && quotas.length !== exact.count) {
    return `must hold exactly ${exact.count} quota, got ${quotas.length}: ${exact.why}`;
  }
  if (quotas.length > OPTION_VALUE_LIMITS.maxQuotas)
    return `more than ${OPTION_VALUE_LIMITS.maxQuotas} quotas`;
  const copy: Quota[] = [];
  for (const [i, quota] of quotas.entries()) {
    const problem = checkQuota(quota);
    if (problem !== undefined) return error(`quotas[${i}].${problem.field}`, problem.message);
    copy.push(
      Object.freeze({
        windowSeconds: quota.windowSeconds,
        granularitySeconds: quota.granularitySeconds,
        limit: quota.limit,
      }),
    );
  }
  return Object.freeze({ type: 'quota-list' as const, value: Object.freeze(copy) });
}

/** Quota rules (spec §5.1): positive integer window and granularity, window a multiple of granularity, limit ≥ 0. */
export function checkQuota(quota: Quota): { field: string; message: string } | undefined {
  if (quota === null || typeof quota !== 'object') return { field: '', message: 'must be a quota' };
  const { windowSeconds, granularitySeconds, limit } = quota;
  if (!Number.isSafeInteger(granularitySeconds) || granularitySeconds <= 0) {
    return {
      field: 'granularity_seconds',
      message: `must be a positive integer, got ${String(granularitySeconds)}`,
    };
  }
  if (!Number.isSafeInteger(windowSeconds) || windowSeconds <= 0) {
    return { field: 'window_seconds', message: `must be a positive integer, got ${String(windowSeconds)}` };
  }
  if (windowSeconds % granularitySeconds !== 0) {
    return {
      field: 'window_seconds',
      message:
        `${windowSeconds} is not a multiple of granularity_seconds ${granularitySeconds}; the sliding window ` +
        `is split into whole granules and Sentry fails on such a quota`,
    };
  }
  if (!Number.isSafeInteger(limit) || limit < 0) {
    return { field: 'limit', message: `must be an integer ≥ 0, got ${String(limit)}` };
  }
  return undefined;
}

function checkStringList(values: readonly string[]): Checked {
  if (!Array.isArray(values)) return 'must be a list of strings';
  if (values.length > OPTION_VALUE_LIMITS.maxListEntries) {
    return `more than ${OPTION_VALUE_LIMITS.maxListEntries} entries`;
  }
  for (const [i, s] of values.entries()) {
    if (typeof s !== 'string' || s === '') return error(`values[${i}]`, 'must be a non-empty string');
    if (codePoints(s) > OPTION_VALUE_LIMITS.maxEntryCodePoints) {
      return error(`values[${i}]`, `longer than ${OPTION_VALUE_LIMITS.maxEntryCodePoints} code points`);
    }
  }
  return Object.freeze({ type: 'string-list' as const, value: Object.freeze([...values]) });
}

function checkRateMap(
  rates: Readonly<Record<string, number>>,
  min: number | undefined,
  max: number | undefined,
): Checked {
  if (rates === null || typeof rates !== 'object' || Array.isArray(rates)) return 'must be a map of rates';
  const entries = Object.entries(rates);
  if (entries.length > OPTION_VALUE_LIMITS.maxListEntries) {
    return `more than ${OPTION_VALUE_LIMITS.maxListEntries} entries`;
  }
  const copy: Record<string, number> = {};
  for (const [key, rate] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (
      !RATE_KEY_PATTERN.test(key) ||
      key === '__proto__' ||
      codePoints(key) > OPTION_VALUE_LIMITS.maxEntryCodePoints
    ) {
      return error(
        `rates[${JSON.stringify(key)}]`,
        `key must be 1 to ${OPTION_VALUE_LIMITS.maxEntryCodePoints} letters, digits, '_', '.' or '-'`,
      );
    }
    if (typeof rate !== 'number' || !Number.isFinite(rate)) {
      return error(`rates[${JSON.stringify(key)}]`, 'must be a finite number');
    }
    const range = checkRange(rate, min, max);
    if (range !== undefined) return error(`rates[${JSON.stringify(key)}]`, range);
    copy[key] = rate;
  }
  return Object.freeze({ type: 'rate-map' as const, value: Object.freeze(copy) });
}
