import {
  create,
  ScalarType,
  toBinary,
  type DescEnum,
  type DescField,
  type DescMessage,
  type MessageShape,
} from '@bufbuild/protobuf';
import fc from 'fast-check';

// Hostile values for every field kind, biased so that many requests pass the first checks and reach deeper
// code: mostly plausible, often at the edges (org 0, max uint64, 200/201 code points), sometimes absurd.

const U64_MAX = (1n << 64n) - 1n;
const I64_MAX = (1n << 63n) - 1n;

const EDGE_STRINGS = [
  '',
  ' ',
  '\0',
  'a\0b',
  '\u200f\u202e',
  'a\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦',
  '\ud800',
  '\udfff\ud800',
  '\ufffe\uffff',
  '%s%n%x',
  '${jndi:x}',
  '<script>alert(1)</script>',
  "'; DROP TABLE strings; --",
  '{"$gt": ""}',
  '$where',
  '$',
  'a.b',
  '..',
  '\n\r\t',
  '\\',
  '"',
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_.]{0,20}$/) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom(199, 200, 201, 1000, 1001, 5000),
        fc.constantFrom('a', 'é', '💩', '字', 'e\u0301'),
      )
      .map(([n, c]) => c.repeat(n)),
  },
);

export const VALID_USE_CASES = [
  'spans',
  'transactions',
  'sessions',
  'escalating_issues',
  'custom',
  'profiles',
  'metric_stats',
];
export const useCaseValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...VALID_USE_CASES) },
  { weight: 1, arbitrary: fc.constantFrom('release-health', 'performance', 'SPANS', 'spans ', 'unknown') },
  { weight: 2, arbitrary: hostileString },
);

export const orgIdValue: fc.Arbitrary<bigint> = fc.oneof(
  { weight: 5, arbitrary: fc.bigInt({ min: 1n, max: 50n }) },
  { weight: 2, arbitrary: fc.constantFrom(0n, I64_MAX, I64_MAX + 1n, U64_MAX) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: U64_MAX }) },
);

const uint64Value: fc.Arbitrary<bigint> = fc.oneof(
  { weight: 4, arbitrary: fc.bigInt({ min: 0n, max: 2000n }) },
  { weight: 2, arbitrary: fc.constantFrom(0n, 1n, I64_MAX, I64_MAX + 1n, I64_MAX + 100n, U64_MAX) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: U64_MAX }) },
);
const int64Value: fc.Arbitrary<bigint> = fc.oneof(
  fc.bigInt({ min: -1000n, max: 2_000_000_000n }),
  fc.constantFrom(-(1n << 63n), -1n, 0n, I64_MAX),
  fc.bigInt({ min: -(1n << 63n), max: I64_MAX }),
);
const uint32Value: fc.Arbitrary<number> = fc.oneof(
  fc.nat({ max: 200 }),
  fc.constantFrom(0, 1, 1000, 1001, 65535, 65536, 2 ** 31, 2 ** 32 - 1),
  fc.nat({ max: 2 ** 32 - 1 }),
);
const int32Value: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -5, max: 1000 }),
  fc.constantFrom(-(2 ** 31), -1, 2 ** 31 - 1, 999_999_999, 1_000_000_000),
);
const doubleValue: fc.Arbitrary<number> = fc.oneof(
  fc.double(),
  fc.constantFrom(0, -0, 1, -1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e308),
);

export const mriValue: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'c:custom/clicks@none',
      'd:transactions/duration@millisecond',
      's:sessions/user@none',
      'g:custom/memory@byte',
      'd:spans/exclusive_time@millisecond',
      'c:sessions/session@none',
      'e:custom/derived@none',
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom('c', 'd', 's', 'g', 'e', 'x', ''),
        fc.constantFrom(...VALID_USE_CASES, 'unknown', ''),
        hostileString,
        fc.constantFrom('none', 'millisecond', 'byte', '', 'weird@unit'),
      )
      .map(([t, ns, name, unit]) => `${t}:${ns}/${name}@${unit}`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'c:custom/',
      ':/@',
      'c:custom/a@',
      'avg(c:custom/a@none)',
      'c:custom/a@none)',
      'c::/@@',
    ),
  },
  { weight: 2, arbitrary: hostileString },
);

