/**
 * The operations `OP_REGEX` alternates over: every key of `OP_TO_SNUBA_FUNCTION` and
 * `GENERIC_OP_TO_SNUBA_FUNCTION` (spec §2.2, §3.1). `p100` is deliberately absent, as in the reference.
 */
export const OP_REGEX_OPERATIONS = [
  'sum',
  'min_timestamp',
  'max_timestamp',
  'avg',
  'count',
  'max',
  'min',
  'p50',
  'p75',
  'p90',
  'p95',
  'p99',
  'histogram',
  'count_unique',
  'last',
] as const;

export type OpRegexOperation = (typeof OP_REGEX_OPERATIONS)[number];

/** `OP_REGEX`: one capturing group; order is irrelevant because `\(` must follow the op. */
export const OP_REGEX = `(${OP_REGEX_OPERATIONS.join('|')})`;
