import { describe, expect, it } from 'vitest';
import type { OptionValue } from './option-value.js';
import { optionValueFromWire, optionValueToWire, type WireOptionValue } from './wire-option-value.js';

const VALUES: [string, OptionValue, WireOptionValue][] = [
  ['bool', { type: 'bool', value: true }, { kind: { case: 'boolValue', value: true } }],
  ['int', { type: 'int', value: 7200 }, { kind: { case: 'intValue', value: 7200n } }],
  ['double', { type: 'double', value: 0.5 }, { kind: { case: 'doubleValue', value: 0.5 } }],
  ['string', { type: 'string', value: 'x' }, { kind: { case: 'stringValue', value: 'x' } }],
  [
    'quota-list',
    { type: 'quota-list', value: [{ windowSeconds: 3600, granularitySeconds: 600, limit: 10000 }] },
    {
      kind: {
        case: 'quotaList',
        value: { quotas: [{ windowSeconds: 3600n, granularitySeconds: 600n, limit: 10000n }] },
      },
    },
  ],
  [
    'string-list',
    { type: 'string-list', value: ['a', 'b'] },
    { kind: { case: 'stringList', value: { values: ['a', 'b'] } } },
  ],
  [
    'rate-map',
    { type: 'rate-map', value: { spans: 0.1 } },
    { kind: { case: 'rateMap', value: { rates: { spans: 0.1 } } } },
  ],
];

describe('wire option values', () => {
  it.each(VALUES)('converts a %s both ways', (_type, value, wire) => {
    expect(optionValueToWire(value)).toEqual(wire);
    expect(optionValueFromWire(wire)).toEqual({ ok: true, value });
  });

  it('refuses a value without a kind', () => {
    expect(optionValueFromWire({ kind: { case: undefined } })).toEqual({
      ok: false,
      error: { reason: 'wrong_type', field: '', message: 'a value is required' },
    });
    expect(optionValueFromWire(undefined).ok).toBe(false);
  });

  it.each<[WireOptionValue, string]>([
    [{ kind: { case: 'intValue', value: 2n ** 53n } }, 'int_value'],
    [
      {
        kind: {
          case: 'quotaList',
          value: { quotas: [{ windowSeconds: 2n ** 60n, granularitySeconds: 1n, limit: 1n }] },
        },
      },
      'quota_list.quotas[0].window_seconds',
    ],
    [
      {
        kind: {
          case: 'quotaList',
          value: { quotas: [{ windowSeconds: 1n, granularitySeconds: 1n, limit: 2n ** 63n }] },
        },
      },
      'quota_list.quotas[0].limit',
    ],
  ])('refuses 64-bit integers beyond 2^53-1 at %#', (wire, field) => {
    const result = optionValueFromWire(wire);
    expect(result.ok ? '' : result.error.field).toBe(field);
  });
});