const metricTypeValue = fc.constantFrom('c', 'd', 's', 'g', 'e', 'x', '', 'counter', 'C');
const optionNameValue = fc.oneof(
  fc.constantFrom(
    'sentry-metrics.indexer.disabled-namespaces',
    'sentry-metrics.writes-limiter.limits.spans.per-org',
    'sentry-metrics.cardinality-limiter.limits.custom.per-org',
    'sentry-metrics.10s-granularity',
    'mindex.indexer.cache.ttl-seconds',
    'sentry-metrics.cardinality-limiter.orgs-rollout-rate',
  ),
  hostileString,
);
const numericStringValue = fc.oneof(
  fc.double().map(String),
  fc.constantFrom('1', '0', '-0', '1e309', 'NaN', 'Infinity', '', ' 1', '0x10', '1_000', '١٢٣'),
  hostileString,
);

/** Values chosen by field meaning ("<message>.<field>" or just "<field>"), overriding the generic kind. */
const BY_FIELD: Record<string, fc.Arbitrary<unknown>> = {
  use_case: useCaseValue,
  org_id: orgIdValue,
  mri: mriValue,
  metric_mri: mriValue,
  field: fc.oneof(
    mriValue.map((m) => `avg(${m})`),
    fc.constantFrom('p99(d:transactions/duration@millisecond)'),
    hostileString,
  ),
  'mindex.common.v1.MetricBucket.name': mriValue,
  'mindex.common.v1.MetricBucket.type': metricTypeValue,
  'mindex.common.v1.MetricBucket.namespace': fc.oneof(fc.constantFrom(...VALID_USE_CASES, ''), hostileString),
  'mindex.common.v1.MetricBucket.timestamp': fc.oneof(
    fc.constant(BigInt(Math.floor(Date.now() / 1000) - 3600)),
    uint64Value,
  ),
  'mindex.common.v1.IndexedBucket.type': metricTypeValue,
  'mindex.common.v1.IndexedBucket.use_case_id': useCaseValue,
  'mindex.common.v1.IndexedBucket.timestamp': fc.oneof(
    fc.constant(BigInt(Math.floor(Date.now() / 1000) - 3600)),
    uint64Value,
  ),
  'mindex.configuration.v1.GetOptionRequest.name': optionNameValue,
  'mindex.configuration.v1.SetOptionRequest.name': optionNameValue,
  'mindex.configuration.v1.DeleteOptionRequest.name': optionNameValue,
  'mindex.configuration.v1.ListOptionChangesRequest.name': optionNameValue,
  'mindex.query.v1.FormatMriFieldValueRequest.value': numericStringValue,
  'mindex.configuration.v1.GetIngestConfigurationRequest.use_case_key': fc.oneof(
    fc.constantFrom('release-health', 'performance'),
    hostileString,
  ),
};
const LIST_BY_FIELD: Record<string, fc.Arbitrary<unknown>> = {
  use_cases: useCaseValue,
  project_ids: fc.oneof(fc.bigInt({ min: 0n, max: 20n }), uint64Value),
};

const MAX_DEPTH = 4;

function scalarValue(scalar: ScalarType): fc.Arbitrary<unknown> {
  switch (scalar) {
    case ScalarType.STRING:
      return hostileString;
    case ScalarType.BOOL:
      return fc.boolean();
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT:
      return doubleValue;
    case ScalarType.UINT64:
    case ScalarType.FIXED64:
      return uint64Value;
    case ScalarType.INT64:
    case ScalarType.SINT64:
    case ScalarType.SFIXED64:
      return int64Value;
    case ScalarType.UINT32:
    case ScalarType.FIXED32:
      return uint32Value;
    case ScalarType.INT32:
    case ScalarType.SINT32:
    case ScalarType.SFIXED32:
      return int32Value;
    case ScalarType.BYTES:
      return fc.uint8Array({ maxLength: 64 });
  }
}

function enumValue(desc: DescEnum): fc.Arbitrary<number> {
  // Unknown numbers are legal on the wire (open enums) and must be rejected by name, not crash.
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...desc.values.map((v) => v.number)) },
    fc.integer({ min: -3, max: 99 }),
  );
}

/** Repeated fields: often empty or a few, sometimes dozens, with duplicates. */
function listOf<T>(item: fc.Arbitrary<T>): fc.Arbitrary<T[]> {
  return fc
    .oneof(
      { weight: 2, arbitrary: fc.constant<T[]>([]) },
      { weight: 6, arbitrary: fc.array(item, { minLength: 1, maxLength: 6 }) },
      { weight: 1, arbitrary: fc.array(item, { minLength: 7, maxLength: 40 }) },
    )
    .chain((items) =>
      items.length === 0
        ? fc.constant(items)
        : fc.boolean().map((dup) => (dup ? [...items, ...items.slice(0, 2)] : items)),
    );
}

