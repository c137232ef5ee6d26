import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { configurationOptions as opts } from '@mindex/proto';

type OptionValue = opts.OptionValue;

/**
 * Reads a JSON text as a value of the given option type, e.g. `[{"window_seconds":10,"granularity_seconds":10,"limit":1}]`
 * for a quota list. The service validates the value; this only shapes it.
 */
export function optionValueFromJson(type: opts.OptionType, text: string): OptionValue {
  const json: unknown = JSON.parse(text);
  const value = (kind: MessageInitShape<typeof opts.OptionValueSchema>['kind']) =>
    create(opts.OptionValueSchema, { kind });
  switch (type) {
    case opts.OptionType.BOOL:
      return value({ case: 'boolValue', value: expect(json, 'boolean') });
    case opts.OptionType.INT:
      return value({ case: 'intValue', value: BigInt(expect(json, 'number')) });
    case opts.OptionType.DOUBLE:
      return value({ case: 'doubleValue', value: expect(json, 'number') });
    case opts.OptionType.STRING:
      return value({ case: 'stringValue', value: expect(json, 'string') });
    case opts.OptionType.STRING_LIST:
      return value({
        case: 'stringList',
        value: { values: expectArray(json).map((v) => expect(v, 'string')) },
      });
    case opts.OptionType.RATE_MAP:
      return value({ case: 'rateMap', value: { rates: expectRecord(json) } });
    case opts.OptionType.QUOTA_LIST:
      return value({
        case: 'quotaList',
        value: {
          quotas: expectArray(json).map((q) => {
            const quota = expectRecord(q);
            return {
              windowSeconds: BigInt(quota['window_seconds'] ?? 0),
              granularitySeconds: BigInt(quota['granularity_seconds'] ?? 0),
              limit: BigInt(quota['limit'] ?? 0),
            };
          }),
        },
      });
    default:
      throw new Error(`unsupported option type ${type}`);
  }
}

function expect<T extends 'boolean' | 'number' | 'string'>(
  json: unknown,
  type: T,
): T extends 'boolean' ? boolean : T extends 'number' ? number : string {
  if (typeof json !== type) throw new Error(`expected a JSON ${type}, got ${JSON.stringify(json)}`);
  return json as never;
}

function expectArray(json: unknown): unknown[] {
  if (!Array.isArray(json)) throw new Error(`expected a JSON array, got ${JSON.stringify(json)}`);
  return json;
}

function expectRecord(json: unknown): Record<string, number> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error(`expected a JSON object, got ${JSON.stringify(json)}`);
  }
  return json as Record<string, number>;
}
