import type { OptionValue } from './option-value.js';
import type { OptionValueError } from './validate-option-value.js';

// The shape of the proto `mindex.configuration.v1.OptionValue` (protobuf-es v2), written out structurally so this
// domain lib needs no import of the generated code: a generated message is assignable to WireOptionValue, and
// what optionValueToWire returns is a valid init for `create(OptionValueSchema, ...)`.

export interface WireQuota {
  readonly windowSeconds: bigint;
  readonly granularitySeconds: bigint;
  readonly limit: bigint;
}

export type WireOptionValueKind =
  | { readonly case: 'boolValue'; readonly value: boolean }
  | { readonly case: 'intValue'; readonly value: bigint }
  | { readonly case: 'doubleValue'; readonly value: number }
  | { readonly case: 'stringValue'; readonly value: string }
  | { readonly case: 'quotaList'; readonly value: { readonly quotas: readonly WireQuota[] } }
  | { readonly case: 'stringList'; readonly value: { readonly values: readonly string[] } }
  | { readonly case: 'rateMap'; readonly value: { readonly rates: { readonly [key: string]: number } } }
  | { readonly case: undefined; readonly value?: undefined };

export interface WireOptionValue {
  readonly kind: WireOptionValueKind;
}

/** What optionValueToWire returns: mutable arrays, as the generated init types expect. */
export interface WireOptionValueInit {
  readonly kind:
    | { readonly case: 'boolValue'; readonly value: boolean }
    | { readonly case: 'intValue'; readonly value: bigint }
    | { readonly case: 'doubleValue'; readonly value: number }
    | { readonly case: 'stringValue'; readonly value: string }
    | { readonly case: 'quotaList'; readonly value: { quotas: WireQuota[] } }
    | { readonly case: 'stringList'; readonly value: { values: string[] } }
    | { readonly case: 'rateMap'; readonly value: { rates: { [key: string]: number } } };
}

export type WireOptionValueResult =
  | { readonly ok: true; readonly value: OptionValue }
  | { readonly ok: false; readonly error: OptionValueError };

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function toSafeNumber(n: bigint): number | undefined {
  return n > MAX_SAFE || n < -MAX_SAFE ? undefined : Number(n);
}

const notSafe = (field: string, n: bigint): WireOptionValueResult => ({
  ok: false,
  error: { reason: 'invalid_value', field, message: `${n} is out of range (at most 2^53-1)` },
});

/** Wire field name of each value type (the oneof case in snake_case), for error paths like `quota_list.quotas[0]`. */
export const WIRE_FIELD_OF_TYPE = {
  bool: 'bool_value',
  int: 'int_value',
  double: 'double_value',
  string: 'string_value',
  'quota-list': 'quota_list',
  'string-list': 'string_list',
  'rate-map': 'rate_map',
} as const;

/**
 * Converts a wire value to an OptionValue (shape only; validate it with validateOptionValue). 64-bit integers
 * beyond 2^53-1 are refused rather than rounded.
 */
export function optionValueFromWire(wire: WireOptionValue | undefined): WireOptionValueResult {
  const kind = wire?.kind;
  switch (kind?.case) {
    case 'boolValue':
      return { ok: true, value: { type: 'bool', value: kind.value } };
    case 'intValue': {
      const n = toSafeNumber(kind.value);
      return n === undefined
        ? notSafe('int_value', kind.value)
        : { ok: true, value: { type: 'int', value: n } };
    }
    case 'doubleValue':
      return { ok: true, value: { type: 'double', value: kind.value } };
    case 'stringValue':
      return { ok: true, value: { type: 'string', value: kind.value } };
    case 'quotaList': {
      const quotas = [];
      for (const [i, q] of kind.value.quotas.entries()) {
        const windowSeconds = toSafeNumber(q.windowSeconds);
        const granularitySeconds = toSafeNumber(q.granularitySeconds);
        const limit = toSafeNumber(q.limit);
        const at = `quota_list.quotas[${i}]`;
        if (windowSeconds === undefined) return notSafe(`${at}.window_seconds`, q.windowSeconds);
        if (granularitySeconds === undefined)
          return notSafe(`${at}.granularity_seconds`, q.granularitySeconds);
        if (limit === undefined) return notSafe(`${at}.limit`, q.limit);
        quotas.push({ windowSeconds, granularitySeconds, limit });
      }
      return { ok: true, value: { type: 'quota-list', value: quotas } };
    }
    case 'stringList':
      return { ok: true, value: { type: 'string-list', value: [...kind.value.values] } };
    case 'rateMap':
      return { ok: true, value: { type: 'rate-map', value: { ...kind.value.rates } } };
    default:
      return { ok: false, error: { reason: 'wrong_type', field: '', message: 'a value is required' } };
  }
}

/** Converts an OptionValue to the wire shape (a valid init for the generated `OptionValueSchema`). */
export function optionValueToWire(value: OptionValue): WireOptionValueInit {
  switch (value.type) {
    case 'bool':
      return { kind: { case: 'boolValue', value: value.value } };
    case 'int':
      return { kind: { case: 'intValue', value: BigInt(value.value) } };
    case 'double':
      return { kind: { case: 'doubleValue', value: value.value } };
    case 'string':
      return { kind: { case: 'stringValue', value: value.value } };
    case 'quota-list':
      return {
        kind: {
          case: 'quotaList',
          value: {
            quotas: value.value.map((q) => ({
              windowSeconds: BigInt(q.windowSeconds),
              granularitySeconds: BigInt(q.granularitySeconds),
              limit: BigInt(q.limit),
            })),
          },
        },
      };
    case 'string-list':
      return { kind: { case: 'stringList', value: { values: [...value.value] } } };
    case 'rate-map':
      return { kind: { case: 'rateMap', value: { rates: { ...value.value } } } };
  }
}
