import { describe, expect, it } from 'vitest';
import { configurationOptions as opts } from '@mindex/proto';
import { optionValueFromJson } from './option-value-from-json.js';

describe('optionValueFromJson', () => {
  it('reads a quota list with snake_case fields as in Sentry options', () => {
    const value = optionValueFromJson(
      opts.OptionType.QUOTA_LIST,
      '[{"window_seconds":10,"granularity_seconds":5,"limit":3}]',
    );
    expect(value.kind).toEqual({
      case: 'quotaList',
      value: expect.objectContaining({
        quotas: [expect.objectContaining({ windowSeconds: 10n, granularitySeconds: 5n, limit: 3n })],
      }),
    });
  });

  it.each([
    [opts.OptionType.BOOL, 'true', { case: 'boolValue', value: true }],
    [opts.OptionType.DOUBLE, '0.5', { case: 'doubleValue', value: 0.5 }],
    [opts.OptionType.INT, '7200', { case: 'intValue', value: 7200n }],
    [opts.OptionType.STRING, '"x"', { case: 'stringValue', value: 'x' }],
  ])('reads type %s from %s', (type, text, kind) => {
    expect(optionValueFromJson(type, text).kind).toEqual(kind);
  });

  it('reads a string list', () => {
    const value = optionValueFromJson(opts.OptionType.STRING_LIST, '["spans","custom"]');
    expect(value.kind.case === 'stringList' && value.kind.value.values).toEqual(['spans', 'custom']);
  });

  it('rejects a value of the wrong JSON type with what it expected', () => {
    expect(() => optionValueFromJson(opts.OptionType.BOOL, '1')).toThrow('expected a JSON boolean, got 1');
  });
});
