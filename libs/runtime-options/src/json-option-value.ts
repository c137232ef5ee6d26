import { isOptionType, type OptionType, type OptionValue } from './option-value.js';
import type { OptionValueError } from './validate-option-value.js';

/** An option value in Sentry's own JSON form (quota lists as `[{window_seconds, granularity_seconds, limit}]`). */
export type JsonOptionValue =
  | boolean
  | number
  | string
  | readonly string[]
  | readonly { window_seconds: number; granularity_seconds: number; limit: number }[]
  | { readonly [key: string]: number };

export type JsonOptionValueResult =
  | { readonly ok: true; readonly value: OptionValue }
  | { readonly ok: false; readonly error: OptionValueError };

/** The value in Sentry's JSON form, as `options.get(name)` returns it there. */
export function optionValueToJson(value: OptionValue): JsonOptionValue {
  switch (value.type) {
    case 'quota-list':
      return value.value.map((q) => ({
        window_seconds: q.windowSeconds,
        granularity_seconds: q.granularitySeconds,
        limit: q.limit,
      }));
    case 'string-list':
      return [...value.value];
    case 'rate-map':
      return { ...value.value };
    default:
      return value.value;
  }
}

const wrong = (type: OptionType, field = ''): JsonOptionValueResult => ({
  ok: false,
  error: { reason: 'wrong_type', field, message: `must be a ${type} in Sentry's JSON form` },
});

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Reads a value of the given type from Sentry's JSON form (shape only; validate with validateOptionValue). */
export function optionValueFromJson(type: OptionType | string, json: unknown): JsonOptionValueResult {
  if (!isOptionType(type)) {
    return { ok: false, error: { reason: 'wrong_type', field: '', message: `unknown option type ${type}` } };
  }
  switch (type) {
    case 'bool':
      return typeof json === 'boolean' ? { ok: true, value: { type, value: json } } : wrong(type);
    case 'int':
    case 'double':
      return typeof json === 'number' ? { ok: true, value: { type, value: json } } : wrong(type);
    case 'string':
      return typeof json === 'string' ? { ok: true, value: { type, value: json } } : wrong(type);
    case 'string-list':
      return Array.isArray(json) && json.every((s) => typeof s === 'string')
        ? { ok: true, value: { type, value: [...(json as string[])] } }
        : wrong(type);
    case 'rate-map':
      return isRecord(json) && Object.values(json).every((r) => typeof r === 'number')
        ? { ok: true, value: { type, value: { ...(json as Record<string, number>) } } }
        : wrong(type);
    case 'quota-list': {
      if (!Array.isArray(json)) return wrong(type);
      const quotas = [];
      for (const [i, q] of (json as unknown[]).entries()) {
        if (
          !isRecord(q) ||
          typeof q.window_seconds !== 'number' ||
          typeof q.granularity_seconds !== 'number' ||
          typeof q.limit !== 'number'
        ) {
          return wrong(type, `quotas[${i}]`);
        }
        quotas.push({
          windowSeconds: q.window_seconds,
          granularitySeconds: q.granularity_seconds,
          limit: q.limit,
        });
      }
      return { ok: true, value: { type, value: quotas } };
    }
  }
}