function fieldValue(
  message: DescMessage,
  field: DescField,
  depth: number,
): fc.Arbitrary<unknown> | undefined {
  const named = BY_FIELD[`${message.typeName}.${field.name}`] ?? BY_FIELD[field.name];
  switch (field.fieldKind) {
    case 'scalar':
      return named ?? scalarValue(field.scalar);
    case 'enum':
      return enumValue(field.enum);
    case 'message':
      return depth >= MAX_DEPTH ? undefined : messageInit(field.message, depth + 1);
    case 'list': {
      const item =
        LIST_BY_FIELD[field.name] ??
        (field.listKind === 'scalar'
          ? (named ?? scalarValue(field.scalar))
          : field.listKind === 'enum'
            ? enumValue(field.enum)
            : depth >= MAX_DEPTH
              ? undefined
              : messageInit(field.message, depth + 1));
      return item === undefined ? undefined : listOf(item);
    }
    case 'map': {
      const key = field.mapKey === ScalarType.STRING ? hostileString : scalarValue(field.mapKey).map(String);
      const value =
        field.mapKind === 'scalar'
          ? scalarValue(field.scalar)
          : field.mapKind === 'enum'
            ? enumValue(field.enum)
            : depth >= MAX_DEPTH
              ? undefined
              : messageInit(field.message, depth + 1);
      return value === undefined ? undefined : fc.dictionary(key, value, { maxKeys: 8 });
    }
  }
}

/** A `create()` init object for `desc` with hostile values in every field (oneofs pick one case or none). */
export function messageInit(desc: DescMessage, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const field of desc.fields) {
    if (field.oneof !== undefined) continue;
    const value = fieldValue(desc, field, depth);
    if (value !== undefined) model[field.localName] = value;
  }
  for (const oneof of desc.oneofs) {
    const cases = oneof.fields.flatMap((field) => {
      const value = fieldValue(desc, field, depth);
      return value === undefined ? [] : [value.map((v) => ({ case: field.localName, value: v }))];
    });
    if (cases.length > 0) model[oneof.localName] = fc.oneof(...cases);
  }
  return fc.record(model, { requiredKeys: [] });
}

/** A hostile request message of `desc`. */
export function hostileMessage<D extends DescMessage>(desc: D): fc.Arbitrary<MessageShape<D>> {
  return messageInit(desc).map((init) => create(desc, init as never));
}

// Byte strings that are not (or barely) protobuf: a length prefix claiming 4 GiB, an 11-byte varint,
// group wire types, invalid UTF-8 in a string field, deep nesting, a truncated length-delimited field.
const RAW_SPECIALS: Uint8Array[] = [
  Uint8Array.of(0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f),
  Uint8Array.of(0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01),
  Uint8Array.of(0x0b, 0x0c),
  Uint8Array.of(0x0c),
  Uint8Array.of(0x0a, 0x04, 0xff, 0xfe, 0xc0, 0x80),
  Uint8Array.of(0x1a, 0x03, 0xed, 0xa0, 0x80),
  Uint8Array.of(0x0a, 0x10, 0x01),
  Uint8Array.of(0x00),
  Uint8Array.of(0x07, 0x01),
  Uint8Array.of(0xf8, 0xff, 0xff, 0xff, 0x7f, 0x01),
  nested(2000),
];

function nested(depth: number): Uint8Array {
  let inner: Uint8Array = new Uint8Array(0);
  for (let i = 0; i < depth; i++) {
    const header = [0x0a, ...varint(inner.length)];
    const next = new Uint8Array(header.length + inner.length);
    next.set(header);
    next.set(inner, header.length);
    inner = next;
  }
  return inner;
}

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}

/** Raw request bytes for `desc`: random garbage, truncated or corrupted valid encodings, and special cases. */
export function hostileBytes(desc: DescMessage): fc.Arbitrary<Uint8Array> {
  const valid = hostileMessage(desc).map((message) => toBinary(desc, message));
  return fc.oneof(
    { weight: 3, arbitrary: fc.uint8Array({ maxLength: 300 }) },
    {
      weight: 3,
      arbitrary: valid.chain((bytes) =>
        fc.nat({ max: Math.max(0, bytes.length - 1) }).map((n) => bytes.slice(0, n)),
      ),
    },
    {
      weight: 3,
      arbitrary: valid.chain((bytes) =>
        fc
          .tuple(fc.nat({ max: Math.max(0, bytes.length - 1) }), fc.integer({ min: 1, max: 255 }))
          .map(([at, xor]) => {
            const copy = bytes.slice();
            if (copy.length > 0) copy[at] = copy[at]! ^ xor;
            return copy;
          }),
      ),
    },
    { weight: 1, arbitrary: valid },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_SPECIALS) },
  );
}
