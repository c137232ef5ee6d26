import { describe, expect, it } from 'vitest';
import { optionValueFromJson, optionValueToJson } from './json-option-value.js';
import type { OptionValue } from './option-value.js';

const VALUES: [OptionValue, unknown][] = [
  [{ type: 'bool', value: false }, false],
  [{ type: 'int', value: 3 }, 3],
  [{ type: 'double', value: 0.25 }, 0.25],
  [{ type: 'string', value: 's' }, 's'],
  [
    { type: 'quota-list', value: [{ windowSeconds: 10, granularitySeconds: 10, limit: 4 }] },
    [{ window_seconds: 10, granularity_seconds: 10, limit: 4 }],
  ],
  [{ type: 'string-list', value: ['custom'] }, ['custom']],
  [{ type: 'rate-map', value: { transactions: 0 } }, { transactions: 0 }],
];

describe("Sentry's JSON form", () => {
  it.each(VALUES)('converts %j both ways', (value, json) => {
    expect(optionValueToJson(value)).toEqual(json);
    expect(optionValueFromJson(value.type, json)).toEqual({ ok: true, value });
  });

  it.each<[string, unknown, string]>([
    ['bool', 'true', ''],
    ['int', '1', ''],
    ['string-list', [1], ''],
    ['rate-map', [], ''],
    ['quota-list', [{ window_seconds: 10, granularity_seconds: 10 }], 'quotas[0]'],
    ['quota-list', {}, ''],
  ])('refuses a %s written as %j', (type, json, field) => {
    const result = optionValueFromJson(type, json);
    expect(result.ok ? undefined : [result.error.reason, result.error.field]).toEqual(['wrong_type', field]);
  });

  it('refuses an unknown type', () => {
    expect(optionValueFromJson('map', {}).ok).toBe(false);
  });
});
