import type { OptionValue, Quota } from '@mindex/runtime-options';

/**
 * An OptionValue as stored in MongoDB. Rate maps become lists of pairs because their keys are free text that may
 * contain '.' or start with '$', which document keys must not.
 */
export type StoredOptionValue =
  | Exclude<OptionValue, { type: 'rate-map' }>
  | {
      readonly type: 'rate-map';
      readonly entries: readonly { readonly key: string; readonly rate: number }[];
    };

export function toStoredOptionValue(value: OptionValue): StoredOptionValue {
  if (value.type !== 'rate-map') return value;
  return { type: 'rate-map', entries: Object.entries(value.value).map(([key, rate]) => ({ key, rate })) };
}

const num = (n: unknown): number => (typeof n === 'bigint' ? Number(n) : (n as number));

/** Reads a stored value back; undefined for something this code never wrote. */
export function fromStoredOptionValue(stored: unknown): OptionValue | undefined {
  if (stored === null || typeof stored !== 'object') return undefined;
  const doc = stored as { type?: unknown; value?: unknown; entries?: unknown };
  switch (doc.type) {
    case 'bool':
      return typeof doc.value === 'boolean' ? { type: 'bool', value: doc.value } : undefined;
    case 'int':
    case 'double':
      return { type: doc.type, value: num(doc.value) };
    case 'string':
      return typeof doc.value === 'string' ? { type: 'string', value: doc.value } : undefined;
    case 'string-list':
      return Array.isArray(doc.value) ? { type: 'string-list', value: doc.value.map(String) } : undefined;
    case 'quota-list':
      return Array.isArray(doc.value)
        ? {
            type: 'quota-list',
            value: (doc.value as Quota[]).map((q) => ({
              windowSeconds: num(q.windowSeconds),
              granularitySeconds: num(q.granularitySeconds),
              limit: num(q.limit),
            })),
          }
        : undefined;
    case 'rate-map':
      return Array.isArray(doc.entries)
        ? {
            type: 'rate-map',
            value: Object.fromEntries(
              (doc.entries as { key: unknown; rate: unknown }[]).map((e) => [String(e.key), num(e.rate)]),
            ),
          }
        : undefined;
    default:
      return undefined;
  }
}
