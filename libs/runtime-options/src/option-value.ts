/** One sliding-window quota (spec §5.1): `limit` units per `windowSeconds`, counted in granules. */
export interface Quota {
  readonly windowSeconds: number;
  readonly granularitySeconds: number;
  readonly limit: number;
}

/** The value types a runtime option can have (the proto `OptionType`, kebab-case). */
export const OPTION_TYPES = [
  'bool',
  'int',
  'double',
  'string',
  'quota-list',
  'string-list',
  'rate-map',
] as const;

export type OptionType = (typeof OPTION_TYPES)[number];

/** A typed option value. `int` values are safe integers (the wire's int64 is converted at the edge). */
export type OptionValue =
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'int'; readonly value: number }
  | { readonly type: 'double'; readonly value: number }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'quota-list'; readonly value: readonly Quota[] }
  | { readonly type: 'string-list'; readonly value: readonly string[] }
  | { readonly type: 'rate-map'; readonly value: Readonly<Record<string, number>> };

interface OptionValueTypes {
  bool: boolean;
  int: number;
  double: number;
  string: string;
  'quota-list': readonly Quota[];
  'string-list': readonly string[];
  'rate-map': Readonly<Record<string, number>>;
}

/** The value of an option value of type T. */
export type OptionValueOf<T extends OptionType> = OptionValueTypes[T];

export function isOptionType(value: string): value is OptionType {
  return (OPTION_TYPES as readonly string[]).includes(value);
}

/** Structural equality of two option values (rate maps compare as key sets, in any order). */
export function optionValuesEqual(a: OptionValue, b: OptionValue): boolean {
  if (a.type !== b.type) return false;
  switch (a.type) {
    case 'quota-list': {
      const other = b.value as readonly Quota[];
      return (
        a.value.length === other.length &&
        a.value.every(
          (q, i) =>
            q.windowSeconds === other[i]?.windowSeconds &&
            q.granularitySeconds === other[i]?.granularitySeconds &&
            q.limit === other[i]?.limit,
        )
      );
    }
    case 'string-list': {
      const other = b.value as readonly string[];
      return a.value.length === other.length && a.value.every((s, i) => s === other[i]);
    }
    case 'rate-map': {
      const other = b.value as Readonly<Record<string, number>>;
      const keys = Object.keys(a.value);
      return keys.length === Object.keys(other).length && keys.every((k) => Object.is(a.value[k], other[k]));
    }
    default:
      return Object.is(a.value, b.value);
  }
}
